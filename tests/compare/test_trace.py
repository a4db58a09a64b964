"""Quote tracing: every version of a quotation across the whole store, found by the quote index and checked by
the aligner; the sample corpus's labelled cross-outlet pairs are traced; old stores get their index on upgrade."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from presslens.archive import quote_trace
from presslens.cli import cli
from presslens.cli.main import exit_status
from presslens.compare.pairs import SourceTexts
from presslens.compare.trace import BANDS, band_keys
from presslens.pipeline import ingest_paths, sample_corpus_paths
from presslens.settings import Settings
from presslens.store import Store

from ..conftest import TEST_DATA, write_jsonl

LONG = ("“Without spoiling anything, nobody in Glasshouse gets away clean. But we are not going to wrap it up with a "
        "moral in the last five minutes.”")


def test_index_keys_are_stable_and_a_part_of_a_quote_shares_one_with_it():
    keys = band_keys(LONG)
    assert keys == band_keys(LONG.replace("“", '"').replace("”", '"').upper())  # folding: same words, same keys
    assert len(keys) > BANDS and all(isinstance(k, int) and -2**63 <= k < 2**63 for k in keys)
    assert set(band_keys('that nobody in Glasshouse "gets away clean"')) & set(keys)  # a trimmed version
    assert not set(band_keys("“The bridge stays shut until the engineers tell me it is safe.”")) & set(keys)
    assert band_keys("") == band_keys("“the”") == band_keys("\"confidential,\"") == []  # no words to trace


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    settings = Settings(db_url=str(tmp_path_factory.mktemp("trace") / "trace.db"))
    store = Store.open(settings.db_url)
    report = ingest_paths(sample_corpus_paths(), store, settings)
    assert report.ok, report.errors
    yield store, settings
    store.close()


def _stored_quotes(store: Store, by_text: dict, texts: SourceTexts, side: dict) -> list:
    article = by_text.get(texts.text(side["source"]))
    if article is None:
        return []
    return [q for q in store.list_quotes(article_id=article.article_id, limit=500)
            if q.content_start < side["end"] and side["start"] < q.content_end]


@pytest.mark.slow
def test_the_labelled_same_wording_pairs_of_the_sample_corpus_are_traced(sample_store):
    """Of the labelled same-quote pairs in two outlets of the sample corpus with the same words (verbatim, trimmed,
    altered) whose two quotes the store holds, the quote index and aligner trace nearly all."""
    store, _ = sample_store
    by_text = {}
    for summary in store.list_articles(limit=1000):
        article = store.get_article(summary.article_id)
        by_text[article.raw_text] = article
    texts = SourceTexts()
    traced = missed = 0
    for line in (TEST_DATA / "quote_pairs.jsonl").read_text(encoding="utf-8").splitlines():
        pair = json.loads(line)
        if not pair["same_quote"] or pair["class"] not in ("verbatim", "trimmed", "altered") or not all(
                pair[k]["source"].startswith("sample:") for k in "ab"):
            continue
        a, b = (_stored_quotes(store, by_text, texts, pair[k]) for k in "ab")
        if not a or not b:
            continue
        versions = {v.quote_id for q in a for v in quote_trace(store, q.quote_id).versions}
        if any(q.quote_id in versions for q in b):
            traced += 1
        else:
            missed += 1
    assert traced >= 25 and traced / (traced + missed) >= 0.9, (traced, missed)


@pytest.mark.slow
def test_trace_on_the_command_line_and_over_http(sample_store):
    store, settings = sample_store
    quote = next(q for q in store.list_quotes(speaker="Reyne", limit=50) if "single grade" in q.content)
    result = CliRunner().invoke(cli, ["--db", settings.db_url, "trace", quote.quote_id, "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found["quote"]["quote_id"] == quote.quote_id
    assert {v["outlet"] for v in found["versions"]} >= {"Northfield Echo"}
    assert all(v["class"] in ("verbatim", "trimmed", "altered") for v in found["versions"])
    assert found["earliest"]["outlet"] == "Screenline"  # the order announced it first
    listing = CliRunner().invoke(cli, ["--db", settings.db_url, "quotes", "--speaker", "Reyne"],
                                 env={"COLUMNS": "400"})
    assert quote.quote_id in listing.output

    from presslens.api import create_app

    client = TestClient(create_app(settings, with_web=False))
    response = client.get(f"/api/v1/quotes/{quote.quote_id}/versions")
    assert response.status_code == 200 and response.json()["versions"] == found["versions"]
    assert client.get(f"/api/v1/quotes/{quote.article_id}-999/versions").status_code == 404
    assert client.get("/api/v1/quotes/no-quote-id/versions").status_code == 400
    missing = CliRunner().invoke(cli, ["--db", settings.db_url, "trace", f"{quote.article_id}-999"])
    assert missing.exception.code == "E514" and exit_status(missing.exception) == 4


def test_a_store_from_before_the_quote_index_gets_it_on_upgrade(tmp_path: Path):
    articles = [
        {"outlet": "Harbour Gazette", "date": "2026-03-04", "title": "Bridge shut",
         "text": "Mayor Helen Okafor said: \u201cThe bridge stays shut until the engineers tell me it is safe, and "
                 "not a minute before.\u201d The council met on Monday."},
        {"outlet": "Northfield Echo", "date": "2026-03-05", "title": "Bridge to stay shut",
         "text": "Portmere mayor Helen Okafor said the bridge \u201cstays shut until the engineers tell me it is "
                 "safe\u201d, and the ferry would run every half hour."},
    ]
    db = tmp_path / "old.db"
    settings = Settings(db_url=str(db))
    with Store.open(settings.db_url) as store:
        assert ingest_paths([write_jsonl(tmp_path / "two.jsonl", articles)], store, settings).ok
        quote = next(q for q in store.list_quotes(limit=10) if q.outlet == "Harbour Gazette")
        assert [v.outlet for v in quote_trace(store, quote.quote_id).versions] == ["Northfield Echo"]
    with sqlite3.connect(db) as conn:  # the schema of revision 0009: no quote index
        conn.execute("DROP TABLE quote_bands")
        conn.execute("DROP TABLE thread_state")  # revision 0011
        conn.execute("UPDATE alembic_version SET version_num = '0009'")
    with Store.open(settings.db_url) as store:
        assert [v.outlet for v in quote_trace(store, quote.quote_id).versions] == ["Northfield Echo"]


@pytest.mark.slow
def test_the_person_page_links_each_quote_to_its_versions_page(sample_store):
    store, settings = sample_store
    from presslens.api import create_app

    client = TestClient(create_app(settings))
    quote = next(q for q in store.list_quotes(speaker="Reyne", limit=50) if "single grade" in q.content)
    person = client.get(f"/people/{quote.speaker_entity_id}")
    assert person.status_code == 200 and f'href="/quotes/{quote.quote_id}"' in person.text
    page = client.get(f"/quotes/{quote.quote_id}")
    assert page.status_code == 200 and "Northfield Echo" in page.text and "trimmed" in page.text
    assert "content-security-policy" in page.headers
    assert client.get(f"/quotes/{quote.article_id}-999").status_code == 404
