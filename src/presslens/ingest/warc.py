"""WARC archives (warcio): HTML responses become articles, other records are skipped.

A truncated archive yields the records before the damage, then one ``E109`` error.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import IngestError
from ..records import RawDoc
from .html import page_to_doc
from .meta import decode

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(data: bytes, source: str) -> Iterator[RawDoc | IngestError]:
    """Articles from the HTML ``response`` records of a (gzipped) WARC file."""
    index = -1
    try:
        for index, record in enumerate(ArchiveIterator(io.BytesIO(data))):
            payload = record.content_stream().read()
            if getattr(record.raw_stream, "limit", 0) > 0:
                raise ArchiveLoadFailed(f"record ends {record.raw_stream.limit} bytes early")
            if _is_html_response(record):
                yield _page(record, payload, source, f"record {index}")
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as exc:
        yield IngestError("E109", source=source, locator=f"record {index + 1}", detail=str(exc))
        return
    problem = _gzip_problem(data) if data[:2] == b"\x1f\x8b" else None
    if index < 0 and problem is None:
        problem = "no WARC records"
    if problem:
        yield IngestError("E109", source=source, locator=f"record {index + 1}", detail=problem)


def _is_html_response(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = record.http_headers.get_header("Content-Type") or ""
    return content_type.lower().startswith(_HTML_TYPES)


def _page(record, payload: bytes, source: str, locator: str) -> RawDoc | IngestError:
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        page = decode(payload, source)
    except IngestError as exc:
        return exc.at(source, locator)
    return page_to_doc(page, source, locator, url, fmt="warc")


def _gzip_problem(data: bytes) -> str | None:
    """Why a (multi-member) gzip stream is incomplete, or None when it is whole."""
    rest = data
    while rest:
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        pending = rest
        while not inflater.eof:
            if not pending:
                return "gzip stream ends early (truncated file)"
            try:
                inflater.decompress(pending, 1 << 20)  # output is dropped: only checking
            except zlib.error as exc:
                return f"gzip data is corrupt ({exc})"
            pending = inflater.unconsumed_tail
        rest = inflater.unused_data
    return None
