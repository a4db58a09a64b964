"""Ingest integrity: decompression bombs, broken JSON and lone surrogates, dates as outlets write them,
legacy code pages, and sources that are not regular files. Every input here is written by the test."""

from __future__ import annotations

import gzip
import io
import json
import os
import socket
import threading
import tracemalloc
import zlib
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from presslens.errors import IngestError
from presslens.ingest import iter_sources, read_bytes, read_path
from presslens.ingest.dates import read_when
from presslens.ingest.html import _page_date
from presslens.ingest.meta import decode
from presslens.records import RawDoc
from presslens.settings import Settings

MB = 1 << 20
PROSE = "The harbour bridge will close for three weeks of repairs, the council said on Monday. "


def _docs(items: list) -> list[RawDoc]:
    return [i for i in items if isinstance(i, RawDoc)]


def _errors(items: list) -> list[IngestError]:
    return [i for i in items if isinstance(i, IngestError)]


def _page(title: str, extra_head: str = "") -> bytes:
    return (f"<html><head><title>{title}</title>{extra_head}</head><body><article><p>{PROSE * 6}</p>"
            f"<p>{PROSE * 4}</p></article></body></html>").encode()


def _warc_record(url: str, body: bytes, *, gz: bool = True, headers: list[tuple[str, str]] | None = None) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    http = StatusAndHeaders("200 OK", headers or [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))
    return buffer.getvalue()


def _raw_warc_record(http: bytes) -> bytes:
    """A response record written by hand (warcio's writer would undo the transfer coding)."""
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.example/raw\r\n"
            b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-0000000000aa>\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(http)
            + http + b"\r\n\r\n")


def _zeros_gzip(path: Path, megabytes: int, head: bytes = b"", tail: bytes = b"") -> None:
    """Append a gzip member of ``head``, ``megabytes`` MiB of zeros and ``tail``, written a MiB at a time."""
    with path.open("ab") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6) as out:
        out.write(head)
        block = bytes(MB)
        for _ in range(megabytes):
            out.write(block)
        out.write(tail)


def _gzip_of(byte: bytes, megabytes: int, head: bytes = b"") -> bytes:
    """gzip of ``head`` and ``megabytes`` MiB of ``byte``, compressed a MiB at a time (never held whole)."""
    deflate = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = byte * MB
    return deflate.compress(head) + b"".join(deflate.compress(block) for _ in range(megabytes)) + deflate.flush()


def _peak_bytes(run) -> tuple[list, int]:
    """What ``run()`` returns (as a list) and the peak memory it allocated, by tracemalloc."""
    tracemalloc.start()
    try:
        items = list(run())
        return items, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# 1. Decompression bombs: the limit applies to decompressed bytes, memory stays bounded.

def test_integrity_gzip_bomb_file_is_refused_with_bounded_memory(tmp_path: Path):
    bomb = tmp_path / "bomb.txt.gz"
    _zeros_gzip(bomb, 200)
    assert bomb.stat().st_size < 2 * MB
    items, peak = _peak_bytes(lambda: read_path(bomb, Settings(max_document_bytes=MB)))
    (error,) = items
    assert isinstance(error, IngestError) and error.code == "E110"
    assert str(error).startswith(f"[E110] {bomb}")
    assert peak < 16 * MB, peak


def test_integrity_gzip_bomb_upload_is_refused(tmp_path: Path):
    bomb = tmp_path / "upload.html.gz"
    _zeros_gzip(bomb, 200)
    items, peak = _peak_bytes(lambda: read_bytes(bomb.read_bytes(), "upload.html.gz", Settings(max_document_bytes=MB)))
    assert [e.code for e in items] == ["E110"] and "upload.html.gz" in str(items[0])
    assert peak < 16 * MB, peak


def test_integrity_gzipped_jsonl_past_the_limit_keeps_the_records_before_it(tmp_path: Path):
    lines = b"".join(json.dumps({"text": f"Record {i}. {PROSE}"}).encode() + b"\n" for i in range(5000))
    path = tmp_path / "many.jsonl.gz"
    path.write_bytes(gzip.compress(lines))
    settings = Settings(max_document_bytes=len(lines) // 100)  # x50 for JSON Lines: about half the file
    items = list(read_path(path, settings))
    docs, errors = _docs(items), _errors(items)
    assert 2000 < len(docs) < 2600
    assert [d.text.split(".")[0] for d in docs] == [f"Record {i}" for i in range(len(docs))]
    assert [e.code for e in errors] == ["E110"] and items[-1] is errors[0]
    assert str(errors[0]).startswith(f"[E110] {path}:line {len(docs) + 1}:")


@pytest.mark.parametrize(("name", "content"), [
    ("a.txt.gz", f"Bridge shut after crack found\n\n{PROSE}\n".encode()),
    ("a.jsonl.gz", json.dumps({"text": PROSE, "title": "Bridge shut"}).encode() + b"\n"),
    ("a.html.gz", _page("Bridge shut")),
    ("a.rss.gz", f"<rss version='2.0'><channel><title>Gazette</title><item><title>Bridge shut</title>"
                 f"<description>{PROSE}</description></item></channel></rss>".encode()),
])
def test_integrity_gzipped_documents_of_every_format_are_read(tmp_path: Path, name: str, content: bytes):
    path = tmp_path / name
    path.write_bytes(gzip.compress(content))
    (doc,) = read_path(path, Settings())
    assert isinstance(doc, RawDoc) and "harbour bridge" in doc.text


def test_integrity_warc_gz_bomb_keeps_the_records_before_it_with_bounded_memory(tmp_path: Path):
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(b"".join(_warc_record(f"https://a.example/{n}", _page(n)) for n in ("One", "Two")))
    size = 200 * MB
    head = (b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: https://a.example/zeros\r\n"
            b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000f>\r\n"
            b"Content-Type: application/octet-stream\r\nContent-Length: %d\r\n\r\n" % size)
    _zeros_gzip(path, 200, head, b"\r\n\r\n")
    with path.open("ab") as out:
        out.write(_warc_record("https://a.example/3", _page("Three")))
    items, peak = _peak_bytes(lambda: read_path(path, Settings(max_document_bytes=50_000)))
    assert [d.title for d in _docs(items)] == ["One", "Two"]
    assert [str(e).split(": document")[0] for e in _errors(items)] == [f"[E110] {path}:record 2"]
    assert peak < 16 * MB, peak


def test_integrity_warc_payload_over_the_limit_is_refused_alone(tmp_path: Path):
    big = b"<html><body><p>" + b"word " * 100_000 + b"</p></body></html>"
    data = (_warc_record("https://a.example/1", _page("One")) + _warc_record("https://a.example/big", big)
            + _warc_record("https://a.example/3", _page("Three")))
    items = list(read_bytes(data, "x.warc.gz", Settings(max_document_bytes=100_000)))
    assert [getattr(i, "title", None) or str(i).split(":")[1] for i in items] == ["One", "record 1", "Three"]
    assert items[1].code == "E110"


def test_integrity_a_page_past_both_limits_is_reported_as_a_page_then_as_the_archive(tmp_path: Path):
    """A page inflating past the archive's limit: first the page's own E110 (its limit), then the archive's."""
    path = tmp_path / "page-bomb.warc.gz"
    path.write_bytes(_warc_record("https://a.example/1", _page("One")))
    size = 60 * MB
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % size
    head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.example/big\r\n"
            b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000e>\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % (len(http) + size))
    _zeros_gzip(path, 60, head + http, b"\r\n\r\n")
    settings = Settings(max_document_bytes=100_000)  # a page 100 kB, the archive 5 MB
    items, peak = _peak_bytes(lambda: read_path(path, settings))
    assert [d.title for d in _docs(items)] == ["One"]
    errors = _errors(items)
    assert [e.code for e in errors] == ["E110", "E110"] and errors[0].locator == "record 1"
    assert "limit 100,000" in str(errors[0]) and "limit 5,000,000" in str(errors[1])
    assert peak < 16 * MB, peak


def chunked(body: bytes, size: int) -> bytes:
    pieces = [body[i:i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n" % len(p) + p + b"\r\n" for p in pieces) + b"0\r\n\r\n"


def test_integrity_warc_http_gzip_payload_bomb_is_inflated_a_block_at_a_time():
    bomb = _gzip_of(b"a", 200, b"<html><body><p>")
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
            b"Content-Encoding: gzip\r\n\r\n" + chunked(bomb, MB))
    good = _warc_record("https://a.example/3", _page("Three"))
    items, peak = _peak_bytes(lambda: read_bytes(gzip.compress(_raw_warc_record(http)) + good, "b.warc.gz",
                                                 Settings(max_document_bytes=100_000)))
    assert [getattr(i, "code", None) or i.title for i in items] == ["E110", "Three"]
    assert peak < 16 * MB, peak


def test_integrity_warc_chunked_and_gzip_encoded_payloads_are_read():
    page = _page("Chunked")
    plain = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
    zipped = plain.replace(b"\r\n\r\n", b"\r\nContent-Encoding: gzip\r\n\r\n")
    for http in (plain + chunked(page, 50), zipped + chunked(gzip.compress(page), 7), plain + page):
        (doc,) = read_bytes(_raw_warc_record(http), "c.warc", Settings())
        assert isinstance(doc, RawDoc) and doc.title == "Chunked"


def test_integrity_truncated_or_nested_gzip_warc_keeps_what_came_before():
    data = b"".join(_warc_record(f"https://a.example/{n}", _page(f"Page {n}")) for n in range(3))
    items = list(read_bytes(data[:-30], "t.warc.gz", Settings()))
    assert [d.title for d in _docs(items)] == ["Page 0", "Page 1"]
    assert [str(e).split(": corrupt")[0] for e in _errors(items)] == ["[E109] t.warc.gz:record 2"]
    (nested,) = read_bytes(gzip.compress(data), "n.warc.gz", Settings())
    assert nested.code == "E109" and "gzip inside gzip" in str(nested)


# 2. JSON that breaks parsers, and lone surrogates in any reader.

def test_integrity_jsonl_lone_surrogate_and_deep_nesting_are_per_record():
    lines = [b'{"text": "Bad \\ud800 escape here.", "title": "Lone \\udfff"}', b"[" * 100_000,
             b'{"text": "Still read."}', b'{"text": "n", "count": ' + b"1" * 5000 + b"}", b'{"text": "Last."}']
    items = list(read_bytes(b"\n".join(lines), "s.jsonl", Settings()))
    first, deep, still, number, last = items
    assert isinstance(first, RawDoc) and first.text == "Bad \ufffd escape here." and first.title == "Lone \ufffd"
    assert first.warnings == ["[W102] s.jsonl:line 1: lone surrogates (broken \\u escapes) replaced by U+FFFD"]
    assert str(deep).startswith("[E104] s.jsonl:line 2: invalid JSON: nested too deeply")
    assert str(number).startswith("[E104] s.jsonl:line 4: invalid JSON")
    assert [still.text, last.text] == ["Still read.", "Last."]


def test_integrity_whole_json_file_nested_too_deep_is_one_error():
    (error,) = read_bytes(b"[" * 100_000 + b"]" * 100_000, "deep.json", Settings())
    assert str(error) == "[E104] deep.json:line 1: invalid JSON: nested too deeply"


def _feed(fragment: str) -> bytes:
    return (f"<rss version='2.0'><channel><title>Gazette {fragment}</title><item><title>Item {fragment}</title>"
            f"<description>{PROSE} {fragment}</description></item></channel></rss>").encode()


SURROGATE_INPUTS = {
    "jsonl": (b'{"text": "A \\udc80 b", "outlet": "X \\ud800", "url": "https://a.example/\\ud800"}', "s.jsonl"),
    "html": (_page("T &#xD800; &#55296;").replace(b"three", b"three &#xDFFF;"), "s.html"),
    "feed": (_feed("&#xD800; &#55296; &#99999999; &#x110000;"), "s.rss"),
    "warc": (_warc_record("https://a.example/s", _page("W &#xD800;")), "s.warc.gz"),
    "txt": (b"Plain text body about the bridge.", "caf\udce9.txt"),
}


def _strings(doc: RawDoc) -> list[str]:
    return [v for v in (doc.source, doc.locator, doc.text, doc.title, doc.url, doc.outlet, doc.language,
                        *doc.warnings) if v]


@pytest.mark.parametrize("fmt", sorted(SURROGATE_INPUTS))
def test_integrity_no_reader_lets_a_lone_surrogate_through(fmt: str):
    data, name = SURROGATE_INPUTS[fmt]
    items = list(read_bytes(data, name, Settings()))
    assert _docs(items), items
    for doc in _docs(items):
        for value in _strings(doc):
            value.encode("utf-8")  # raises on a lone surrogate
    assert not _errors(items)


# 3. Dates as outlets write them; the day as written, the time and zone kept beside it.

PARIS = timezone(timedelta(hours=1))


@pytest.mark.parametrize(("written", "day", "moment"), [
    ("Tue, 05 Mar 2024 10:00:00 GMT", date(2024, 3, 5), datetime(2024, 3, 5, 10, tzinfo=UTC)),
    ("March 6, 2024", date(2024, 3, 6), None),
    ("14/02/2025", date(2025, 2, 14), None),
    ("03/04/2025", date(2025, 4, 3), None),
    ("2024-03-05T10:00:00+01:00", date(2024, 3, 5), datetime(2024, 3, 5, 10, tzinfo=PARIS)),
    ("2024-03-05T23:30:00-05:00", date(2024, 3, 5), datetime(2024, 3, 5, 23, 30, tzinfo=timezone(timedelta(hours=-5)))),
    ("2024-03-05 10:00", date(2024, 3, 5), datetime(2024, 3, 5, 10)),
    ("2024-03-05", date(2024, 3, 5), None),
    ("Tue, 05 Mar 2024 10:00:00 EST", date(2024, 3, 5), datetime(2024, 3, 5, 10, tzinfo=timezone(timedelta(hours=-5)))),
    ("6 mars 2024", date(2024, 3, 6), None),
    ("5. März 2024", date(2024, 3, 5), None),
])
def test_integrity_dates_in_the_forms_outlets_write(written: str, day: date, moment: datetime | None):
    when = read_when(written)
    assert when is not None and when.day == day and when.moment == moment
    if moment is not None:
        assert (when.moment.tzinfo is None) == (moment.tzinfo is None)


@pytest.mark.parametrize("written", ["foo", "2024", "March 2024", "10:00", "2024-02-30", "1750-06-01",
                                     f"{date.today().year + 2}-01-01", "0001-01-01"])
def test_integrity_unreadable_or_absurd_dates_are_none(written: str):
    assert read_when(written) is None


def test_integrity_jsonl_dates_keep_time_and_zone_and_warn_when_unreadable():
    lines = [{"text": "One.", "date": "2024-03-05T10:00:00+01:00"}, {"text": "Two.", "published": "14/02/2025"},
             {"text": "Three.", "date": "foo"}, {"text": "Four.", "date": "1492-10-12"}]
    one, two, three, four = read_bytes("\n".join(json.dumps(x) for x in lines).encode(), "d.jsonl", Settings())
    assert (one.published, one.published_at) == (date(2024, 3, 5), datetime(2024, 3, 5, 10, tzinfo=PARIS))
    assert (two.published, two.published_at, two.warnings) == (date(2025, 2, 14), None, [])
    assert three.published is None and three.warnings == ["[W101] d.jsonl:line 3: unreadable date 'foo'"]
    assert four.published is None and four.warnings == ["[W101] d.jsonl:line 4: unreadable date '1492-10-12'"]


def test_integrity_feed_date_is_the_day_as_written_with_its_zone():
    feed = (f"<rss version='2.0'><channel><title>Gazette</title><item><title>Late</title>"
            f"<pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate><description>{PROSE}</description></item>"
            f"<item><title>Odd</title><pubDate>someday</pubDate><description>{PROSE}</description></item>"
            f"</channel></rss>").encode()
    late, odd = read_bytes(feed, "f.rss", Settings())
    assert late.published == date(2024, 3, 5)  # feedparser's UTC reading would say 6 March
    assert late.published_at == datetime(2024, 3, 5, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert odd.published is None and odd.warnings == ["[W101] f.rss:entry 1: unreadable date 'someday'"]


def test_integrity_html_date_keeps_the_published_time():
    meta = '<meta property="article:published_time" content="2024-03-05T09:15:00+01:00">'
    (doc,) = read_bytes(_page("Timed", meta), "t.html", Settings())
    assert (doc.published, doc.published_at) == (date(2024, 3, 5), datetime(2024, 3, 5, 9, 15, tzinfo=PARIS))


def test_integrity_html_date_falls_back_to_htmldate():
    meta = '<meta property="article:published_time" content="2024-03-05T09:15:00+01:00">'
    when = _page_date(_page("Timed", meta).decode(), None, None)
    assert when is not None and when.day == date(2024, 3, 5)
    assert when.moment == datetime(2024, 3, 5, 9, 15, tzinfo=PARIS)


@pytest.mark.parametrize(("header", "day"), [
    ("date: March 6, 2024\n", date(2024, 3, 6)),
    ("date 14/02/2025 ", date(2025, 2, 14)),
    ("Date 2024-03-05T10:00:00+01:00\n", date(2024, 3, 5)),
])
def test_integrity_txt_date_header_in_other_forms(header: str, day: date):
    (doc,) = read_bytes(f"{header}Bridge shut after crack found\n\n{PROSE}\n".encode(), "h.txt", Settings())
    assert doc.published == day and doc.warnings == []
    assert doc.text[doc.skip_spans[0][1]:].startswith("Bridge shut")


def test_integrity_txt_unreadable_date_header_is_a_warning():
    (doc,) = read_bytes(f"date 2024-13-45\nBridge shut after crack found\n\n{PROSE}\n".encode(), "u.txt", Settings())
    assert doc.published is None and doc.warnings == ["[W101] u.txt: unreadable date '2024-13-45'"]
    assert doc.title == "Bridge shut after crack found"


def test_integrity_txt_first_line_starting_with_date_is_not_a_header():
    (doc,) = read_bytes(f"Date night in the harbour town\n\n{PROSE}\n".encode(), "n.txt", Settings())
    assert doc.published is None and doc.warnings == [] and doc.title == "Date night in the harbour town"


# 4. Legacy code pages: Western text is not read as another code page, and real other code pages still work.

WESTERN = [
    "Le café est fermé.", "Élève à l'école, déjà très âgé, où est-il ? Noël approche.", "Grüße aus München!",
    "Die Straße über den Fluß wird geöffnet, sagte der Bürgermeister.", "¿Dónde está el niño?",
    "El señor Muñoz dijo que la reunión será mañana por la tarde.", "The café's naïve résumé.",
    "François Côté", "Zoë Brontë", "Señora Peña", "Jürgen Müller", "café", "été", "Ça va?",
    "Le maire a déclaré : « Nous fermerons le pont » après la réunion du conseil municipal. " * 20,
    "Der Bürgermeister erklärte, die Brücke über die Förde werde für drei Wochen geschlossen. " * 10,
    "El alcalde anunció que el puente permanecerá cerrado durante tres semanas. ¿Hasta cuándo? " * 10,
]
CP1252_ONLY = ["José Álvarez said “it’s over” — the end…", "Œuvre complète, prix 20 €, « très » bien."]
OTHER_ENCODINGS = [
    ("cp1251", "Привет, мир!"), ("cp1251", "Москва"), ("cp1251", "Владимир Путин"),
    ("cp1251", "Мэр заявил, что мост закроют в понедельник после заседания совета."),
    ("koi8_r", "Мэр заявил, что мост закроют в понедельник после заседания совета."),
    ("shift_jis", "東京で会議が開かれました。"), ("shift_jis", "首相は月曜日に記者会見を開き、新しい政策を発表した。"),
    ("gb18030", "北京今天天气很好。"), ("gb18030", "市长表示，大桥将在周一关闭，以便进行维修工作。"),
    ("big5", "台北市長表示，大橋將在週一關閉。"), ("euc_kr", "시장은 다리가 월요일에 폐쇄될 것이라고 말했다."),
    ("cp1253", "Ο δήμαρχος δήλωσε ότι η γέφυρα θα κλείσει τη Δευτέρα."),
    ("cp1255", "ראש העיר אמר שהגשר ייסגר ביום שני לצורך תיקונים."),
    ("cp1256", "قال رئيس البلدية إن الجسر سيغلق يوم الاثنين."),
    ("cp1250", "Prezydent powiedział, że most zostanie zamknięty w poniedziałek."),
    ("utf-16", "Hello café, Привет, 市长表示"), ("utf-32", "Grüße, 東京"),
]
CORPUS = ([(enc, text) for text in WESTERN for enc in ("latin-1", "cp1252")]
          + [("cp1252", text) for text in CP1252_ONLY] + OTHER_ENCODINGS)


@pytest.mark.parametrize(("encoding", "text"), CORPUS, ids=[f"{e}-{t[:16]}" for e, t in CORPUS])
def test_integrity_legacy_code_pages_decode_correctly(encoding: str, text: str):
    assert decode(text.encode(encoding), "x.txt") == text


def test_integrity_latin1_names_survive_ingest_through_json():
    data = '{"text": "François Côté a parlé.", "title": "Zoë à Genève", "outlet": "Le Café"}\n'.encode("latin-1")
    (doc,) = read_bytes(data, "l.jsonl", Settings())
    assert (doc.text, doc.title, doc.outlet) == ("François Côté a parlé.", "Zoë à Genève", "Le Café")


# 6. Sources that are not regular files: one error each, never opened, the other files still read.

def _run_with_timeout(function, seconds: float = 10.0) -> list:
    result: list = []
    worker = threading.Thread(target=lambda: result.extend(function()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "blocked (a FIFO was opened?)"
    return result


def test_integrity_special_files_are_reported_and_never_opened(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Body.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Body.")
    os.mkfifo(tmp_path / "pipe")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(tmp_path / "sock"))
    (tmp_path / "null").symlink_to("/dev/null")
    (tmp_path / "gone").symlink_to(tmp_path / "nowhere")
    try:
        found = _run_with_timeout(lambda: iter_sources([tmp_path, "/dev/zero", tmp_path / "pipe"]))
        read = _run_with_timeout(lambda: [*read_path(tmp_path / "pipe", Settings()),
                                          *read_path(Path("/dev/zero"), Settings())])
    finally:
        listener.close()
    assert [p.name for p in found if isinstance(p, Path)] == ["a.txt", "b.txt"]
    assert [str(e) for e in found if isinstance(e, IngestError)] == [
        f"[E100] {tmp_path}/gone: no such file or directory",
        f"[E111] {tmp_path}/null: unreadable: not a regular file (character device)",
        f"[E111] {tmp_path}/pipe: unreadable: not a regular file (FIFO)",
        f"[E111] {tmp_path}/sock: unreadable: not a regular file (socket)",
        "[E111] /dev/zero: unreadable: not a regular file (character device)",
        f"[E111] {tmp_path}/pipe: unreadable: not a regular file (FIFO)",
    ]
    assert [str(e) for e in read] == [f"[E111] {tmp_path}/pipe: unreadable: not a regular file (FIFO)",
                                      "[E111] /dev/zero: unreadable: not a regular file (character device)"]


def test_integrity_unreadable_folder_is_reported_and_the_rest_listed(tmp_path: Path, monkeypatch):
    for folder in ("locked", "open"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text("Body.")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = list(iter_sources([tmp_path]))
    assert [str(x) if isinstance(x, IngestError) else x for x in found] == [
        f"[E111] {tmp_path}/locked: unreadable: Permission denied", tmp_path / "open" / "a.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder: see the monkeypatched test above")
def test_integrity_chmod_000_folder_is_reported(tmp_path: Path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text("Body.")
    locked.chmod(0)
    try:
        (error,) = iter_sources([tmp_path])
    finally:
        locked.chmod(0o755)
    assert str(error) == f"[E111] {locked}: unreadable: Permission denied"
