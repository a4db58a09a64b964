"""Fuzzed documents through the whole pipeline (hypothesis): read, clean, entities, quotes, stories, a real
SQLite store and the REST API.

``test_fuzz_readers.py`` fuzzes each reader and stage alone; here whole documents (plain text, JSON Lines with
deep nesting, lone surrogate escapes, huge integers and wrong types, HTML, RSS/Atom, WARC, gzip and nested,
truncated or bomb gzip, odd Unicode, quotation-mark soup, text with no sentence break, one enormous word) go
through ``ingest_bytes`` / ``ingest_paths`` into a store on disk, and through ``POST /api/v1/articles``.

What must hold: no exception escapes an ingest, and no stage fails with an unexpected exception (E114, which
the pipeline reports but which is a bug); every document a reader yields is stored or has its own error with a
code; the store stays readable (listing, search with the article's words, quotes, stories, entities); every
stored quote, mention and removed span lies inside its article's original text with ``raw_text[start:end]``
equal to the span's text; memory stays bounded on large documents and bombs; the API never answers 500 and
every error it answers has the shape ``{"error": {"code", "message"}}``.

Most examples run with the rule quotes (``quote_method="rules"``) and small limits; a handful use the model.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import re
import resource
import sqlite3
import tempfile
import time
import tracemalloc
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from html import escape
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from presslens.clean import article_id_for
from presslens.errors import PresslensError
from presslens.ingest import read_bytes, read_path
from presslens.pipeline import IngestReport, ingest_bytes, ingest_paths
from presslens.records import RawDoc
from presslens.settings import Settings
from presslens.store import Store

from .test_fuzz_readers import _warc

LIMIT = 100_000  # max_document_bytes of the small examples: 5 MB for JSON Lines, feeds and WARC files
TIMEOUT = 20  # document_timeout: each step of one document
ERROR_CODE = re.compile(r"E\d{3}")
REPORTED_ERROR = re.compile(r"\[E\d{3}\] ")
UNEXPECTED = "E114"  # a stage raised something presslens did not mean to raise: reported, but a bug
SCALE = float(os.environ.get("PRESSLENS_FUZZ_SCALE", "1"))  # more examples for a longer campaign: 10 = ten times
# no shrinking: one example is a whole ingest, and shrinking a failure can take longer than the run (each crash
# found is kept below as its own small test instead)
FUZZ = dict(deadline=None, suppress_health_check=list(HealthCheck), database=None,
            phases=[Phase.explicit, Phase.reuse, Phase.generate])


def examples(count: int) -> int:
    return max(1, round(count * SCALE))

# -- text ---------------------------------------------------------------------------------------------------

WORDS = ["harbour", "bridge", "council", "ferry", "mayor", "budget", "engineers", "crossing", "the", "a", "of",
         "and", "in", "on", "Tuesday", "girder", "repair", "river", "school", "Northfield", "Rovers"]
NAMES = ["Helen Okafor", "Dr Ann Lee", "Ms Okafor", "the Center", "Ventrel Chemicals", "she", "he", "They",
         "O'Brien", "Jean-Luc Picard", "the National Center on Sexual Exploitation (NCOSE)", "White House spokesman"]
CUES = ["said", "told", "says", "said:", "told reporters", "according to", "claimed", "added", "warned", "wrote"]
QUOTE_MARKS = ['"', "“", "”", "«", "»", "„", "‟", "‘", "’", "'", "‹", "›", "「", "」", "＂", "〝", "〞", "``", "''",
               "« ", " »"]
ODD = ["\u0301", "\u0308\u0327\u20dd", "e\u0301\u0301\u0301\u0301\u0301", "\u200f", "\u202e", "\u202b", "\u2067",
       "\u2069", "مرحبا بالعالم", "שלום עולם", "قال الرئيس «سنصلح الجسر».", "😀", "👩‍👩‍👧‍👦", "🇬🇧",
       "🏳️‍🌈", "👍🏽", "\ufe0f", "\x00", "\x80", "\x85", "\x9b", "\x9f", "\x1b[31m", "\x0b", "\x0c", "\r", "\r\n",
       "\u2028", "\u2029", "\ufeff", "\u200b", "\u200d", "\u00ad", "\ufffe", "\uffff", "\U0010ffff", "\ue000",
       "北京市政府表示。", "「我们会修桥」，市长说。", "東京都は発表した。", "。", "！", "？", "。。。",
       "서울시는 말했다.", "ﷺ", "Ⅻ", "ǅ", "İ", "ß", "ﬃ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\t", "  ", "\n", "\n\n", "...", "—",
       "&amp;", "<p>", "\\u0000", "%s", "{0}"]
SEPARATORS = [" ", " ", " ", "", "\n", "\n\n", ", ", ". "]

any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=20)
fragment = st.one_of(st.sampled_from(WORDS + NAMES + CUES + QUOTE_MARKS), st.sampled_from(ODD), any_text)
odd_text = st.lists(st.tuples(fragment, st.sampled_from(SEPARATORS)), min_size=1, max_size=60).map(
    lambda parts: "".join(a + b for a, b in parts))
quote_soup = st.lists(st.one_of(st.sampled_from(QUOTE_MARKS), st.sampled_from(CUES), st.sampled_from(NAMES),
                                st.sampled_from(WORDS), st.sampled_from([",", ".", ":", "\n", "\n\n"])),
                      min_size=1, max_size=120).flatmap(
    lambda parts: st.lists(st.sampled_from(["", " "]), min_size=len(parts), max_size=len(parts)).map(
        lambda gaps: "".join(p + g for p, g in zip(parts, gaps, strict=True))))
no_sentence_breaks = st.lists(st.sampled_from(WORDS + NAMES + CUES + ["«", "»", "“", "”"]), min_size=30,
                              max_size=2500).map(" ".join)
enormous_word = st.tuples(st.sampled_from(["x", "a\u0301", "😀", "北", "ab", "\u0301", "-", "'", "Okafor"]),
                          st.integers(2_000, 40_000)).map(lambda t: t[0] * (t[1] // len(t[0])))

@st.composite
def reported_sentence(draw) -> str:
    """A sentence as newspapers write them, with odd characters let in: "...," Helen Okafor said. / X told Y: «...»"""
    words = " ".join(draw(st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), fragment), min_size=1,
                                   max_size=25)))
    mark_open, mark_close = draw(st.sampled_from(QUOTE_MARKS)), draw(st.sampled_from([*QUOTE_MARKS, ""]))
    name, cue = draw(st.sampled_from(NAMES)), draw(st.sampled_from(CUES))
    end = draw(st.sampled_from([".", ".", "。", "!", "?", "", "...", ".\u200f"]))
    shape = draw(st.integers(0, 3))
    if shape == 0:
        return f"{mark_open}{words},{mark_close} {name} {cue}{end}"
    if shape == 1:
        return f"{name} {cue} {mark_open}{words}{mark_close}{end}"
    if shape == 2:
        return f"{name} {cue} that {words}{end}"
    return f"{words.capitalize()}{end}"


prose = st.lists(st.lists(reported_sentence(), min_size=1, max_size=5).map(" ".join), min_size=1,
                 max_size=6).map("\n\n".join)
body_text = st.lists(st.one_of(prose, prose, prose, odd_text, quote_soup, quote_soup, no_sentence_breaks,
                               enormous_word), min_size=1, max_size=3).map("\n\n".join)
short_text = st.one_of(st.none(), st.sampled_from(["", " ", "Bridge repairs", "\x00", "«»", "😀" * 3]), odd_text)
surrogate_text = st.text(alphabet=st.characters(categories=("Cs", "Lu", "Zs", "Po")), min_size=1, max_size=30)

# -- documents ------------------------------------------------------------------------------------------

DATES = ["2026-04-01", "2026-04-01T09:30:00+02:00", "01/02/2026", "March 6, 2024", "yesterday", "", "9999-99-99",
         "0000-00-00", "2026-02-31", "1e400", "\x00", "2026-04-01T25:99:00+99:00", "Mon, 06 Apr 2026 10:00:00 GMT"]
URLS = ["https://harbourgazette.example/a", "http://[::1", "javascript:alert(1)", "https://ex\x00ample.org/",
        "//x", "https://xn--80ak6aa92e.com/", "https://例え.テスト/記事", "mailto:a@b",
        "https://a.example/" + "x" * 3000]
LANGUAGES = ["en", "EN", "fr", "zz", "", "e\x00n", "x" * 300, "zh", "ar"]
wrong_type = st.one_of(st.booleans(), st.integers(), st.floats(), st.lists(st.integers(), max_size=3),
                       st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
json_leaf = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30), st.floats(),
                      any_text)
json_value = st.recursive(json_leaf, lambda inner: st.lists(inner, max_size=3)
                          | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8)
text_key = st.sampled_from(["text", "text", "content", "body"])


@st.composite
def json_record(draw) -> str:
    """One JSON Lines record, as text: fields of the right or the wrong type, then sometimes a lone surrogate
    escape, a huge integer, deep nesting, or a broken end."""
    record: dict = {draw(text_key): draw(st.one_of(body_text, body_text, surrogate_text, wrong_type, json_value))}
    for key, values in (("title", st.one_of(short_text, surrogate_text, wrong_type)),
                        ("url", st.one_of(st.sampled_from(URLS), wrong_type)),
                        ("outlet", st.one_of(short_text, wrong_type)),
                        ("date", st.one_of(st.sampled_from(DATES), wrong_type)),
                        ("language", st.one_of(st.sampled_from(LANGUAGES), wrong_type)),
                        ("extra", json_value)):
        if draw(st.booleans()):
            record[key] = draw(values)
    line = json.dumps(record, ensure_ascii=draw(st.booleans()) or _has_surrogates(record))
    trick = draw(st.sampled_from(["none"] * 6 + ["surrogate", "low-surrogate", "huge-int", "huge-float", "deep",
                                                 "deep-object", "cut", "nan", "duplicate-key", "bom"]))
    if trick == "surrogate":
        line = line[:-1] + ', "title": "Broken \\ud800 escape", "note": "\\udfff\\ud800x"}'
    elif trick == "low-surrogate":
        line = line.replace('"text": "', '"text": "\\udc80', 1)
    elif trick == "huge-int":
        line = line[:-1] + f', "views": {"9" * draw(st.sampled_from([4_299, 4_301, 20_000]))}}}'
    elif trick == "huge-float":
        line = line[:-1] + ', "score": 1e99999, "neg": -1e99999}'
    elif trick in ("deep", "deep-object"):
        depth = draw(st.sampled_from([31, 33, 200, 5_000, 100_000]))
        nested = "[" * depth + "]" * depth if trick == "deep" else '{"a":' * depth + "1" + "}" * depth
        line = line[:-1] + f', "nested": {nested}}}'
    elif trick == "cut":
        line = line[:draw(st.integers(0, max(0, len(line) - 1)))]
    elif trick == "nan":
        line = line[:-1] + ', "x": NaN, "y": -Infinity}'
    elif trick == "duplicate-key":
        line = line[:-1] + ', "text": "The second text wins, said Helen Okafor."}'
    elif trick == "bom":
        line = "\ufeff" + line
    return line


def _has_surrogates(value: object) -> bool:
    return any(0xD800 <= ord(ch) <= 0xDFFF for ch in json.dumps(value, ensure_ascii=False))


@st.composite
def jsonl_document(draw) -> tuple[str, bytes]:
    lines = draw(st.lists(st.one_of(json_record(), json_record(), json_record(), any_text,
                                    json_value.map(json.dumps)), min_size=1, max_size=6))
    if draw(st.booleans()):  # the same record twice (two documents with one id)
        lines.append(lines[0])
    shape = draw(st.sampled_from(["lines", "lines", "crlf", "array", "object"]))
    if shape == "array":
        text = "[" + ",\n".join(lines) + "]"
    elif shape == "object":
        text = lines[0]
    else:
        text = ("\r\n" if shape == "crlf" else "\n").join(lines)
    data = text.encode("utf-8", "surrogatepass")
    return draw(st.sampled_from(["feed.jsonl", "feed.ndjson", "feed.json", "feed"])), data


@st.composite
def txt_document(draw) -> tuple[str, bytes]:
    header = draw(st.sampled_from(["", "", "date 2026-04-01\n", "date: March 6, 2024\n", "date 31/02/2026 ",
                                   "date\n", "Bridge repairs begin on the harbour crossing\n\n"]))
    trailer = draw(st.sampled_from(["", "", "\nArticle from: https://harbourgazette.example/x",
                                    "\nSource: http://[::1", "\nRead the original article: https://例え.テスト/"]))
    text = header + draw(body_text) + trailer
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252",
                                     "latin-1", "surrogatepass", "gb18030"]))
    if encoding == "surrogatepass":
        data = (text + draw(surrogate_text)).encode("utf-8", "surrogatepass")
    else:
        data = text.encode(encoding, "replace")
    return draw(st.sampled_from(["story.txt", "story.text", "story", "story.md"])), data


def _html_page(title: str, paragraphs: list[str], lang: str, date: str, raw: bool) -> str:
    body = "".join(f"<p>{p if raw else escape(p)}</p>" for p in paragraphs)
    return (f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta property="og:site_name" content="Harbour Gazette">'
            f'<meta property="article:published_time" content="{escape(date)}"></head><body>'
            f"<nav>Home | News | Sport</nav><article><h1>{escape(title)}</h1>{body}</article>"
            f"<footer>© 2026 Harbour Gazette. All rights reserved.</footer></body></html>")


@st.composite
def html_document(draw) -> tuple[str, bytes]:
    page = _html_page(draw(short_text) or "", draw(st.lists(body_text, min_size=1, max_size=4)),
                      draw(st.sampled_from(LANGUAGES)), draw(st.sampled_from(DATES)), draw(st.booleans()))
    data = page.encode(draw(st.sampled_from(["utf-8", "utf-8", "utf-16", "cp1252"])), "replace")
    return draw(st.sampled_from(["page.html", "page.htm", "page", "page.txt"])), data


CHARREFS = ["&amp;", "&#0;", "&#xD800;", "&#99999999999;", "&#x110000;", "&nbsp;", "&lt;p&gt;", "&#8220;", "&bogus;"]


@st.composite
def feed_document(draw) -> tuple[str, bytes]:
    entries = draw(st.lists(st.tuples(short_text, body_text, st.sampled_from(DATES), st.sampled_from(CHARREFS),
                                      st.booleans()), min_size=1, max_size=3))
    feed_title = escape(draw(short_text) or "") + " – News"
    atom = draw(st.booleans())
    items = []
    for title, text, date, ref, cdata in entries:
        content = f"<![CDATA[<p>{text.replace(']]>', '')}</p>]]>" if cdata else escape(text)
        if atom:
            items.append(f"<entry><title>{escape(title or '')}</title><updated>{escape(date)}</updated>"
                         f"<link href='https://harbourgazette.example/e'/><content type='html'>{content}{ref}"
                         "</content></entry>")
        else:
            items.append(f"<item><title>{escape(title or '')}</title><pubDate>{escape(date)}</pubDate>"
                         f"<link>https://harbourgazette.example/i</link><description>{content}{ref}</description>"
                         "</item>")
    if atom:
        xml = f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>{feed_title}</title>"
        xml += "".join(items) + "</feed>"
    else:
        xml = f"<?xml version='1.0'?><rss version='2.0'><channel><title>{feed_title}</title><language>en</language>"
        xml += "".join(items) + "</channel></rss>"
    name = draw(st.sampled_from(["news.rss", "news.atom", "news.xml", "news"]))
    return name, xml.encode("utf-8", "surrogatepass")


@st.composite
def warc_document(draw) -> tuple[str, bytes]:
    page = _html_page(draw(short_text) or "", draw(st.lists(body_text, min_size=1, max_size=2)), "en",
                      draw(st.sampled_from(DATES)), draw(st.booleans()))
    return "crawl.warc", _warc(page) * draw(st.integers(1, 2))


plain_documents = st.one_of(txt_document(), jsonl_document(), jsonl_document(), html_document(), feed_document(),
                            warc_document())


def _truncated_gzip(data: bytes) -> bytes:
    packed = gzip.compress(data)
    return packed[:max(10, len(packed) * 2 // 3)]


COMPRESSIONS = {
    "gzip": gzip.compress,
    "gzip-twice": lambda data: gzip.compress(gzip.compress(data)),
    "gzip-truncated": _truncated_gzip,
    "gzip-two-members": lambda data: gzip.compress(data[:len(data) // 2]) + gzip.compress(data[len(data) // 2:]),
    "gzip-trailing-garbage": lambda data: gzip.compress(data) + b"\x00\x00garbage",
    "gzip-padded": lambda data: gzip.compress(data) + b"\x00" * 512,
    "raw-deflate": lambda data: zlib.compress(data),
}


@st.composite
def compressed_document(draw) -> tuple[str, bytes]:
    name, data = draw(plain_documents)
    how = draw(st.sampled_from(sorted(COMPRESSIONS)))
    suffix = ".gz" if how != "raw-deflate" and draw(st.booleans()) else ""
    return name + suffix, COMPRESSIONS[how](data)


def _gzip_of(head: bytes, unit: bytes, size: int, tail: bytes = b"") -> bytes:
    """gzip of ``head + unit * n + tail`` (about ``size`` bytes), compressed a megabyte at a time."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = unit * max(1, (1 << 20) // len(unit))
    parts, left = [packer.compress(head)], max(0, size - len(head) - len(tail))
    while left > 0:
        piece = chunk if left >= len(chunk) else unit * max(1, left // len(unit))
        parts.append(packer.compress(piece))
        left -= len(piece)
    return b"".join([*parts, packer.compress(tail), packer.flush()])


@lru_cache(maxsize=32)
def bomb(kind: str, size: int) -> tuple[str, bytes]:
    """A small gzip file that inflates to about ``size`` bytes of one kind of document."""
    if kind == "zeros":
        return "zeros.txt.gz", _gzip_of(b"", b"\0", size)
    if kind == "txt":
        return "bomb.txt.gz", _gzip_of(b"", b"said Helen Okafor ", size)
    if kind == "jsonl-one-record":
        return "bomb.jsonl.gz", _gzip_of(b'{"text": "', b"a", size, b'"}\n')
    if kind == "jsonl-many-records":  # one record, over and over: a single article stored
        return "bomb.jsonl.gz", _gzip_of(b"", b'{"text": "' + b"The ferry is late, said Helen Okafor. " * 40
                                         + b'"}\n', size)
    if kind == "html":
        return "bomb.html.gz", _gzip_of(b"<html><body><p>", b"word ", size, b"</p></body></html>")
    if kind == "feed":
        return "bomb.rss.gz", _gzip_of(b"<rss><channel><item><description>", b"x", size,
                                       b"</description></item></channel></rss>")
    if kind == "nested":
        return "nested.txt.gz", gzip.compress(_gzip_of(b"", b"a", size), 9)
    raise ValueError(kind)


BOMB_KINDS = ["zeros", "txt", "jsonl-one-record", "jsonl-many-records", "html", "feed", "nested"]
small_bombs = st.tuples(st.sampled_from(BOMB_KINDS), st.sampled_from([LIMIT + 1, 6_000_000])).map(
    lambda t: bomb(*t))
garbage = st.one_of(st.binary(max_size=2000).map(lambda b: ("blob.bin", b)),
                    st.binary(max_size=200).map(lambda b: ("blob.txt", b"\x1f\x8b" + b)),
                    st.sampled_from([("empty.txt", b""), ("blank.jsonl", b" \n\t\n"), ("nul.txt", b"\x00" * 64),
                                     ("bom.txt", b"\xef\xbb\xbf"), ("utf16bom.txt", b"\xff\xfe"),
                                     ("gz-header.txt.gz", b"\x1f\x8b\x08\x00"), ("lone.json", b"{"),
                                     ("deep.json", b"[" * 200_000), ("huge.json", b"9" * 50_000)]))
documents = st.one_of(plain_documents, plain_documents, plain_documents, compressed_document(), small_bombs,
                      garbage)

# -- checks ---------------------------------------------------------------------------------------------


def small_settings(db: Path, **overrides) -> Settings:
    values = dict(db_url=str(db), max_document_bytes=LIMIT, document_timeout=TIMEOUT, quote_method="rules")
    return Settings(**{**values, **overrides})


def expected_documents(data: bytes, name: str, config: Settings) -> list[RawDoc]:
    """The documents the readers find in ``data`` (read once more, apart from the ingest)."""
    return [item for item in read_bytes(data, name, config) if isinstance(item, RawDoc)]


def check_report(report: IngestReport, docs: list[RawDoc], store: Store, before: set[str]) -> None:
    """Every error has a code and none is an unexpected failure; every document read is stored, or its own
    error says why."""
    for error in report.errors:
        assert isinstance(error, PresslensError), error
        assert ERROR_CODE.fullmatch(error.code), error
        assert error.code != UNEXPECTED, f"a stage failed unexpectedly: {error}"
        assert str(error).startswith(f"[{error.code}] "), error
    assert report.documents == len(docs)
    assert 0 <= report.added <= report.documents - report.already_stored
    stored = stored_ids(store)
    assert len(stored - before) == report.added
    messages = [str(e) for e in report.errors]
    for doc in docs:
        if article_id_for(doc) in stored:
            continue
        assert any(m.startswith(f"[{e.code}] {doc.where}:") for e, m in zip(report.errors, messages, strict=True)), (
            f"{doc.where} was read but neither stored nor reported: {messages}")


def stored_ids(store: Store) -> set[str]:
    ids: set[str] = set()
    offset = 0
    while page := store.list_articles(limit=500, offset=offset):
        ids |= {a.article_id for a in page}
        offset += len(page)
    return ids


_SEARCHABLE = re.compile(r"(?<![^\s!-/:-@\[-`{-~])[A-Za-z]{4,40}(?![^\s!-/:-@\[-`{-~])")


def check_article(store: Store, article_id: str) -> None:
    """The stored article's spans all lie in its original text, and it can be found by its words."""
    article = store.get_article(article_id)
    raw = article.raw_text
    for span in article.removed:
        assert 0 <= span.start <= span.end <= len(raw) and raw[span.start:span.end] == span.text
    for quote in store.article_quotes(article_id):
        for span in (quote.content, quote.speaker, quote.cue):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(raw), (span, len(raw))
                assert raw[span.start:span.end] == span.text, (span, raw[span.start:span.end])
    for summary in store.list_quotes(article_id=article_id, limit=1000):
        assert raw[summary.content_start:summary.content_end] == summary.content
    for mention in store.article_mentions(article_id):
        assert 0 <= mention["start"] < mention["end"] <= len(raw), mention
        assert raw[mention["start"]:mention["end"]] == mention["text"], mention
    clean = article.clean_text
    for start in range(0, len(clean), max(1, len(clean) // 5)):
        span = article.raw_span(start, min(len(clean), start + 20))
        assert 0 <= span.start <= span.end <= len(raw)
    words = sorted(set(_SEARCHABLE.findall(clean)), key=lambda w: (-len(w), w))[:2]
    for word in words:
        hits = store.search(word.lower(), limit=10_000)
        assert article_id in {h.article.article_id for h in hits}, f"{word!r} does not find {article_id}"
    store.search(clean[:40])  # whatever the text holds, as a query: never raises
    store.list_quotes(search=" ".join(words) or clean[:20], limit=5)
    store.list_stories(search=words[0] if words else clean[:10], limit=5)


def check_store(store: Store, new_ids: set[str]) -> None:
    """The store reads back whole: lists, search, quotes, stories, entities; new articles checked one by one."""
    store.list_articles(limit=5)
    store.list_quotes(limit=50)
    store.list_stories(limit=50)
    store.list_entities(limit=50)
    store.search("said")
    store.outlet_counts()
    assert store.count_unlinked_articles() == 0
    for article_id in sorted(new_ids):
        check_article(store, article_id)


def integrity(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory) -> Iterator[tuple[Store, Path]]:
    """One real SQLite store for a test's examples (it grows as they run, as a real one does)."""
    db = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    warm = small_settings(db)
    with Store.open(warm.db_url) as store:
        # load every model once, outside the per-document time limits
        ingest_bytes(b'"We will fix it," said Helen Okafor, the mayor of Northfield.', "warm.txt", store, warm)
        yield store, db
    integrity(db)


def ingest_and_check(store: Store, db: Path, name: str, data: bytes, config: Settings) -> IngestReport:
    docs = expected_documents(data, name, config)
    before = stored_ids(store)
    report = ingest_bytes(data, name, store, config)
    check_report(report, docs, store, before)
    check_store(store, stored_ids(store) - before)
    return report


# -- the pipeline ---------------------------------------------------------------------------------------

TRIED: Counter = Counter()  # examples by kind of document, and what came of them (run with -s to see it)


def _tried(kind: str, report: IngestReport | dict | None = None) -> None:
    TRIED[kind] += 1
    if isinstance(report, IngestReport):
        TRIED["  articles stored"] += report.added
        TRIED["  quotes stored"] += report.quotes
        TRIED["  mentions stored"] += report.mentions
        TRIED.update(f"  error {e.code}" for e in report.errors)
    elif isinstance(report, dict):
        TRIED["  api articles stored"] += report["added"]
        TRIED.update(f"  api error {e[1:5]}" for e in report["errors"])


@pytest.fixture(scope="module", autouse=True)
def summary():
    yield
    print("\nfuzz_pipeline tried:", *(f"{k}: {v}" for k, v in sorted(TRIED.items())), sep="\n  ")
    for name, size, peak in PEAKS:
        print(f"  memory: {name} {size:,} bytes in, traced peak {peak / 2**20:.1f} MiB")
    if RSS_BEFORE:
        print(f"  peak RSS before the large inputs {RSS_BEFORE / 2**20:.0f} MiB, "
              f"at the end {_peak_rss() / 2**20:.0f} MiB")


def _kind(name: str, data: bytes) -> str:
    return ("gzip " if data[:2] == b"\x1f\x8b" else "") + (Path(name.removesuffix(".gz")).suffix or name)


@settings(max_examples=examples(150), **FUZZ)
@given(docs=st.lists(documents, min_size=1, max_size=3))
def test_fuzz_pipeline_documents_into_a_real_store(fuzz_store, docs):
    store, db = fuzz_store
    config = small_settings(db)
    for name, data in docs:
        _tried(_kind(name, data), ingest_and_check(store, db, name, data, config))


FILE_PREFIXES = ["", "caf\udce9 ", "\u202e", "文件 ", "e\u0301 ", "😀", "a b ", "\x01"]  # \udce9: a byte not UTF-8


@settings(max_examples=examples(30), **FUZZ)
@given(docs=st.lists(st.tuples(st.sampled_from(FILE_PREFIXES), documents), min_size=1, max_size=4),
       batch_size=st.sampled_from([1, 2, 200]), outlet=st.one_of(st.none(), st.none(), short_text))
def test_fuzz_pipeline_files_through_ingest_paths(fuzz_store, docs, batch_size, outlet):
    """Files in a folder (with a subfolder, odd names, bytes that are not UTF-8), several per run, written in
    small transactions, sometimes all given one outlet."""
    store, db = fuzz_store
    config = small_settings(db, batch_size=batch_size)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "sub").mkdir()
        expected: list[RawDoc] = []
        for n, (prefix, (name, data)) in enumerate(docs):
            path = root / ("sub" if n % 2 else "") / f"{n}-{prefix}{name}"
            path.write_bytes(data)
            expected += [replace(item, outlet=outlet) if outlet else item
                         for item in read_path(path, config) if isinstance(item, RawDoc)]
        before = stored_ids(store)
        report = ingest_paths([root], store, config, outlet=outlet)
        _tried(f"files x{len(docs)}", report)
        assert report.files == len(docs)
        check_report(report, expected, store, before)
        check_store(store, stored_ids(store) - before)


@pytest.mark.slow
@settings(max_examples=examples(8), **FUZZ)
@given(docs=st.lists(st.one_of(txt_document(), jsonl_document(), html_document(), feed_document()),
                     min_size=1, max_size=2))
def test_fuzz_pipeline_with_the_quote_model(fuzz_store, docs):
    store, db = fuzz_store
    config = small_settings(db, quote_method="model")
    for name, data in docs:
        _tried(f"model {_kind(name, data)}", ingest_and_check(store, db, name, data, config))


# -- large documents and bombs: memory ------------------------------------------------------------------------

BIG_LIMIT = 200_000  # 10 MB for JSON Lines, feeds and WARC
# Traced Python peak of one ingest (tracemalloc; numpy and spaCy's arrays included), whatever the input. spaCy's
# memory grows with the tokens it holds at once, and the pipeline hands it at most nlp.BATCH_TOKENS at a time, so
# the peak levels off: measured 76 MiB for 5,000 words, 152 for 10,000, then 244 to 249 MiB from 30,000 words
# (190 KB) to 120,000 (760 KB). Refused documents and bombs stay under 100 MiB (a 10 MB JSON Lines read).
MEMORY_BOUND = 320 * 2**20
RSS_GROWTH_BOUND = 1024 * 2**20  # the process's peak RSS may grow this much over the large inputs
PEAKS: list[tuple[str, int, int]] = []
RSS_BEFORE = 0


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: kilobytes


@lru_cache(maxsize=8)
def large(kind: str) -> tuple[str, bytes]:
    """A few large documents, built once: refused, cut short, or read."""
    line = json.dumps({"text": "The ferry is late again, said Helen Okafor. " * 3, "title": "Ferry"})
    if kind == "txt-over-limit":
        return "big.txt", ("Harbour bridge council ferry said " * 120_000).encode()[:4_000_000]
    if kind == "enormous-word":
        return "word.txt", b"x" * (BIG_LIMIT - 10)
    if kind == "no-sentence-breaks":
        return "run-on.txt", (" ".join(WORDS[i % len(WORDS)] for i in range(30_000))).encode()[:BIG_LIMIT - 10]
    if kind == "jsonl-mostly-bad":
        bad = ['{"text": 5}', '{"text": ""}', "not json", '{"text": "x", "title": [1]}', "[" * 3000,
               '{"n": ' + "9" * 5000 + "}", '{"text": "\\ud800"}', '{"text": "a", "date": {"y": 2026}}']
        good = [json.dumps({"text": f"Ferry {i} is late again, said Helen Okafor.", "title": f"Ferry {i}"})
                for i in range(3)]
        lines = [good[i // 800] if i % 800 == 0 else bad[i % len(bad)] for i in range(2_400)]  # 3 MB
        return "mostly-bad.jsonl", "\n".join(lines).encode()
    if kind == "jsonl-record-over-limit":
        return "big-record.jsonl", (line + "\n" + json.dumps({"text": "y " * 1_500_000}) + "\n" + line).encode()
    if kind == "deep-json":
        return "deep.json", b"[" * 2_000_000 + b"]" * 2_000_000
    if kind == "feed-entry-over-limit":
        return "big.rss", (b"<rss version='2.0'><channel><title>Big</title><item><description>"
                           + b"ferry " * 500_000 + b"</description></item></channel></rss>")
    if kind == "html-over-limit":
        return "big.html", b"<html><body>" + b"<p>The ferry is late.</p>" * 120_000 + b"</body></html>"
    raise ValueError(kind)


LARGE_KINDS = ["txt-over-limit", "enormous-word", "no-sentence-breaks", "jsonl-mostly-bad", "jsonl-record-over-limit",
               "deep-json", "feed-entry-over-limit", "html-over-limit"]
BIG_BOMBS = [f"{kind} {200_000_000 if kind in ('zeros', 'nested', 'txt') else 50_000_000}" for kind in BOMB_KINDS]


def big_input(key: str) -> tuple[str, bytes]:
    """A large input by name (drawn by name: hypothesis would print megabytes otherwise)."""
    if key in LARGE_KINDS:
        return large(key)
    kind, size = key.split()
    return bomb(kind, int(size))


def _every_large_input(test):
    for key in LARGE_KINDS + BIG_BOMBS:
        test = example(key=key, salt=0)(test)
    return test


@pytest.mark.slow
@settings(max_examples=examples(len(LARGE_KINDS + BIG_BOMBS) + 4), **FUZZ)
@_every_large_input
@given(key=st.sampled_from(LARGE_KINDS + BIG_BOMBS), salt=st.integers(1, 10**9))
def test_fuzz_pipeline_large_documents_and_bombs_stay_within_memory(fuzz_store, key, salt):
    """Each large input once (explicit examples), then a few again with another salt: up to 4 MB as given, and
    bombs inflating to 50 and 200 MB."""
    store, db = fuzz_store
    name, data = big_input(key)
    if name.endswith((".txt", ".jsonl")):  # a new text each time: an article already stored is not analysed again
        data = data.replace(b"Ferry", f"Ferry{salt}".encode()) if b"Ferry" in data else f"{salt} ".encode() + data
    global RSS_BEFORE
    RSS_BEFORE = RSS_BEFORE or _peak_rss()
    config = small_settings(db, max_document_bytes=BIG_LIMIT, document_timeout=60)
    before = stored_ids(store)
    tracemalloc.start()
    try:
        started = time.perf_counter()
        report = ingest_bytes(data, name, store, config)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    PEAKS.append((name, len(data), peak))
    _tried(f"large {name}", report)
    assert peak < MEMORY_BOUND, f"{name} ({len(data):,} bytes): traced peak {peak:,} bytes in {seconds:.1f} s"
    assert _peak_rss() - RSS_BEFORE < RSS_GROWTH_BOUND, f"peak RSS {RSS_BEFORE:,} -> {_peak_rss():,} bytes"
    for error in report.errors:
        assert ERROR_CODE.fullmatch(error.code) and error.code != UNEXPECTED, error
    check_store(store, stored_ids(store) - before)


# -- the REST API -----------------------------------------------------------------------------------------

TOKEN = "t"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


class Api:
    """A TestClient on the app over its own store, and the articles already checked through it."""

    def __init__(self, client, db: Path) -> None:
        self.client, self.db, self.checked = client, db, set()


def _api(tmp_path_factory, name: str, **overrides):
    from fastapi.testclient import TestClient

    from presslens.api import create_app

    db = tmp_path_factory.mktemp(name) / "api.db"
    config = Settings(**{**dict(db_url=str(db), api_token=TOKEN, max_document_bytes=LIMIT, document_timeout=TIMEOUT,
                                quote_method="rules"), **overrides})
    with TestClient(create_app(config), raise_server_exceptions=False) as client:
        yield Api(client, db)
    integrity(db)


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    yield from _api(tmp_path_factory, "fuzz-api")


@pytest.fixture(scope="module")
def api_client(api):
    return api.client


def check_error_shape(response) -> None:
    assert response.status_code != 500, f"500 for this request: {response.text[:300]}"
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"} and {"code", "message"} <= set(body["error"]), body
        assert isinstance(body["error"]["code"], str) and isinstance(body["error"]["message"], str), body


def ingest_result(client, response, timeout: float = 180) -> dict | None:
    """The ingest report of a POST: from its job (202 and GET /api/v1/jobs/{id}, the contract now) or, should the
    contract change back, from the answer itself. None for a refused request (in the error shape)."""
    check_error_shape(response)
    if response.status_code >= 400:
        return None
    body = response.json()
    if response.status_code == 202 or "job_id" in body:
        location = response.headers.get("Location") or f"/api/v1/jobs/{body['job_id']}"
        deadline = time.monotonic() + timeout
        while True:
            polled = client.get(location, headers=AUTH)
            check_error_shape(polled)
            job = polled.json()
            if job["status"] not in ("queued", "running"):
                break
            assert time.monotonic() < deadline, job
            time.sleep(0.02)
        if job["status"] == "failed":
            assert {"code", "message"} <= set(job["error"]) and job["error"]["code"] != "internal", job
            return None
        assert job["status"] == "done", job
        body = job["report"]
    for error in body["errors"]:
        assert REPORTED_ERROR.match(error) and not error.startswith(f"[{UNEXPECTED}]"), error
    return body


def check_api_articles(api: Api) -> None:
    """Every article the API lists reads back, the new ones with their quotes, mentions and removed spans inside
    their original text; searches with their words and the other lists answer."""
    client, ids, cursor = api.client, [], None
    while True:
        listed = client.get("/api/v1/articles", params={"limit": 200, **({"cursor": cursor} if cursor else {})})
        check_error_shape(listed)
        ids += [item["article_id"] for item in listed.json()["items"]]
        if not (cursor := listed.json()["next_cursor"]):
            break
    for article_id in sorted(set(ids) - api.checked):
        answer = client.get(f"/api/v1/articles/{article_id}")
        check_error_shape(answer)
        article = answer.json()
        raw = article["raw_text"]
        for quote in article["quotes"]:
            assert raw[quote["content_start"]:quote["content_end"]] == quote["content"], quote
        for mention in article["mentions"]:
            assert raw[mention["start"]:mention["end"]] == mention["text"], mention
        for span in article["removed"]:
            assert raw[span["start"]:span["end"]] == span["text"], span
        for word in _SEARCHABLE.findall(article["clean_text"])[:1]:
            hits = client.get("/api/v1/articles", params={"q": word.lower(), "limit": 200})
            check_error_shape(hits)
            check_error_shape(client.get("/api/v1/quotes", params={"q": word}))
        check_error_shape(client.get("/api/v1/articles", params={"q": article["clean_text"][:30] or "x"}))
        api.checked.add(article_id)
    for path in ("/api/v1/stories", "/api/v1/quotes", "/api/v1/entities", "/api/v1/outlets"):
        check_error_shape(client.get(path))


api_records = st.lists(json_record(), min_size=1, max_size=3)


@st.composite
def api_json_bodies(draw) -> bytes:
    """A POST body: one record or a list of them as JSON, or something that is not."""
    records = draw(api_records)
    shape = draw(st.sampled_from(["list", "list", "one", "garbage", "value"]))
    if shape == "list":
        text = "[" + ",".join(records) + "]"
    elif shape == "one":
        text = records[0]
    elif shape == "value":
        text = json.dumps(draw(json_value))
    else:
        return draw(st.one_of(st.binary(max_size=300), st.sampled_from(
            [b"", b"[]", b"{}", b"[" * 100_000, b"9" * 5_000, b"\xff\xfe{", b'"\\ud800"', b"null",
             b'{"text": "a"}' * 2])))
    return text.encode("utf-8", "surrogatepass")


JSON_TYPES = ["application/json", "application/json; charset=utf-8", "text/plain", ""]


@settings(max_examples=examples(80), **FUZZ)
@given(bodies=st.lists(st.tuples(api_json_bodies(), st.sampled_from(JSON_TYPES)), min_size=1, max_size=3))
def test_fuzz_api_post_json_bodies(api, bodies):
    """JSON bodies posted back to back (jobs queue behind each other), then each job polled to its end."""
    answers = [api.client.post("/api/v1/articles", content=body,
                               headers={**AUTH, **({"Content-Type": kind} if kind else {})}) for body, kind in bodies]
    for response in answers:
        _tried("api json", ingest_result(api.client, response))
    check_api_articles(api)


upload_documents = st.one_of(documents, documents, st.sampled_from(
    ["enormous-word", "no-sentence-breaks", "deep-json", "zeros 50000000", "jsonl-one-record 50000000"]).map(
    big_input))
UPLOAD_TYPES = ["application/octet-stream", "text/plain", "application/gzip", ""]


@settings(max_examples=examples(60), **FUZZ)
@given(uploads=st.lists(st.tuples(upload_documents, st.sampled_from(UPLOAD_TYPES)), min_size=1, max_size=3))
def test_fuzz_api_post_multipart_uploads(api, uploads):
    """Files uploaded as multipart ``file`` fields, back to back, then each job polled to its end."""
    answers = [api.client.post("/api/v1/articles", headers=AUTH,
                               files={"file": (name, data, kind) if kind else (name, data)})
               for (name, data), kind in uploads]
    for ((name, data), _kind_of_upload), response in zip(uploads, answers, strict=True):
        _tried(f"api upload {_kind(name, data)}", ingest_result(api.client, response))
    check_api_articles(api)


# -- documents that run out of time: the limit interrupts a step anywhere, the next documents are unharmed ----

slow_text = st.tuples(st.integers(3_000, 15_000), st.sampled_from([" ", ". ", "\n", " \u201c"]),
                      st.integers(0, 10**9)).map(
    lambda t: f"{t[2]} " + t[1].join(WORDS[(i * 7) % len(WORDS)] + (" said Helen Okafor" if i % 50 == 0 else "")
                                     for i in range(t[0])))


_CONTROLS = itertools.count()


def control_article(salt: int) -> bytes:
    """An ordinary article, a new one each call."""
    salt = f"{salt}-{next(_CONTROLS)}"
    return (f"Ferry {salt} is late again. \u201cWe will fix the timetable by May,\u201d said Helen Okafor, the "
            f"mayor of Northfield. The council met on Tuesday.").encode()


def check_control(store: Store, db: Path, salt: int) -> None:
    """After an interrupted document, an ordinary one is read, analysed (a quote, its speaker) and stored."""
    report = ingest_and_check(store, db, f"control-{salt}.txt", control_article(salt), small_settings(db))
    assert report.added == 1 and report.quotes >= 1 and report.mentions >= 1, report.as_dict()


# hypothesis's own gc callback can be running when the limit fires: Python drops that one ("Exception ignored"),
# and the limit comes again 50 ms later (timeouts.REPEAT_S); the warning is that dropped one
DROPPED_IN_A_CALLBACK = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


@pytest.mark.slow
@DROPPED_IN_A_CALLBACK
@settings(max_examples=examples(6), **FUZZ)
@given(texts=st.lists(slow_text, min_size=1, max_size=3), method=st.sampled_from(["rules", "rules", "model"]),
       salt=st.integers(0, 10**9))
def test_fuzz_pipeline_documents_that_run_out_of_time(fuzz_store, texts, method, salt):
    """A one-second limit (SIGALRM in the main thread) on documents that need about that long: each is stored or
    reported (E113), and the pipeline then handles an ordinary article whole."""
    store, db = fuzz_store
    config = small_settings(db, document_timeout=1, quote_method=method)
    for n, text in enumerate(texts):
        data = text.encode()
        docs = expected_documents(data, f"slow-{n}.txt", config)
        before = stored_ids(store)
        report = ingest_bytes(data, f"slow-{n}.txt", store, config)
        _tried(f"timed {method}", report)
        check_report(report, docs, store, before)
        check_store(store, stored_ids(store) - before)
    check_control(store, db, salt)


@pytest.fixture(scope="module")
def short_api(tmp_path_factory):
    yield from _api(tmp_path_factory, "fuzz-api-short", document_timeout=1)


@pytest.mark.slow
@DROPPED_IN_A_CALLBACK
@settings(max_examples=examples(5), **FUZZ)
@given(texts=st.lists(slow_text, min_size=1, max_size=3), salt=st.integers(0, 10**9))
def test_fuzz_api_jobs_that_run_out_of_time(short_api, texts, salt):
    """The same in the API's ingest worker thread, where the limit is an exception raised into the thread: each
    job ends (done, its documents stored or E113), and an ordinary article posted next is stored with its quote."""
    client = short_api.client
    answers = [client.post("/api/v1/articles", headers=AUTH, files={"file": (f"slow-{n}.txt", text.encode())})
               for n, text in enumerate(texts)]
    for response in answers:
        _tried("api timed", ingest_result(client, response))
    report = ingest_result(client, client.post("/api/v1/articles", headers=AUTH,
                                               files={"file": ("control.txt", control_article(salt))}))
    assert report is not None and report["added"] == 1 and report["quotes"] >= 1, json.dumps(report)
    check_api_articles(short_api)


# -- crashes found by this file, kept as small tests -----------------------------------------------------------


@pytest.mark.parametrize("written", ["0000-00-00", "0000-01-01", "0001-01-01T00:00:00+14:00"])
def test_crash_feed_entry_dated_year_zero_is_kept_with_a_warning(written):
    """Found here: feedparser reads "0000-00-00" as year -1 and ``datetime`` raised ValueError out of the feed
    reader (in an ingest: E114, and every later entry of the feed lost). Fixed in ``ingest/feed.py``."""
    feed = (f"<rss version='2.0'><channel><title>T</title><item><title>A</title><pubDate>{written}</pubDate>"
            "<description>The ferry is late, said Helen Okafor.</description></item><item><title>B</title>"
            "<description>The bridge is shut.</description></item></channel></rss>").encode()
    items = list(read_bytes(feed, "dated.rss", Settings()))
    assert [type(i) for i in items] == [RawDoc, RawDoc] and items[0].published is None
    assert any(w.startswith("[W101] dated.rss:entry 0: unreadable date") for w in items[0].warnings)


@pytest.mark.parametrize("body", [b'{"text": "The ferry is late.", "views": ' + b"9" * 5_000 + b"}",
                                  b"[" + b"1" * 4_301 + b"]", b"9" * 5_000])
def test_crash_api_json_body_with_a_huge_integer_is_a_400(api_client, body):
    """Found here: an integer of more than 4,300 digits in a JSON body makes ``json.loads`` raise ``ValueError``
    (Python's limit on int conversion), which ``_json_records`` does not catch (it catches JSONDecodeError,
    UnicodeDecodeError and RecursionError): the POST answered 500 instead of a 400 ``invalid_json``. The JSON Lines
    reader caught it already (E104). Fixed in ``api/routes.py`` (92ae9df)."""
    response = api_client.post("/api/v1/articles", content=body, headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 400, response.text
    assert response.json()["error"]["code"] == "invalid_json"


class _SlowFinaliser:
    def __del__(self) -> None:
        time.sleep(0.3)  # the document's time runs out in here


def _limited_work() -> float | None:
    """Seconds until ``DocumentTimeout`` came, or None when it never did."""
    from presslens.timeouts import DocumentTimeout, time_limit

    started = time.monotonic()
    try:
        with time_limit(0.1):
            _SlowFinaliser()  # dropped at once: its __del__ runs, and the limit expires while it does
            while time.monotonic() - started < 1.5:
                time.sleep(0.01)
    except DocumentTimeout:
        return time.monotonic() - started
    return None


@pytest.mark.xfail(strict=True, reason="timeouts.py: a DocumentTimeout raised inside a finaliser is lost (raising it "
                   "again until the block ends made pytest's own unraisable hook fail in CI: open)")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("where", ["main thread", "worker thread"])
def test_crash_a_time_limit_that_expires_inside_a_finaliser_still_stops_the_document(where):
    """Found here (pytest: "Exception ignored in: gc_callback ... raise DocumentTimeout"): the limit was one
    exception, raised once (a one-shot SIGALRM in the main thread, one PyThreadState_SetAsyncExc in a worker). When
    it landed while a ``__del__``, a weakref or gc callback ran, Python printed "Exception ignored" and dropped it, and
    the document ran on with no limit at all: the batch could hang after all. Fixed in ``timeouts.py`` (92ae9df:
    raised again every 50 ms until the block ends)."""
    import threading

    if where == "main thread":
        took = _limited_work()
    else:
        out: list[float | None] = []
        worker = threading.Thread(target=lambda: out.append(_limited_work()))
        worker.start()
        worker.join()
        took = out[0]
    assert took is not None and took < 1.0, f"the limit of 0.1 s never stopped the work (took {took})"
