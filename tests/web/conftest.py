"""A real server (uvicorn, in a thread) over the sample corpus, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from presslens.settings import Settings

from ..api.conftest import corpus_db  # noqa: F401 - the shared corpus fixture

ARTIFACTS = Path(__file__).resolve().parents[2] / "build" / "test-artifacts"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextmanager
def serving(db):
    """uvicorn over the store ``db`` in a thread; yields its base URL."""
    import uvicorn

    from presslens.api import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(Settings(db_url=str(db))), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        instance.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def server(corpus_db):  # noqa: F811
    with serving(corpus_db) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    executable = _chromium()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed: .ci/run installs Debian's chromium")
        pytest.skip("no Chromium on this machine (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    yield opened
    context.close()


def screenshot(page, name: str, full: bool = False) -> Path:
    """The page (``full``: all of it, not just the viewport) as ``build/test-artifacts/NAME.png``."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full)
    return path


def full_screenshot(page, name: str) -> Path:
    return screenshot(page, name, full=True)


@pytest.fixture(scope="session")
def many_db(tmp_path_factory):
    """A store whose biggest story is carried by twelve outlets (one a wire copy), with a follow-up story a
    month later; the two joined by a thread."""
    from presslens.pipeline import ingest_paths
    from presslens.records import Thread
    from presslens.store import Store

    from .many_outlets import write_corpus

    folder = tmp_path_factory.mktemp("many")
    settings = Settings(db_url=str(folder / "many.db"))
    with Store.open(settings.db_url) as store:
        assert ingest_paths([write_corpus(folder / "many.jsonl")], store, settings).ok
        stories = sorted(store.list_stories(limit=10), key=lambda s: s.first_seen)
        assert len(stories) >= 2
        store.replace_threads([Thread(stories[0].story_id, "Kestrel Dam", [s.story_id for s in stories],
                                      sorted({o for s in stories for o in s.outlets}), sum(s.size for s in stories),
                                      stories[0].first_seen, max(s.last_seen for s in stories))])
    return folder / "many.db"


@pytest.fixture(scope="session")
def many_server(many_db):
    with serving(many_db) as url:
        yield url


def _watch(page):
    """``page`` with its console errors and uncaught exceptions collected in ``page.errors``."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    return page


@pytest.fixture
def watched(page):
    """``page`` with its console errors and uncaught exceptions collected in ``page.errors``."""
    return _watch(page)


@pytest.fixture
def narrow(browser):
    """A page 1024 px wide, its console errors collected in ``page.errors``."""
    context = browser.new_context(viewport={"width": 1024, "height": 900})
    yield _watch(context.new_page())
    context.close()


