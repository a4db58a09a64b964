"""The server under load and abuse: ingest jobs off the event loop, bad JSON, single-flight briefs,
security headers and HEAD, blank filters, and connection deadlines, on a real uvicorn where it matters.

Tests that touch the store run on SQLite and PostgreSQL (``corpus_url``/``corpus_copy``)."""

from __future__ import annotations

import json
import logging
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from types import SimpleNamespace

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

import presslens.api
from presslens.api import create_app
from presslens.api.briefs import BriefCache, SingleFlightCache
from presslens.api.jobs import JobQueue, QueueFull
from presslens.api.middleware import CONTENT_SECURITY_POLICY
from presslens.api.server import GuardedH11Protocol, server_config
from presslens.errors import IngestError
from presslens.pipeline import IngestReport
from presslens.settings import Settings
from presslens.store import Store

from .conftest import TOKEN
from .test_api import AUTH, ingested
from .test_hostile import LIST_PARAMETERS

WORDS = ["harbour", "bridge", "council", "ferry", "girder", "repair", "mayor", "budget", "engineers", "crossing",
         "river", "tide", "lorry", "school"]


def article(i: int) -> dict:
    """A distinct test article with one attributed quote."""
    words = " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(40))
    return {"title": f"Report {i} on the {WORDS[i % len(WORDS)]}", "outlet": f"Wire {i % 5}",
            "date": f"2026-04-{1 + i % 28:02d}",
            "text": f"Story number {i}. {words.capitalize()}. \"We will fix the {WORDS[i % 9]} by May {i},\" said "
                    f"Helen Okafor, the mayor. {words}."}


@contextmanager
def serving(app: FastAPI, **options: float) -> Iterator[tuple[str, int]]:
    """``app`` on a real uvicorn (presslens's server configuration) in a thread: yields (base URL, port)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(server_config(app, "127.0.0.1", port, **options))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started
    try:
        yield f"http://127.0.0.1:{port}", port
    finally:
        server.should_exit = True
        thread.join(timeout=30)


class Gate:
    """Holds every ingest job in the worker until opened; counts the jobs that reached it."""

    def __init__(self, real) -> None:
        self.real, self.opened, self.reached = real, threading.Event(), 0

    def __call__(self, data: bytes, name: str, store: Store, settings: Settings, **options) -> IngestReport:
        self.reached += 1
        assert self.opened.wait(120)
        return self.real(data, name, store, settings, **options)


@pytest.fixture
def gate(monkeypatch) -> Gate:
    held = Gate(presslens.api.ingest_bytes)
    monkeypatch.setattr(presslens.api, "ingest_bytes", held)
    return held


def wait_status(client, location: str, statuses: set[str], timeout: float = 30) -> dict:
    deadline = time.monotonic() + timeout
    while (job := client.get(location, headers=AUTH).json())["status"] not in statuses:
        assert time.monotonic() < deadline, job
        time.sleep(0.02)
    return job


# -- 1. ingest jobs ---------------------------------------------------------------------------

def test_post_queues_a_job_whose_report_carries_the_ingest_result(corpus_copy):
    with TestClient(create_app(Settings(db_url=corpus_copy(), api_token=TOKEN))) as client:
        posted = client.post("/api/v1/articles", json=[article(1), article(2)], headers=AUTH)
        assert posted.status_code == 202 and posted.headers["Location"] == f"/api/v1/jobs/{posted.json()['job_id']}"
        assert posted.json()["status"] in ("queued", "running", "done")
        report = ingested(client, posted)
        assert (report["added"], report["already_stored"], report["errors"]) == (2, 0, [])
        again = ingested(client, client.post("/api/v1/articles", json=article(1), headers=AUTH))
        assert (again["added"], again["already_stored"]) == (0, 1)
        bad = ingested(client, client.post("/api/v1/articles", headers=AUTH,
                                           files={"file": ("broken.json", b"{oops", "application/json")}))
        assert bad["added"] == 0 and re.match(r"\[E1\d\d\] broken\.json", bad["errors"][0])
        job = client.get(posted.headers["Location"], headers=AUTH).json()
        assert job["status"] == "done" and job["finished"] and job["report"]["added"] == 2


def test_jobs_need_the_token_and_unknown_ones_are_404(corpus_copy):
    with TestClient(create_app(Settings(db_url=corpus_copy(), api_token=TOKEN))) as client:
        assert client.get("/api/v1/jobs/nope").status_code == 401
        missing = client.get("/api/v1/jobs/nope", headers=AUTH)
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_reads_answer_at_once_while_a_job_holds_the_writer(corpus_copy, gate):
    """The job sits in the worker (as a long ingest would); reads go on, then the job finishes."""
    app = create_app(Settings(db_url=corpus_copy(), api_token=TOKEN))
    with serving(app) as (url, _port), httpx.Client(base_url=url, timeout=30) as client:
        posted = client.post("/api/v1/articles", json=[article(i) for i in range(3)], headers=AUTH)
        assert posted.status_code == 202
        assert wait_status(client, posted.headers["Location"], {"running"})["status"] == "running"
        for _ in range(10):
            started = time.perf_counter()
            assert client.get("/api/v1/articles", params={"limit": 5}).status_code == 200
            assert time.perf_counter() - started < 1.0
        gate.opened.set()
        done = wait_status(client, posted.headers["Location"], {"done", "failed"})
        assert done["status"] == "done" and done["report"]["added"] == 3


def test_reads_stay_fast_during_a_large_real_ingest(corpus_copy):
    app = create_app(Settings(db_url=corpus_copy(), api_token=TOKEN))
    body = "[" + ",".join(json.dumps(article(i)) for i in range(100, 180)) + "]"
    with serving(app) as (url, _port), httpx.Client(base_url=url, timeout=30) as client:
        posted = client.post("/api/v1/articles", content=body, headers={**AUTH, "Content-Type": "application/json"})
        location, waits = posted.headers["Location"], []
        while client.get(location, headers=AUTH).json()["status"] in ("queued", "running"):
            started = time.perf_counter()
            assert client.get("/api/v1/articles", params={"limit": 20}).status_code == 200
            waits.append(time.perf_counter() - started)
        assert waits and max(waits) < 2.0, waits
        assert wait_status(client, location, {"done"})["report"]["added"] == 80


def test_a_full_queue_answers_503_with_retry_after(corpus_copy, gate):
    with TestClient(create_app(Settings(db_url=corpus_copy(), api_token=TOKEN), max_queued_jobs=1)) as client:
        first = client.post("/api/v1/articles", json=article(1), headers=AUTH)
        wait_status(client, first.headers["Location"], {"running"})
        second = client.post("/api/v1/articles", json=article(2), headers=AUTH)
        assert second.status_code == 202 and second.json()["status"] == "queued"
        refused = client.post("/api/v1/articles", json=article(3), headers=AUTH)
        assert refused.status_code == 503 and refused.headers["Retry-After"].isdigit()
        assert refused.json()["error"]["code"] == "busy"
        gate.opened.set()
        assert ingested(client, first)["added"] == ingested(client, second)["added"] == 1
        assert client.post("/api/v1/articles", json=article(3), headers=AUTH).status_code == 202


def test_job_queue_bounds_bytes_and_forgets_the_oldest_finished_jobs():
    ran: list[str] = []
    opened = threading.Event()

    def ingest(data: bytes, name: str, fmt: str | None) -> IngestReport:
        assert opened.wait(30)
        ran.append(name)
        return IngestReport(files=1, added=1)

    jobs = JobQueue(ingest, max_queued=10, max_queued_bytes=100, keep=3)
    first = jobs.submit(b"x", "first", None)
    while jobs.get(first.job_id).status != "running":
        time.sleep(0.01)
    queued = [jobs.submit(b"y" * 60, "big", None)]
    with pytest.raises(QueueFull):
        jobs.submit(b"z" * 60, "too many bytes", None)
    opened.set()
    queued += [jobs.submit(b"y", f"job-{i}", None) for i in range(4)]
    while len(ran) < 6:
        time.sleep(0.01)
    jobs.close()
    assert jobs.get(first.job_id) is None and jobs.get(queued[0].job_id) is None
    assert jobs.get(queued[-1].job_id).as_dict()["report"]["added"] == 1
    with pytest.raises(QueueFull):
        jobs.submit(b"x", "after close", None)


@pytest.mark.parametrize(("error", "code"), [(RuntimeError("disk on fire"), "internal"),
                                             (IngestError("E101", source="x.txt"), "E101")])
def test_a_failed_job_reports_an_error_code(error, code, caplog):
    def ingest(data: bytes, name: str, fmt: str | None) -> IngestReport:
        raise error

    jobs = JobQueue(ingest)
    job = jobs.submit(b"x", "x.txt", None)
    while jobs.get(job.job_id).status in ("queued", "running"):
        time.sleep(0.01)
    jobs.close()
    found = jobs.get(job.job_id).as_dict()
    assert found["status"] == "failed" and found["error"]["code"] == code and found["error"]["message"]
    assert "disk on fire" not in found["error"]["message"]


# -- 2. bad JSON and the catch-all ------------------------------------------------------------

BAD_BODIES = {
    "lone surrogate": b'{"title": "x", "text": "\\ud800 broken text about the harbour bridge"}',
    "lone low surrogate in a key": b'{"\\udc00": 1, "text": "some text about the bridge"}',
    "surrogate deep in a list": b'[{"text": "fine text here", "tags": ["a", "\\udfff"]}]',
    "lists 100,000 deep": b"[" * 100_000 + b"]" * 100_000,
    "objects 100,000 deep": b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
    "a field 40 deep": b'{"text": "words here", "x": ' + b"[" * 40 + b"]" * 40 + b"}",
    "not UTF-8": b'{"text": "\xff\xfe broken"}',
    "not JSON": b"{oops",
}


@pytest.mark.parametrize("name", list(BAD_BODIES))
def test_bad_json_bodies_are_400_in_the_error_shape(corpus_copy, name):
    with TestClient(create_app(Settings(db_url=corpus_copy(), api_token=TOKEN))) as client:
        response = client.post("/api/v1/articles", content=BAD_BODIES[name],
                               headers={**AUTH, "Content-Type": "application/json"})
        assert response.status_code == 400, response.text[:300]
        assert response.json()["error"]["code"] == "invalid_json" and response.json()["error"]["message"]


def test_an_unhandled_exception_answers_the_error_shape_and_is_logged(corpus_db, caplog):
    app = create_app(Settings(db_url=str(corpus_db)))

    def boom() -> dict:
        raise RuntimeError("kaboom")

    app.add_api_route("/api/v1/boom", boom)
    with TestClient(app, raise_server_exceptions=False) as client, caplog.at_level(logging.ERROR):
        response = client.get("/api/v1/boom")
        head = client.head("/api/v1/boom")
    assert response.status_code == 500 and response.headers["content-type"] == "application/json"
    assert response.json() == {"error": {"code": "internal", "message": "internal server error"}}
    assert response.headers["x-content-type-options"] == "nosniff"
    assert head.status_code == 500 and head.content == b""
    assert any(r.exc_info and "kaboom" in str(r.exc_info[1]) for r in caplog.records)


# -- 3. briefs --------------------------------------------------------------------------------

class CountingBuilder:
    """A brief builder that counts its builds, takes its time, and may fail."""

    def __init__(self, fail: bool = False, seconds: float = 0.3) -> None:
        from presslens.compare import story_brief

        self.real, self.fail, self.seconds, self.builds = story_brief, fail, seconds, 0
        self.lock = threading.Lock()

    def __call__(self, material):
        with self.lock:
            self.builds += 1
        time.sleep(self.seconds)
        if self.fail:
            raise RuntimeError("brief build failed")
        return self.real(material)


def _in_threads(count: int, work) -> list:
    barrier, results = threading.Barrier(count), [None] * count

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = work()
        except Exception as exc:
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def test_fifteen_first_requests_build_a_brief_once(corpus_url):
    builder, cache = CountingBuilder(), None
    with Store.open(corpus_url) as store:
        cache = BriefCache(build=builder)
        story = store.list_stories(limit=1)[0]
        results = _in_threads(15, lambda: cache.material_and_brief(store, story.story_id))
        assert builder.builds == 1 and all(r is results[0] for r in results)
        assert cache.get(store, story.story_id[:8]) is results[0][1] and builder.builds == 1


def test_a_failed_brief_build_reaches_every_waiter_and_is_not_cached(corpus_url):
    builder = CountingBuilder(fail=True)
    with Store.open(corpus_url) as store:
        cache = BriefCache(build=builder)
        story_id = store.list_stories(limit=1)[0].story_id
        results = _in_threads(15, lambda: cache.get(store, story_id))
        assert builder.builds == 1 and all(isinstance(r, RuntimeError) for r in results)
        assert len(cache) == 0
        builder.fail = False
        assert cache.get(store, story_id).story_id == story_id and builder.builds == 2


def test_brief_cache_is_bounded_in_entries_and_size(corpus_url):
    def stub(material) -> SimpleNamespace:
        return SimpleNamespace(story_id=material.story.story_id, quote_groups=[], facts=[], unique=[])

    with Store.open(corpus_url) as store:
        stories = store.list_stories(limit=10)
        by_count, by_size = BriefCache(size=2, build=stub), BriefCache(max_bytes=1, build=stub)
        for story in stories:
            assert by_count.get(store, story.story_id).story_id == by_size.get(store, story.story_id).story_id
        assert len(stories) >= 4 and len(by_count) == 2 and len(by_size) == 1


def test_single_flight_cache_keeps_the_size_bound():
    cache: SingleFlightCache[int, bytes] = SingleFlightCache(size=10, max_bytes=250, weigh=len)
    for key in range(6):
        assert cache.get(key, lambda k=key: bytes(100)) == bytes(100)
    assert len(cache) == 2 and cache.weight == 200
    assert cache.get(5, lambda: b"rebuilt") == bytes(100)


def test_parallel_brief_requests_over_http_build_once(corpus_url):
    app = create_app(Settings(db_url=corpus_url), with_web=False)
    builder = CountingBuilder(seconds=0.5)
    app.state.briefs = BriefCache(build=builder)
    with serving(app) as (url, _port), httpx.Client(base_url=url, timeout=60) as client:
        story_id = client.get("/api/v1/stories", params={"limit": 1}).json()["items"][0]["story_id"]
        answers = _in_threads(15, lambda: httpx.get(f"{url}/api/v1/stories/{story_id}/brief", timeout=60))
    assert all(a.status_code == 200 for a in answers) and builder.builds == 1
    assert len({a.text for a in answers}) == 1


# -- 4. security headers, HEAD ----------------------------------------------------------------

def _pages(client) -> list[str]:
    story = client.get("/api/v1/stories", params={"limit": 1}).json()["items"][0]["story_id"]
    article_id = client.get("/api/v1/articles", params={"limit": 1}).json()["items"][0]["article_id"]
    return ["/", "/?order=recent", f"/stories/{story}", f"/articles/{article_id}", "/people/person:adrian-feld",
            "/search?q=girder", "/stories/zzzzzz"]


def _api(client) -> list[str]:
    story = client.get("/api/v1/stories", params={"limit": 1}).json()["items"][0]["story_id"]
    return ["/api/v1/articles", "/api/v1/stories", f"/api/v1/stories/{story}", f"/api/v1/stories/{story}/brief",
            "/api/v1/quotes", "/api/v1/entities", "/api/v1/outlets", "/openapi.json", "/api/v1/nothing",
            "/api/v1/stories?limit=0", "/static/app.js", "/static/style.css"]


def test_every_response_carries_the_security_headers(client):
    for path in _pages(client) + _api(client):
        headers = client.get(path).headers
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY", path
        assert headers["referrer-policy"] == "no-referrer", path
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY and "unsafe" not in CONTENT_SECURITY_POLICY


def test_pages_need_no_inline_code_and_nothing_from_another_origin(client):
    for path in _pages(client):
        page = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), path
        assert not re.search(r"<style|\sstyle=|\son[a-z]+=|javascript:", page, re.I), path
        assert not re.search(r"""(?:\ssrc|\saction|<link[^>]*\shref)=["']?(?:https?:)?//""", page, re.I), path
    for path in ("/static/app.js", "/static/style.css"):
        assert "//" not in re.sub(r"^\s*//.*$", "", client.get(path).text, flags=re.M), path


def test_head_answers_wherever_get_does(client):
    for path in _pages(client) + _api(client):
        got, head = client.get(path), client.head(path)
        assert (head.status_code, head.headers["content-type"]) == (got.status_code, got.headers["content-type"]), path
        assert head.content == b"", path
        if "content-length" in head.headers:
            assert int(head.headers["content-length"]) == len(got.content), path
    assert client.head("/api/v1/articles/nothing-like-this").status_code == 404


# -- 5. blank filters -------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["\x00", "\x00\x00", "\x00 \x00", "\t\x01", " ", "\u200b"])
def test_filters_made_of_nothing_visible_are_422(client, value):
    for path, names in {**LIST_PARAMETERS, "/api/v1/articles": ["outlet", "language", "q"]}.items():
        for name in names:
            response = client.get(path, params={name: value})
            assert response.status_code == 422, (path, name, response.status_code)
            error = response.json()["error"]
            assert error["code"] == "invalid_request" and name in error["message"], (path, name)


def test_an_empty_filter_is_no_filter_and_nul_search_pages_find_nothing(client):
    everything = client.get("/api/v1/quotes", params={"limit": 200}).json()["items"]
    assert client.get("/api/v1/quotes", params={"limit": 200, "speaker": ""}).json()["items"] == everything
    page = client.get("/search", params={"q": "\x00\x00"})
    assert page.status_code == 200 and "<ul class=\"hits\"" not in page.text and "mark" not in page.text


# -- connection deadlines on a real server ------------------------------------------------------

def _closed_within(sock: socket.socket, seconds: float) -> float | None:
    """Seconds until the server closed ``sock`` (reading and dropping what it sends), None if it stayed open."""
    started = time.monotonic()
    sock.settimeout(0.2)
    while time.monotonic() - started < seconds:
        try:
            if sock.recv(65536) == b"":
                return time.monotonic() - started
        except TimeoutError:
            continue
        except ConnectionResetError:
            return time.monotonic() - started
    return None


@pytest.fixture(scope="module")
def guarded(corpus_db):
    app = create_app(Settings(db_url=str(corpus_db)), with_web=False)

    async def slow() -> dict:
        import asyncio

        await asyncio.sleep(2.5)
        return {"slow": True}

    app.add_api_route("/api/v1/slow", slow)
    with serving(app, header_timeout=1.0, body_timeout=1.0, keep_alive=1) as (_url, port):
        yield port


def _connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=5)


def _response(sock: socket.socket, head: bool = False) -> tuple[bytes, bytes]:
    """One response read off ``sock``: its status line and headers, and its body (by Content-Length)."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(65536)
    top, body = data.split(b"\r\n\r\n", 1)
    length = 0 if head else int(re.search(rb"(?im)^content-length: *(\d+)", top).group(1))
    while len(body) < length:
        body += sock.recv(65536)
    return top, body


def test_idle_keep_alive_connections_are_closed(guarded):
    with _connect(guarded) as sock:
        sock.sendall(b"GET /api/v1/outlets HTTP/1.1\r\nHost: x\r\n\r\n")
        assert _response(sock)[0].startswith(b"HTTP/1.1 200")
        assert _closed_within(sock, 4) is not None


def test_a_connection_that_sends_nothing_is_closed(guarded):
    with _connect(guarded) as sock:
        assert _closed_within(sock, 4) is not None


def test_half_a_request_line_is_closed(guarded):
    with _connect(guarded) as sock:
        sock.sendall(b"GET /api/v1/sto")
        assert _closed_within(sock, 4) is not None


def test_headers_sent_a_byte_at_a_time_do_not_hold_the_connection(guarded):
    with _connect(guarded) as sock:
        sock.sendall(b"GET /api/v1/outlets HTTP/1.1\r\nHost: x\r\n")
        started = time.monotonic()
        with suppress(BrokenPipeError, ConnectionResetError):
            for _ in range(40):
                sock.sendall(b"X-Slow: a\r\n")
                time.sleep(0.1)
        assert _closed_within(sock, 4) is not None and time.monotonic() - started < 4.5


def test_a_stalled_body_is_closed(guarded):
    with _connect(guarded) as sock:
        sock.sendall(b"POST /api/v1/articles HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n"
                     b"Content-Type: application/json\r\n\r\n{\"text\": ")
        assert _closed_within(sock, 4) is not None


def test_a_slow_answer_is_not_cut_off_and_keep_alive_still_works(guarded):
    with _connect(guarded) as sock:
        sock.sendall(b"GET /api/v1/slow HTTP/1.1\r\nHost: x\r\n\r\n")
        sock.settimeout(10)
        top, body = _response(sock)
        assert top.startswith(b"HTTP/1.1 200") and body == b'{"slow":true}'
        sock.sendall(b"HEAD /api/v1/outlets HTTP/1.1\r\nHost: x\r\n\r\n")
        top, _body = _response(sock, head=True)
        assert top.startswith(b"HTTP/1.1 200") and b"content-security-policy: " in top.lower()
        sock.sendall(b"GET /api/v1/outlets HTTP/1.1\r\nHost: x\r\n\r\n")
        top, body = _response(sock)
        assert top.startswith(b"HTTP/1.1 200") and json.loads(body)["items"]


def test_oversized_headers_are_refused(guarded):
    """h11 holds at most 16 KiB of an unfinished head: more (arriving in more than one read) is a 400."""
    with _connect(guarded) as sock:
        sock.sendall(b"GET /api/v1/outlets HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20_000)
        time.sleep(0.2)
        with suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(b"a" * 20_000 + b"\r\n\r\n")
        sock.settimeout(5)
        assert sock.recv(65536).startswith(b"HTTP/1.1 400")


def test_the_serve_command_uses_the_guarded_configuration(monkeypatch, corpus_db):
    from presslens.cli import serve
    from presslens.cli.main import Context

    seen: list[uvicorn.Config] = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self: seen.append(self.config))
    serve.run_server(Context(settings=Settings(db_url=str(corpus_db))), "127.0.0.1", 8123)
    config = seen[0]
    assert issubclass(config.http, GuardedH11Protocol) and config.timeout_keep_alive == 5
    assert config.h11_max_incomplete_event_size == 16 * 1024
