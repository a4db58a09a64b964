"""Fuzzed input (hypothesis): every reader and the clean stage take arbitrary bytes and broken
documents and either read them or raise presslens's own input error; spans stay inside the text."""

from __future__ import annotations

import json
from html import escape
from io import BytesIO

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presslens.clean import clean_document
from presslens.errors import PresslensError
from presslens.ingest import read_bytes
from presslens.records import RawDoc
from presslens.settings import Settings

SETTINGS = Settings(max_document_bytes=200_000)
FORMATS = ("txt", "jsonl", "html", "feed", "warc")
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), database=None)

tags = st.sampled_from(["<html>", "<body>", "<p>", "</p>", "<div class='x'>", "</div>", "<script>", "<!--",
                        "<rss version='2.0'>", "<channel>", "<item>", "<title>", "<description>", "<![CDATA[",
                        "<feed xmlns='http://www.w3.org/2005/Atom'>", "<entry>", "<content>", "&amp;", "&#0;",
                        "WARC/1.0\r\n", "WARC-Type: response\r\n", "Content-Length: 99\r\n\r\n", "\x00", "\ufeff"])
words = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
broken_markup = st.lists(st.one_of(tags, words), max_size=40).map("".join)
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=30),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                       max_size=4), max_leaves=12)
json_lines = st.lists(st.one_of(json_values.map(json.dumps), st.dictionaries(
    st.sampled_from(["text", "title", "date", "url", "outlet", "language"]), json_values).map(json.dumps),
    words), max_size=6).map("\n".join)
prose = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=400)
jsonl_records = st.lists(st.fixed_dictionaries(
    {"text": prose}, optional={"title": words, "date": st.text(max_size=12), "url": words, "outlet": words,
                               "language": st.text(max_size=5)}).map(json.dumps), min_size=1, max_size=4).map("\n".join)
rss_feeds = st.tuples(words, words, st.one_of(prose, broken_markup)).map(
    lambda t: (f"<rss version='2.0'><channel><title>{escape(t[0])}</title><item><title>{escape(t[1])}</title>"
               f"<description>{escape(t[2])}</description></item></channel></rss>"))
html_pages = st.tuples(words, st.lists(st.one_of(prose, broken_markup), max_size=8)).map(
    lambda t: f"<html><head><title>{escape(t[0])}</title></head><body>"
              + "".join(f"<p>{part}</p>" for part in t[1]) + "</body></html>")


def _warc(payload: str) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    body = payload.encode("utf-8", "surrogatepass")
    writer.write_record(writer.create_warc_record("https://example.org/a", "response", payload=BytesIO(body),
                                                  http_headers=headers))
    return buffer.getvalue()


documents = st.one_of(st.binary(max_size=3000), broken_markup.map(lambda t: t.encode("utf-8", "surrogatepass")),
                      json_lines.map(str.encode), st.text(max_size=2000).map(lambda t: t.encode("utf-16")),
                      jsonl_records.map(str.encode), rss_feeds.map(lambda t: t.encode("utf-8", "surrogatepass")),
                      html_pages.map(lambda t: t.encode("utf-8", "surrogatepass")), html_pages.map(_warc))


def _read_all(data: bytes, fmt: str) -> list:
    return list(read_bytes(data, f"fuzz.{fmt}", SETTINGS, fmt))


@FUZZ
@given(data=documents, fmt=st.sampled_from(FORMATS))
def test_readers_yield_documents_or_their_own_errors(data, fmt):
    for item in _read_all(data, fmt):
        assert isinstance(item, RawDoc | PresslensError)
        if isinstance(item, PresslensError):
            assert item.code.startswith("E1") and "fuzz." in str(item)
            continue
        assert isinstance(item.text, str)
        for start, end in item.skip_spans:
            assert 0 <= start <= end <= len(item.text)


@FUZZ
@given(data=documents, fmt=st.sampled_from(FORMATS))
def test_clean_keeps_every_span_inside_the_original_text(data, fmt):
    for item in _read_all(data, fmt):
        if not isinstance(item, RawDoc):
            continue
        try:
            article = clean_document(item, SETTINGS)
        except PresslensError as exc:
            assert exc.code.startswith("E2")
            continue
        for span in article.removed:
            assert 0 <= span.start <= span.end <= len(article.raw_text)
            assert article.raw_text[span.start:span.end] == span.text
        for start in range(0, len(article.clean_text), max(1, len(article.clean_text) // 7)):
            raw = article.raw_span(start, min(len(article.clean_text), start + 12))
            assert 0 <= raw.start <= raw.end <= len(article.raw_text)


quote_marks = st.sampled_from(['"', "“", "”", "«", "»", "„", "‘", "’", "'", " said ", " says: ", ", ", ". ", "\n",
                               "according to ", " told ", "She ", "Dr Ann Lee", "(", ")", "...", "—"])
quote_soup = st.lists(st.one_of(quote_marks, st.text(max_size=25)), max_size=60).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(texts=st.lists(quote_soup, min_size=1, max_size=3))
def test_quotes_and_entities_keep_their_spans_inside_the_text(texts):
    from presslens.analysis import find_entities, quotes_in_texts

    languages = ["en"] * len(texts)
    entities = find_entities(texts, languages)
    for text, found in zip(texts, entities, strict=True):
        for entity in found:
            for mention in entity.mentions:
                assert 0 <= mention.start < mention.end <= len(text) and text[mention.start:mention.end] == mention.text
    for text, quotes in zip(texts, quotes_in_texts(texts, languages, Settings(), entities), strict=True):
        for quote in quotes:
            for span in (quote.content, quote.source, quote.cue):
                if span is not None:
                    assert 0 <= span[0] <= span[1] <= len(text)


def test_a_document_that_takes_too_long_is_reported_and_the_batch_goes_on(tmp_path, monkeypatch):
    import time as clock

    from presslens import pipeline
    from presslens.analysis import finding
    from presslens.store import Store

    slow_text = "A perfectly ordinary article about the harbour ferry and its new timetable for the summer."
    real_clean = finding.clean_document

    def slow_clean(doc, settings):
        if "SLOW" in doc.text:
            clock.sleep(5)
        return real_clean(doc, settings)

    monkeypatch.setattr(finding, "clean_document", slow_clean)
    (tmp_path / "slow.txt").write_text(f"SLOW {slow_text}", encoding="utf-8")
    (tmp_path / "fine.txt").write_text(f"Fine. {slow_text}", encoding="utf-8")
    settings = Settings(db_url=str(tmp_path / "t.db"), document_timeout=1, quote_method="off")
    started = clock.monotonic()
    with Store.open(settings.db_url) as store:
        report = pipeline.ingest_paths([tmp_path / "slow.txt", tmp_path / "fine.txt"], store, settings)
        assert store.count_articles() == 1
    assert clock.monotonic() - started < 30
    assert [e.code for e in report.errors] == ["E113"] and "slow.txt" in str(report.errors[0])


def test_an_article_that_stalls_the_nlp_stages_is_reported_and_the_rest_stored(tmp_path, monkeypatch):
    import time as clock

    from presslens import pipeline
    from presslens.analysis import finding
    from presslens.store import Store

    real_analyse = finding.analyse_text

    def stalling(text, spans, **kwargs):
        if "STALL" in text:
            clock.sleep(4)
        return real_analyse(text, spans, **kwargs)

    monkeypatch.setattr(finding, "analyse_text", stalling)
    text = "A perfectly ordinary article about the harbour ferry and its new timetable for the summer."
    for name, prefix in (("a.txt", "First."), ("b.txt", "STALL."), ("c.txt", "Third.")):
        (tmp_path / name).write_text(f"{prefix} {text}", encoding="utf-8")
    settings = Settings(db_url=str(tmp_path / "t.db"), document_timeout=1, quote_method="off")
    with Store.open(settings.db_url) as store:
        report = pipeline.ingest_paths(sorted(tmp_path.glob("*.txt")), store, settings)
        assert store.count_articles() == 2
    assert [e.code for e in report.errors] == ["E113"] and "b.txt" in str(report.errors[0])
