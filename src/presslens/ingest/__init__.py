"""Ingest: find documents, pick a reader by extension and sniffed content, yield RawDocs.

Readers never raise on bad input: they yield an ``IngestError`` naming the file and
record, and go on with the rest.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from ..errors import IngestError
from ..records import RawDoc
from ..settings import Settings
from .feed import read_feed
from .html import read_html
from .jsonl import load_json, read_json_lines, read_jsonl
from .limits import GZIP_MAGIC, open_plain, read_within
from .meta import decode, has_surrogates, host_of, without_surrogates
from .sources import iter_sources, not_a_file, special_kind
from .txt import read_txt
from .warc import read_warc

__all__ = ["FORMATS", "detect_format", "format_limit", "host_of", "iter_sources", "read_bytes", "read_path"]

FORMATS = ("txt", "jsonl", "html", "feed", "warc")
RECORD_FORMATS = ("warc", "jsonl", "feed")
_RECORD_FACTOR = 50  # a file of many records may be this many times one document's limit
_EXTENSIONS = {
    ".txt": "txt", ".text": "txt",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".rdf": "feed",
    ".warc": "warc", ".arc": "warc",
}
_SNIFF_BYTES = 1 << 16
NEWLINE = b"\n"


def detect_format(name: str, head: bytes) -> str:
    """The reader for a file: by extension, else by sniffing its first bytes."""
    lower = name.lower()
    if lower.endswith((".warc.gz", ".arc.gz")):
        return "warc"
    suffix = Path(lower.removesuffix(".gz")).suffix
    return _EXTENSIONS.get(suffix) or _sniff(head)


def _sniff(head: bytes) -> str:
    if head[:2] == GZIP_MAGIC:
        head = _partial_gunzip(head)
    start = head.lstrip()[:2048].lower()
    if start.startswith(b"warc/"):
        return "warc"
    if start[:1] in (b"{", b"["):
        return "jsonl"
    if b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start:
        return "feed"
    if start.startswith((b"<!doctype html", b"<html")) or b"<body" in start:
        return "html"
    return "txt"


def _partial_gunzip(head: bytes) -> bytes:
    """The first bytes ``head`` (the start of a gzip file) inflates to, at most 64 KiB."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, _SNIFF_BYTES)
    except zlib.error:
        return b""


def format_limit(fmt: str, settings: Settings) -> int:
    """The most bytes a file of format ``fmt`` may hold once decompressed."""
    return settings.max_document_bytes * (_RECORD_FACTOR if fmt in RECORD_FORMATS else 1)


def read_path(path: Path, settings: Settings) -> Iterator[RawDoc | IngestError]:
    """Every article (or error) in one file; a FIFO or device file is refused without being opened."""
    source = without_surrogates(str(path))
    try:
        info = path.stat()
        kind = special_kind(info.st_mode)
        if kind is not None:
            yield not_a_file(source, kind)
            return
        with path.open("rb") as handle:
            fmt = detect_format(path.name, handle.read(4096))
            handle.seek(0)
            limit = format_limit(fmt, settings)
            if info.st_size > limit:
                yield IngestError("E110", source=source, size=info.st_size, limit=limit)
                return
            yield from _read_stream(handle, source, settings, fmt)
    except OSError as exc:
        yield IngestError("E111", source=source, detail=exc.strerror or str(exc))


def read_bytes(data: bytes, source: str, settings: Settings,
               fmt: str | None = None) -> Iterator[RawDoc | IngestError]:
    """Every article (or error) in a document given as bytes (an upload); gzip is inflated within the limit."""
    source = without_surrogates(source)
    fmt = fmt or detect_format(source, data[:4096])
    limit = format_limit(fmt, settings)
    if len(data) > limit:
        yield IngestError("E110", source=source, size=len(data), limit=limit)
        return
    yield from _read_stream(io.BytesIO(data), source, settings, fmt)


def _read_stream(stream: BinaryIO, source: str, settings: Settings, fmt: str) -> Iterator[RawDoc | IngestError]:
    limit = format_limit(fmt, settings)
    if fmt == "warc":
        if _blank(stream):
            items: Iterable[RawDoc | IngestError] = [IngestError("E101", source=source)]
        else:
            items = read_warc(stream, source, limit, settings.max_document_bytes)
    else:
        items = _read_whole(stream, source, fmt, limit)
    for item in items:
        yield _checked(item, settings)


def _blank(stream: BinaryIO) -> bool:
    head = stream.read(4096)
    stream.seek(0)
    return len(head) < 4096 and not head.strip()


def _read_whole(stream: BinaryIO, source: str, fmt: str, limit: int) -> Iterator[RawDoc | IngestError]:
    """The articles of a file read at once, inflated when gzip; past ``limit``, the records before it and E110."""
    try:
        plain, gzipped = open_plain(stream)
        if gzipped:
            data, size = read_within(plain, limit)
        else:  # its size was checked already: read it at once
            whole = plain.read()
            data, size = whole[:limit], len(whole)
    except (EOFError, zlib.error) as exc:
        yield IngestError("E111", source=source, detail=f"corrupt or truncated gzip data ({exc})")
        return
    if size <= limit:
        yield from _read_data(data, source, fmt)
        return
    locator = "decompressed" if gzipped else ""
    if fmt == "jsonl":
        data = data[:data.rfind(NEWLINE) + 1]
        locator = f"line {data.count(NEWLINE) + 1}"
    yield from _records_before_the_limit(data, source, fmt)
    yield IngestError("E110", source=source, locator=locator, size=size, limit=limit)


def _read_data(data: bytes, source: str, fmt: str) -> Iterator[RawDoc | IngestError]:
    if fmt == "feed" and data.strip():
        yield from read_feed(data, source)
        return
    if fmt == "feed":
        yield IngestError("E101", source=source)
        return
    try:
        text = decode(data, source)
    except IngestError as exc:
        yield exc
        return
    reader = {"txt": read_txt, "jsonl": read_jsonl, "html": read_html}[fmt]
    yield from reader(text, source)


def _records_before_the_limit(data: bytes, source: str, fmt: str) -> Iterator[RawDoc | IngestError]:
    """The whole records at the start of a JSON Lines file (``data`` ends at a line end) or feed; none for others."""
    if fmt == "jsonl":
        first = data.split(b"\n", 1)[0]
        if first.strip() and _is_json(first):  # JSON Lines, not one big JSON document cut short
            yield from _read_lines(data, source)
    elif fmt == "feed":
        items = list(read_feed(data, source))
        yield from items[:-1]  # the last entry may be cut short


def _is_json(line: bytes) -> bool:
    try:
        load_json(line.decode("utf-8", "replace"))
    except ValueError:
        return False
    return True


def _read_lines(data: bytes, source: str) -> Iterator[RawDoc | IngestError]:
    try:
        text = decode(data, source)
    except IngestError as exc:
        yield exc
        return
    yield from read_json_lines(text, source)


def _checked(item: RawDoc | IngestError, settings: Settings) -> RawDoc | IngestError:
    """``item`` with no lone surrogates left, or E110 for a document over the size limit."""
    if isinstance(item, IngestError):
        return _error_without_surrogates(item)
    doc = _doc_without_surrogates(item)
    if len(doc.text) > settings.max_document_bytes:
        return IngestError("E110", source=doc.source, locator=doc.locator,
                           size=len(doc.text.encode("utf-8")), limit=settings.max_document_bytes)
    return doc


_TEXT_FIELDS = ("source", "locator", "text", "title", "url", "outlet", "language")


def _doc_without_surrogates(doc: RawDoc) -> RawDoc:
    """``doc`` with each lone surrogate as U+FFFD (offsets unchanged), and a W102 warning when the text had any."""
    broken = [name for name in _TEXT_FIELDS if has_surrogates(getattr(doc, name) or "")]
    if not broken:
        return doc
    fixed = replace(doc, **{name: without_surrogates(getattr(doc, name)) for name in broken},
                    warnings=[without_surrogates(w) for w in doc.warnings])
    if "text" in broken or "title" in broken:
        fixed.warnings.append(f"[W102] {fixed.where}: lone surrogates (broken \\u escapes) replaced by U+FFFD")
    return fixed


def _error_without_surrogates(error: IngestError) -> IngestError:
    if not any(has_surrogates(part) for part in (error.source, error.locator, error.reason)):
        return error
    fixed = error.at(without_surrogates(error.source), without_surrogates(error.locator))
    fixed.reason = without_surrogates(error.reason)
    fixed.args = (str(fixed),)
    return fixed
