"""Stemmed full-text search: word forms find each other on both backends, exact search stays available, and
the migration that adds the stemmed index fills it from what is already stored."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config

import presslens
from presslens import store as store_package
from presslens.store import Store

RECORDS = [
    {"text": "The river floods every spring. Families were evacuated from the low town, the council said.",
     "title": "Floods again in Portmere", "outlet": "Daily Ledger", "date": "2026-03-01"},
    {"text": "A flood warning is in force. \u201cResidents must evacuate now,\u201d the mayor said.",
     "title": "Warning for the valley", "outlet": "Harbour Gazette", "date": "2026-03-05"},
    {"text": "The ferry ran on time and nobody was moved from their homes.",
     "title": "Ferry on time", "outlet": "Harbour Gazette", "date": "2026-03-06"},
]


def titles(hits) -> list[str]:
    return sorted(h.article.title for h in hits)


@pytest.fixture
def archive(backend: str, new_database):
    with presslens.open(new_database(backend)) as opened:
        assert opened.ingest(RECORDS).ok
        yield opened


def test_word_forms_find_each_other(archive):
    both = ["Floods again in Portmere", "Warning for the valley"]
    assert titles(archive.search("floods")) == both
    assert titles(archive.search("flood")) == both
    assert titles(archive.search("evacuate")) == both
    assert titles(archive.search("evacuated flooding")) == both
    assert titles(archive.search("floods", exact=True)) == ["Floods again in Portmere"]
    assert titles(archive.search("evacuate", exact=True)) == ["Warning for the valley"]
    assert archive.search("evacuating", exact=True) == []


def test_stemmed_hits_mark_the_words_as_written(archive):
    [hit] = [h for h in archive.search("evacuate") if h.article.title.startswith("Floods")]
    assert "«evacuated»" in hit.snippet
    assert [h.article.title for h in archive.search("title:flood")] == ["Floods again in Portmere"]
    assert archive.search('"floods every"') and not archive.search('"flood warnings every"')


def test_search_narrows_by_outlet_and_day(archive):
    assert titles(archive.search("flood", outlet="harbour gazette")) == ["Warning for the valley"]
    assert titles(archive.search("flood", since=date(2026, 3, 2))) == ["Warning for the valley"]
    assert titles(archive.search("flood", until=date(2026, 3, 2))) == ["Floods again in Portmere"]
    assert archive.search("flood", outlet="nobody") == []


def test_quote_search_is_stemmed(archive):
    found = sorted(q.content for q in archive.quotes(search="evacuated"))
    assert found == ["Families were evacuated from the low town", "“Residents must evacuate now,”"]
    assert [q.content for q in archive.quotes(search="evacuate")] == [q.content for q in archive.quotes(
        search="evacuation")]


def test_the_migration_fills_the_stemmed_index_from_stored_rows(backend: str, new_database):
    url = new_database(backend)
    with presslens.open(url) as opened:
        assert opened.ingest(RECORDS).ok
    with Store.open(url) as store:
        config = Config()
        config.set_main_option("script_location", str(Path(store_package.__file__).parent / "migrations"))
        with store.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0007")
    with Store.open(url) as store:  # opening upgrades to the newest revision
        assert len(store.search("evacuate")) == 2
        assert len(store.search("evacuate", exact=True)) == 1
