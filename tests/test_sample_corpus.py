"""Every reader on the bundled sample corpus, checked against tests/data/sample_expected.json."""

import json
from collections import Counter
from datetime import date

import pytest

from presslens.clean import QUOTE_TABLE
from presslens.pipeline import ingest_paths

from .conftest import TEST_DATA

EXPECTED = json.loads((TEST_DATA / "sample_expected.json").read_text(encoding="utf-8"))
ARTICLES = {key: value for key, value in EXPECTED.items() if "#" in key}


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    from presslens.pipeline import sample_corpus_paths
    from presslens.settings import Settings
    from presslens.store import Store

    settings = Settings(db_url=str(tmp_path_factory.mktemp("corpus") / "corpus.db"))
    store = Store.open(settings.db_url)
    report = ingest_paths(sample_corpus_paths(), store, settings)
    yield store, report
    store.close()


def _expected_key(source: str) -> str:
    """'…/sample_corpus/feeds/harbour.rss:entry 1' -> 'feeds/harbour.rss#1'."""
    path, _, locator = source.partition(":")
    relative = path.split("sample_corpus/", 1)[1]
    if not locator:
        return f"{relative}#0"
    kind, number = locator.split()
    if kind == "line":
        return f"{relative}#{int(number) - 1}"
    if kind == "record":
        return next(k for k, v in ARTICLES.items()
                    if k.startswith(relative) and v.get("warc_record_index") == int(number))
    return f"{relative}#{number}"


def _stored_by_key(store):
    articles = [store.get_article(a.article_id) for a in store.list_articles(limit=1000)]
    return {_expected_key(a.source): a for a in articles}


def test_sample_corpus_every_format_is_read(corpus_store):
    _store, report = corpus_store
    assert report.ok, report.errors
    expected_formats = Counter({"rss": "feed", "atom": "feed"}.get(a["format"], a["format"])
                               for a in ARTICLES.values())
    assert report.added_by_format == expected_formats
    assert report.added == len(ARTICLES) == 25


def test_sample_corpus_metadata_matches(corpus_store):
    store, _ = corpus_store
    stored = _stored_by_key(store)
    assert set(stored) == set(ARTICLES)
    for key, expected in ARTICLES.items():
        article = stored[key]
        assert article.title == expected["title"], key
        assert article.outlet == expected["outlet"], key
        want_date = date.fromisoformat(expected["date"]) if expected["date"] else None
        assert article.published == want_date, key
        assert article.language == "en", key


def test_sample_corpus_quotes_survive_cleaning(corpus_store):
    store, _ = corpus_store
    stored = _stored_by_key(store)
    for key, expected in ARTICLES.items():
        article = stored[key]
        for quote in expected["quotes"]:
            start = quote["starts_with"].translate(QUOTE_TABLE)
            assert " ".join(start.split()) in article.clean_text, f"{key}: lost quote {start!r}"


def test_sample_corpus_boilerplate_is_removed(corpus_store):
    store, _ = corpus_store
    texts = "\n".join(a.clean_text for a in _stored_by_key(store).values())
    for junk in ("Article from:", "Share this", "Advertisement", "Sign up", "Read more:"):
        assert junk.lower() not in texts.lower(), junk


def _squash(text: str) -> str:
    return " ".join(text.translate(QUOTE_TABLE).split()).lower()


def _quote_matches(store, by_key):
    """For each gold quote: (article key, gold quote, the stored quote that holds its opening or None)."""
    for key, expected in ARTICLES.items():
        stored = store.list_quotes(article_id=by_key[key].article_id, limit=1000)
        for gold in expected.get("quotes", []):
            opening = _squash(gold["starts_with"])
            match = next((q for q in stored if opening in _squash(q.content)), None)
            yield key, gold, match


def test_sample_corpus_quotes_are_stored_with_their_speakers(corpus_store):
    store, report = corpus_store
    by_key = _stored_by_key(store)
    results = list(_quote_matches(store, by_key))
    found = [(g, m) for _, g, m in results if m is not None]
    right = [(g, m) for g, m in found if m.speaker_name == g["speaker"]]
    assert report.quotes == store.count_quotes() > 0
    assert len(found) / len(results) >= 0.9, [g["starts_with"] for _, g, m in results if m is None]
    assert len(right) / len(results) >= 0.85, [(g["speaker"], m.speaker_name) for g, m in found
                                              if m.speaker_name != g["speaker"]]


def test_sample_corpus_quote_spans_point_into_the_original_text(corpus_store):
    store, _ = corpus_store
    for summary in store.list_quotes(limit=10_000):
        article = store.get_article(summary.article_id)
        assert article.raw_text[summary.content_start:summary.content_end] == summary.content


def test_sample_corpus_quotes_are_searchable(corpus_store):
    store, _ = corpus_store
    hits = store.list_quotes(search="long-term answer")
    assert hits and all("long-term answer" in _squash(h.content) for h in hits)
    by_speaker = store.list_quotes(speaker="okafor")
    assert by_speaker and all("Okafor" in (q.speaker_name or "") for q in by_speaker)
