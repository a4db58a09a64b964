"""Integrity of what is stored: outlets never rewritten, stores never created by mistake or left without
stories, settings and database states refused with a clear error (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from presslens import pipeline
from presslens.clean import clean_document
from presslens.cli import cli
from presslens.cli.main import exit_status
from presslens.errors import ConfigError, PresslensError, StoreError
from presslens.records import RawDoc
from presslens.settings import Settings
from presslens.store import Store

FAST = {"quote_method": "off"}


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _record(n: int, outlet: str | None, host: str = "wire.example") -> dict:
    record = {"title": f"Ferry report {n}", "url": f"https://{host}/story/{n}",
              "text": f"The harbour ferry ran {n} extra crossings on Tuesday, the port authority said. "
                      f"Passengers from district {n} waited on the quay for the evening boat."}
    if outlet:
        record["outlet"] = outlet
    return record


def _outlets(store: Store) -> dict[str, int]:
    return dict(store.outlet_counts())


def test_outlets_given_by_the_input_are_never_rewritten_by_a_shared_host(settings, tmp_path):
    """Seven publishers on one syndication host, over three batches: each keeps its own name."""
    settings = replace(settings, batch_size=5, **FAST)
    publishers = [f"Publisher {chr(65 + n)}" for n in range(7)]
    records = [_record(n, publishers[n % 7]) for n in range(21)]
    with Store.open(settings.db_url) as store:
        for part in range(3):
            path = _jsonl(tmp_path / f"part{part}.jsonl", records[part * 7:(part + 1) * 7])
            assert pipeline.ingest_paths([path], store, settings).ok
        assert _outlets(store) == {name: 3 for name in publishers}


def test_a_host_lends_its_name_only_while_it_stands_for_one_outlet(settings, tmp_path):
    settings = replace(settings, **FAST)
    with Store.open(settings.db_url) as store:
        pipeline.ingest_paths([_jsonl(tmp_path / "a.jsonl", [_record(1, "Harbour Gazette", "gazette.example"),
                                                              _record(2, None, "gazette.example")])], store, settings)
        assert _outlets(store) == {"Harbour Gazette": 2}  # the host-only article takes the host's one name
        pipeline.ingest_paths([_jsonl(tmp_path / "b.jsonl", [_record(3, "Evening Courier", "gazette.example")])],
                              store, settings)
        # now the host carries two outlets: the name it lent is taken back, the named ones stay
        assert _outlets(store) == {"Harbour Gazette": 1, "Evening Courier": 1, "gazette.example": 1}
        pipeline.ingest_paths([_jsonl(tmp_path / "c.jsonl", [_record(4, None, "gazette.example")])], store, settings)
        assert _outlets(store)["gazette.example"] == 2


def test_read_only_commands_never_create_a_store(tmp_path):
    missing = tmp_path / "wrong" / "path.db"
    runner = CliRunner()
    for command in (["stories"], ["articles"], ["quotes"], ["search", "ferry"], ["entities"], ["show", "abcd"]):
        result = runner.invoke(cli, ["--db", str(missing), *command])
        assert isinstance(result.exception, StoreError) and result.exception.code == "E506", command
        assert str(missing) in str(result.exception)
    assert not missing.parent.exists()


def test_a_missing_postgresql_store_is_not_created_by_a_read(new_database):
    url = new_database("postgresql")
    with pytest.raises(StoreError, match=r"\[E506\]"):
        Store.open(url, create=False)
    with Store.open(url) as store:  # a writer creates it; then a reader opens it
        assert store.count_articles() == 0
    with Store.open(url, create=False) as store:
        assert store.count_articles() == 0


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///", "sqlite:///:memory:"])
def test_stores_that_keep_nothing_are_refused_for_writing(url, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Ferry news\n\nThe ferry ran late on Tuesday, the port said.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", url, "ingest", "-q", str(article)])
    assert isinstance(result.exception, StoreError) and result.exception.code == "E509"
    with pytest.raises(StoreError, match=r"\[E509\]"):
        Store.open(url)


def test_a_read_only_store_is_a_clear_error_for_writing_and_readable_for_reading(tmp_path):
    path = tmp_path / "news.db"
    settings = Settings(db_url=str(path), **FAST)
    article = tmp_path / "a.txt"
    article.write_text("Ferry news\n\nThe ferry ran late on Tuesday, the port said.\n", encoding="utf-8")
    with Store.open(settings.db_url) as store:
        pipeline.ingest_paths([article], store, settings)
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"  # tests run as root, where file modes do not bind
    with pytest.raises(StoreError, match=r"\[E508\]"):
        Store.open(read_only)
    with Store.open(read_only, create=False) as store:
        assert store.count_articles() == 1


def test_a_store_of_a_newer_schema_is_refused(settings):
    with Store.open(settings.db_url) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    for create in (True, False):
        with pytest.raises(StoreError, match=r"\[E507\].*'9999'"):
            Store.open(settings.db_url, create=create)


def test_articles_left_without_a_story_are_streamed_in_by_the_next_ingest(settings, tmp_path):
    """A run killed after its articles were committed but before the story step: the next ingest, with
    nothing new to add, mends it."""
    settings = replace(settings, **FAST)
    docs = [RawDoc(source=f"{n}.txt", locator="", fmt="txt", text=f"Ferry report {n}\n\nThe harbour ferry ran "
                   f"{n} extra crossings on Tuesday, the port authority said of route {n}.\n") for n in range(4)]
    with Store.open(settings.db_url) as store:
        store.add_articles([clean_document(d, settings) for d in docs])  # stored, never clustered
        assert store.count_unlinked_articles() == 4 and store.count_stories() == 0
        report = pipeline.ingest_paths([], store, settings)
        assert report.added == 0
        assert store.count_unlinked_articles() == 0 and store.count_stories() >= 1


def test_a_story_update_waits_for_another_writers_update(settings):
    settings = replace(settings, **FAST)
    with Store.open(settings.db_url) as store:
        store.add_articles([clean_document(RawDoc(source="a.txt", locator="", fmt="txt",
                                                  text="Ferry\n\nThe ferry ran late, the port said.\n"), settings)])
        held, finished = threading.Event(), []
        release = threading.Event()

        def hold() -> None:
            with store.story_update_lock():
                held.set()
                release.wait(10)

        holder = threading.Thread(target=hold)
        holder.start()
        held.wait(10)
        updater = threading.Thread(target=lambda: finished.append(pipeline.update_stories(store, settings)))
        updater.start()
        time.sleep(1.0)
        assert not finished  # blocked behind the other update
        release.set()
        holder.join(10)
        updater.join(60)
        assert finished and store.count_unlinked_articles() == 0


def test_settings_out_of_range_are_refused_before_any_work(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSLENS_STORY_WINDOW_DAYS", "99999999999")
    db = tmp_path / "news.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "ingest", str(tmp_path)])
    assert isinstance(result.exception, ConfigError) and result.exception.code == "E005"
    assert exit_status(result.exception) == 2 and not db.exists()
    for bad in ({"batch_size": 0}, {"story_window_days": 0}, {"document_timeout": -1}, {"db_pool_size": True}):
        with pytest.raises(ConfigError, match=r"\[E005\]"):
            Settings(**bad)


def test_not_found_has_an_exit_status_of_its_own(tmp_path):
    db = str(tmp_path / "news.db")
    with Store.open(db):
        pass
    runner = CliRunner()
    for command in (["show", "abcdef"], ["story", "abcdef"], ["entities", "show", "nobody"]):
        result = runner.invoke(cli, ["--db", db, *command])
        assert isinstance(result.exception, PresslensError), command
        assert exit_status(result.exception) == 4, command
    database_error = StoreError("E501", url="x", detail="y")
    assert exit_status(database_error) == 3


def test_story_membership_comes_out_of_the_store(tmp_path):
    """``stories --json`` lists each story's article ids and ``articles --json`` each article's story."""
    db = str(tmp_path / "news.db")
    records = [_record(n, f"Outlet {n % 2}") for n in range(4)]
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db, "ingest", "-q", str(_jsonl(tmp_path / "a.jsonl", records))]).exit_code == 0
    stories = json.loads(runner.invoke(cli, ["--db", db, "stories", "--json"]).output)
    articles = json.loads(runner.invoke(cli, ["--db", db, "articles", "--json"]).output)
    members = {a: s["story_id"] for s in stories for a in s["article_ids"]}
    assert sorted(members) == sorted(a["article_id"] for a in articles)
    assert all(members[a["article_id"]] == a["story_id"] for a in articles)
    assert all(len(s["article_ids"]) == s["size"] for s in stories)
