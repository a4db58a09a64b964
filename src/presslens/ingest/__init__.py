"""Ingest: find documents, pick a reader by extension and sniffed content, yield RawDocs.

Readers never raise on bad input: they yield an ``IngestError`` naming the file and
record, and go on with the rest. Each reader module registers its format (``registry``).
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import BinaryIO

from ..errors import IngestError
from ..records import RawDoc
from ..settings import Settings
from . import feed, html, jsonl, registry, txt, warc  # noqa: F401  (the readers register themselves)
from .limits import open_plain, read_within
from .meta import decode, has_surrogates, host_of, without_surrogates
from .registry import Reader
from .sources import iter_sources, not_a_file, special_kind

__all__ = ["FORMATS", "detect_format", "format_limit", "host_of", "iter_sources", "read_bytes", "read_path",
           "read_records"]

FORMATS = registry.names()
_RECORD_FACTOR = 50  # a file of many records may be this many times one document's limit


def detect_format(name: str, head: bytes) -> str:
    """The reader for a file: by extension, else by sniffing its first bytes."""
    return registry.reader_for(name, head).name


def format_limit(fmt: str, settings: Settings) -> int:
    """The most bytes a file of format ``fmt`` may hold once decompressed."""
    records = fmt in registry.names() and registry.get(fmt).records
    return settings.max_document_bytes * (_RECORD_FACTOR if records else 1)


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
    reader = registry.get(fmt)
    limit = format_limit(fmt, settings)
    if reader.takes == "stream":
        if _blank(stream):
            items: Iterable[RawDoc | IngestError] = [IngestError("E101", source=source)]
        else:
            items = reader.read(stream, source, limit, settings.max_document_bytes)
    else:
        items = _read_whole(stream, source, reader, limit)
    for item in items:
        yield _checked(item, settings)


def _blank(stream: BinaryIO) -> bool:
    head = stream.read(4096)
    stream.seek(0)
    return len(head) < 4096 and not head.strip()


def _read_whole(stream: BinaryIO, source: str, reader: Reader, limit: int) -> Iterator[RawDoc | IngestError]:
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
        yield from _read_data(data, source, reader)
        return
    locator = "decompressed" if gzipped else ""
    if reader.partial is not None:  # the records before the limit, and where the file was cut
        items, cut_at = reader.partial(data, source)
        yield from items
        locator = cut_at or locator
    yield IngestError("E110", source=source, locator=locator, size=size, limit=limit)


def read_records(records: Iterable[Mapping | RawDoc], source: str, settings: Settings
                 ) -> Iterator[RawDoc | IngestError]:
    """Articles given as Python objects: ``RawDoc``s, or mappings read as a JSONL record is (``text``,
    ``title``, ``url``, ``outlet``, ``date`` as a string or a ``date``, ``language``); a bad one is an error
    naming ``source`` and its index."""
    for index, record in enumerate(records):
        if not isinstance(record, RawDoc):
            record = jsonl.record_to_doc(_json_ready(record), source, f"record {index}")
        yield _checked(record, settings)


def _json_ready(record: object) -> object:
    if not isinstance(record, Mapping):
        return record
    return {key: value.isoformat() if isinstance(value, date) else value for key, value in record.items()}


def _read_data(data: bytes, source: str, reader: Reader) -> Iterator[RawDoc | IngestError]:
    if reader.takes == "bytes":
        yield from reader.read(data, source) if data.strip() else [IngestError("E101", source=source)]
        return
    try:
        text = decode(data, source)
    except IngestError as exc:
        yield exc
        return
    yield from reader.read(text, source)


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
