"""No input ends a batch: long texts are analysed in bounded pieces, every step holds each document to its
own time limit, and a failure in any stage is reported for its document while the others are stored."""

from __future__ import annotations

import itertools
import random
import time
from dataclasses import replace
from pathlib import Path

import pytest

from presslens import nlp, pipeline
from presslens.analysis import finding
from presslens.errors import StoreError
from presslens.quotes import QuoteExtractor
from presslens.settings import Settings
from presslens.store import Store
from presslens.stories import update

WORDS = ["the", "council", "said", "on", "Tuesday", "that", "the", "new", "ferry", "timetable", "would", "cost", "more",
         "than", "expected", "while", "residents", "of", "the", "harbour", "district", "worried", "about", "delays",
         "to", "the", "evening", "crossing"]


def _prose(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _articles(folder: Path, count: int, marker: str = "") -> list[Path]:
    rng = random.Random(7)
    paths = []
    for n in range(count):
        path = folder / f"a{n:02d}.txt"
        body = "\n\n".join(_prose(rng, 40) for _ in range(3))
        path.write_text(f"Ferry report {n}\n\n{marker if n == 3 else ''}{body}\n\n\"We will act,\" said Mayor "
                        f"Jane Okafor.\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_pieces_cover_the_text_within_the_limits_and_cut_at_paragraphs():
    rng = random.Random(3)
    paragraphs = [_prose(rng, rng.randint(20, 400)) for _ in range(200)]
    text = "\n\n".join(paragraphs)
    pieces = nlp.pieces(text, max_tokens=2_000)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces))  # contiguous, no gap
    assert all(nlp.count_tokens(text, s, e) <= 2_000 for s, e in pieces)
    assert all(text[e - 2:e] == "\n\n" for _, e in pieces[:-1])  # every cut at a paragraph break
    assert nlp.pieces("x" * 50_000, max_tokens=8_000) == [(0, 50_000)]  # one long token is one piece
    for run in ("x" * 500_000, "!" * 50_000):  # no break at all, too long or too many tokens: cut hard
        assert {e - s for s, e in nlp.pieces(run, max_tokens=8_000)[:-1]} == {8_000}


def test_spacy_never_sees_more_than_a_piece_nor_a_batch_more_than_its_budget(monkeypatch):
    seen: list[list[int]] = []
    model = nlp.load("en")
    real_pipe = model.pipe

    def pipe(texts, **options):
        texts = list(texts)
        seen.append([nlp.count_tokens(t) for t in texts])
        return real_pipe(texts, **options)

    monkeypatch.setattr(model, "pipe", pipe)
    rng = random.Random(5)
    long_text = "\n\n".join(_prose(rng, 300) for _ in range(150)) + " Jane Okafor spoke last."
    found = list(nlp.entities([long_text, "Jane Okafor met Tom Reyes in Leeds."] * 2))
    assert len(found) == 4
    assert max(n for batch in seen for n in batch) <= nlp.PIECE_TOKENS
    assert max(sum(batch) for batch in seen) <= nlp.BATCH_TOKENS + nlp.PIECE_TOKENS
    tail = [long_text[s.start:s.end] for s in found[0] if s.start > len(long_text) - 40]
    assert "Jane Okafor" in tail  # offsets of the last piece point into the whole text


def test_a_text_over_a_million_characters_is_analysed_and_every_span_lies_in_it(tmp_path):
    rng = random.Random(11)
    paragraphs = [_prose(rng, 120) for _ in range(1_500)]
    paragraphs[5] = "Dawn Hawkins, executive director of the harbour trust, spoke first."
    paragraphs[-3] = '"The ferry must run," Hawkins said on Tuesday.'
    path = tmp_path / "long.txt"
    path.write_text("A very long report on the ferry\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    assert path.stat().st_size > 1_000_000
    settings = Settings(db_url=str(tmp_path / "t.db"), quote_method="rules")
    with Store.open(settings.db_url) as store:
        report = pipeline.ingest_paths([path], store, settings)
        assert report.ok and report.added == 1, report.errors
        (summary,) = store.list_articles()
        article = store.get_article(summary.article_id)
        quotes = store.list_quotes(article_id=summary.article_id, limit=100_000)
    late = [q for q in quotes if "ferry must run" in q.content]
    assert late and late[0].speaker_name == "Dawn Hawkins"  # a surname in the last piece, its full name in the first
    assert all(article.raw_text[q.content_start:q.content_end] == q.content for q in quotes)


def test_a_text_past_the_analysis_limit_is_reported_and_the_others_stored(tmp_path):
    paths = _articles(tmp_path, 3)
    long = tmp_path / "long.txt"
    long.write_text("A long report\n\n" + "\n\n".join(["The ferry ran late again on Tuesday evening."] * 400),
                    encoding="utf-8")
    settings = Settings(db_url=str(tmp_path / "t.db"), quote_method="rules", max_analysed_chars=10_000)
    with Store.open(settings.db_url) as store:
        report = pipeline.ingest_paths([*paths, long], store, settings)
        assert store.count_articles() == 3
    (error,) = report.errors
    assert error.code == "E115" and "long.txt" in str(error) and "PRESSLENS_MAX_ANALYSED_CHARS" in str(error)


def test_one_slow_document_costs_its_own_time_limit_not_the_batchs(tmp_path, monkeypatch):
    real_analyse = finding.analyse_text

    def stalling(text, spans, **kwargs):
        if "STALL" in text:
            time.sleep(60)
        return real_analyse(text, spans, **kwargs)

    monkeypatch.setattr(finding, "analyse_text", stalling)
    paths = _articles(tmp_path, 16, marker="STALL ")
    settings = Settings(db_url=str(tmp_path / "t.db"), document_timeout=2, quote_method="rules")
    started = time.monotonic()
    with Store.open(settings.db_url) as store:
        report = pipeline.ingest_paths(paths, store, settings)
        assert store.count_articles() == 15
    assert time.monotonic() - started < 40  # 16 x 2 s would be the batch's whole allowance, then again alone
    assert [(e.code, Path(e.source).name) for e in report.errors] == [("E113", "a03.txt")]


@pytest.mark.parametrize("step", ["read", "clean", "entities", "quotes"])
def test_a_failure_in_any_stage_is_reported_for_its_document_and_the_rest_are_stored(step, tmp_path, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    if step == "read":
        real_read = pipeline.read_path

        def read(path, s):  # a reader is a generator: it fails while it is read
            if path.name == "a03.txt":
                broken()
            yield from real_read(path, s)

        monkeypatch.setattr(pipeline, "read_path", read)
    elif step == "clean":
        real_clean = finding.clean_document
        monkeypatch.setattr(finding, "clean_document", lambda doc, s: broken() if doc.source.endswith("a03.txt")
                            else real_clean(doc, s))
    elif step == "entities":
        real_analyse = finding.analyse_text
        monkeypatch.setattr(finding, "analyse_text", lambda text, spans, **kwargs: broken() if "BREAK" in text
                            else real_analyse(text, spans, **kwargs))
    else:
        real_quotes = QuoteExtractor.quotes_in
        monkeypatch.setattr(QuoteExtractor, "quotes_in", lambda self, text, tagged, people, **kwargs: broken()
                            if "BREAK" in text else real_quotes(self, text, tagged, people, **kwargs))
    paths = _articles(tmp_path, 6, marker="BREAK ")
    settings = Settings(db_url=str(tmp_path / "t.db"), quote_method="rules")
    with Store.open(settings.db_url) as store:
        report = pipeline.ingest_paths(paths, store, settings)
        assert store.count_articles() == 5
        assert store.count_unlinked_articles() == 0
    (error,) = report.errors
    assert error.code == "E114" and "a03.txt" in str(error) and step in str(error) and "RuntimeError" in str(error)


def test_a_record_the_database_refuses_is_reported_and_the_others_stored(tmp_path, monkeypatch):
    real_add = Store._add_articles

    def refusing(self, articles, *rest):
        if any("REFUSE" in a.clean_text for a in articles):
            from sqlalchemy.exc import IntegrityError

            raise IntegrityError("INSERT", {}, Exception("value refused"))
        return real_add(self, articles, *rest)

    monkeypatch.setattr(Store, "_add_articles", refusing)
    paths = _articles(tmp_path, 6, marker="REFUSE ")
    settings = Settings(db_url=str(tmp_path / "t.db"), quote_method="off")
    with Store.open(settings.db_url) as store:
        report = pipeline.ingest_paths(paths, store, settings)
        assert store.count_articles() == 5
    (error,) = report.errors
    assert error.code == "E511" and "a03.txt" in str(error)


def test_a_database_that_cannot_be_written_ends_the_run_with_a_store_error(tmp_path, monkeypatch):
    from sqlalchemy.exc import OperationalError

    def failing(self, *args):
        raise OperationalError("INSERT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(Store, "_add_articles", failing)
    settings = Settings(db_url=str(tmp_path / "t.db"), quote_method="off")
    with Store.open(settings.db_url) as store, pytest.raises(StoreError, match=r"\[E510\].*disk I/O error"):
        pipeline.ingest_paths(_articles(tmp_path, 2), store, settings)


def test_a_failing_story_step_keeps_the_articles_and_the_next_ingest_mends_the_stories(tmp_path, monkeypatch):
    real_update = update._update_stories
    monkeypatch.setattr(update, "_update_stories", lambda *a: (_ for _ in ()).throw(MemoryError("stories")))
    settings = Settings(db_url=str(tmp_path / "t.db"), quote_method="off")
    paths = _articles(tmp_path, 3)
    with Store.open(settings.db_url) as store:
        report = pipeline.ingest_paths(paths, store, settings)
        assert report.added == 3 and [e.code for e in report.errors] == ["E114"]
        assert store.count_unlinked_articles() == 3
        monkeypatch.setattr(update, "_update_stories", real_update)
        again = pipeline.ingest_paths(paths, store, replace(settings))
        assert again.added == 0 and again.ok
        assert store.count_unlinked_articles() == 0
