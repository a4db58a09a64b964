"""The Python API end to end on a real SQLite file: presslens.open, ingest, listings, briefs, exports, analyse."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pyarrow.parquet as pq
import pytest

import presslens
from presslens import archive as archive_module
from presslens.pipeline import sample_corpus_paths
from presslens.records import Entity, Mention, Quote, TextAnalysis
from presslens.store import QuoteSummary, StorySummary

LEDGER = [
    {"text": 'The council will close the Eastgate pool in June, councillor Priya Nandakumar said on Monday. '
             '"We have no money left for repairs," she said.',
     "title": "Eastgate pool to close", "outlet": "Valley Post", "date": date(2026, 5, 4)},
    {"text": 'Eastgate pool is to shut in June. "We have no money left for repairs," said Priya Nandakumar, '
             'a councillor, adding that the site would be sold.',
     "title": "Council confirms pool closure", "outlet": "Ridge Courier", "date": "2026-05-05"},
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    db = tmp_path_factory.mktemp("archive") / "news.db"
    with presslens.open(db) as opened:
        report = opened.ingest(sample_corpus_paths())
        assert report.ok and report.added > 20
        assert db.exists()
        yield opened


def test_ingest_takes_records_and_reports_the_bad_one(archive):
    report = archive.ingest([*LEDGER, {"title": "no text here"}])
    assert report.added == 2 and len(report.errors) == 1
    assert "records:record 2" in str(report.errors[0])
    pool = [a for a in archive.articles(outlet="valley post")]
    assert [a.published for a in pool] == [date(2026, 5, 4)]
    assert archive.ingest(LEDGER).already_stored == 2
    with pytest.raises(presslens.PresslensError):
        archive.ingest(["some/folder", {"text": "a record"}])


def test_listings_are_lazy_iterators_that_page_through_everything(archive, monkeypatch):
    monkeypatch.setattr(archive_module, "PAGE", 7)
    quotes = archive.quotes()
    assert iter(quotes) is quotes
    every = list(quotes)
    assert len(every) == archive.store.count_quotes() > 7 * 3
    assert len({(q.article_id, q.position) for q in every}) == len(every)
    assert all(isinstance(q, QuoteSummary) for q in every)
    assert len(list(archive.articles())) == archive.store.count_articles()
    assert len(list(archive.entities())) == archive.store.count_entities()


def test_stories_filter_by_days_and_outlet(archive):
    stories = list(archive.stories())
    assert all(isinstance(s, StorySummary) for s in stories) and len(stories) >= 4
    pool = [s for s in archive.stories(since=date(2026, 5, 1), until=date(2026, 5, 31))]
    assert [s.title for s in pool] == ["Eastgate pool to close"]
    assert set(pool[0].outlets) == {"Valley Post", "Ridge Courier"}
    by_outlet = list(archive.stories(outlet="Ridge Courier"))
    assert [s.story_id for s in by_outlet] == [pool[0].story_id]


def test_a_story_gives_its_brief_and_quotes(archive):
    story = archive.story(next(archive.stories(since=date(2026, 5, 1))).story_id[:8])
    brief = story.brief()
    assert brief.story_id == story.story_id and len(brief.outlets) == 2
    assert "Eastgate" in story.brief_markdown()
    said = [q for q in story.quotes() if q.speaker_name == "Priya Nandakumar"]
    assert {q.outlet for q in said} == {"Valley Post", "Ridge Courier"}


def test_quotes_by_speaker_and_entities_by_kind(archive):
    quotes = list(archive.quotes(speaker="nandakumar"))
    assert quotes and all("Nandakumar" in (q.speaker_name or q.speaker or "") for q in quotes)
    people = list(archive.entities(kind="person"))
    assert people and all(e.kind == "person" for e in people)
    assert any(e.name == "Priya Nandakumar" for e in people)
    entity = archive.entity(quotes[0].speaker_entity_id)
    assert entity.name == "Priya Nandakumar"


def test_export_from_python(archive, tmp_path):
    path = archive.export("quotes", tmp_path / "pool.parquet", outlet="Valley Post")
    table = pq.read_table(path)
    assert table.num_rows == len(list(archive.quotes(outlet="Valley Post"))) > 0
    rows = list(archive.rows("stories", since=date(2026, 5, 1)))
    assert len(rows) == 1 and len(rows[0]["article_ids"]) == 2
    with pytest.raises(presslens.PresslensError, match="filter"):
        list(archive.rows("stories", outlets="Valley Post"))


def test_analyse_one_text_without_a_store(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = LEDGER[0]["text"]
    found = presslens.analyse(text, title="Pool", outlet="Valley Post")
    assert isinstance(found, TextAnalysis) and found.article.raw_text == text
    assert all(isinstance(q, Quote) for q in found.quotes) and len(found.quotes) == 2
    for quote in found.quotes:
        assert text[quote.content.start:quote.content.end] == quote.content.text
        assert quote.speaker_name == "Priya Nandakumar"
    assert all(isinstance(e, Entity) for e in found.entities)
    assert all(isinstance(m, Mention) and text[m.span.start:m.span.end] == m.span.text for m in found.mentions)
    assert not list(tmp_path.iterdir())  # no store was made


def test_importing_presslens_loads_no_models():
    code = ("import sys, presslens; heavy = [m for m in ('spacy', 'torch', 'onnxruntime', 'sqlalchemy')"
            " if m in sys.modules]; print(heavy)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "[]", result.stderr


def test_slices_and_counts_agree_with_the_full_listing(archive, monkeypatch):
    monkeypatch.setattr(archive_module, "PAGE", 4)
    for listing in ("articles", "quotes", "stories", "entities"):
        everything = list(getattr(archive, listing)())
        assert archive.count(listing) == len(everything) > 5, listing
        window = list(getattr(archive, listing)(limit=6, offset=3))
        assert window == everything[3:9], listing
    assert archive.count("quotes", outlet="Valley Post") == len(list(archive.quotes(outlet="Valley Post")))
    with pytest.raises(presslens.PresslensError, match="listing"):
        archive.count("people")


def test_iterating_while_articles_arrive_repeats_and_skips_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(archive_module, "PAGE", 2)
    with presslens.open(tmp_path / "live.db") as live:
        live.ingest([{"text": f"Item {n} of the council budget was debated.", "title": f"Budget item {n}",
                      "outlet": "Ledger", "date": f"2026-03-{n + 10:02d}"} for n in range(6)])
        seen = []
        for n, article in enumerate(live.articles()):
            seen.append(article.article_id)
            if n == 2:  # a newer article lands on a page already read, an older one on a page to come
                live.ingest([{"text": "A late vote on the budget.", "title": "Late vote", "outlet": "Ledger",
                              "date": "2026-03-30"},
                             {"text": "An early hearing on the budget.", "title": "Early hearing", "outlet": "Ledger",
                              "date": "2026-03-01"}])
        titles = [live.article(a).title for a in seen]
        assert len(seen) == len(set(seen)) == 7
        assert "Late vote" not in titles and titles[-1] == "Early hearing"
