"""WARC archives (warcio): HTML responses become articles, other records are skipped.

The archive is streamed: presslens gunzips it itself behind a byte counter, so a small ``.warc.gz``
that inflates past the limit stops there (E110) after the records before it, and memory stays at one
page. A payload larger than one document may be is refused on its own and the next records read.
A truncated or corrupt archive yields the records before the damage, then one ``E109`` error.
"""

from __future__ import annotations

import io
import sys
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader
from warcio.exceptions import ArchiveLoadFailed

from ..errors import IngestError
from ..records import RawDoc
from .chunked import Dechunked
from .html import page_to_doc
from .limits import CHUNK, GZIP_MAGIC, LimitedReader, TooLarge, open_plain
from .meta import decode
from .registry import Reader, register

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_INFLATE_BLOCK = 1024  # compressed bytes inflated at a time: at most ~1 MB out (deflate's ratio tops at 1032)
# what warcio raises on damaged records (AttributeError and the like on a record missing a header it needs)
_BAD_DATA = (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error, AttributeError, TypeError, KeyError,
             IndexError)


def read_warc(data: bytes | BinaryIO, source: str, limit: int = sys.maxsize,
              record_limit: int = sys.maxsize) -> Iterator[RawDoc | IngestError]:
    """Articles from the HTML ``response`` records of a (gzipped) WARC file or stream.

    ``limit`` bounds the bytes of the whole archive once gunzipped; ``record_limit`` each HTML payload.
    """
    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    at = 0  # the record being read
    try:
        plain, gzipped = open_plain(stream)
        if gzipped and plain.peek(2)[:2] == GZIP_MAGIC:  # type: ignore[attr-defined]
            raise ArchiveLoadFailed("gzip inside gzip")
        for at, record in enumerate(ArchiveIterator(LimitedReader(plain, limit))):
            item = _record_item(record, source, f"record {at}", record_limit)
            if item is not None:
                yield item
            at += 1
    except TooLarge as exc:
        yield IngestError("E110", source=source, locator=f"record {at}", size=exc.size, limit=exc.limit)
        return
    except _BAD_DATA as exc:
        yield IngestError("E109", source=source, locator=f"record {at}", detail=str(exc) or type(exc).__name__)
        return
    if at == 0:
        yield IngestError("E109", source=source, locator="record 0", detail="no WARC records")


def _record_item(record, source: str, locator: str, record_limit: int) -> RawDoc | IngestError | None:
    """The article (or error) in one record, None for a record that holds none; the record is read to its end
    unless its page is over the limit (the archive's reader skips the rest)."""
    html = _is_html_response(record)
    payload = _read_payload(record, record_limit) if html else None
    if isinstance(payload, int):  # reported now: skipping the rest of the record may reach the archive's limit
        return IngestError("E110", source=source, locator=locator, size=payload, limit=record_limit)
    _drain(record.raw_stream)
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise ArchiveLoadFailed(f"record ends {record.raw_stream.limit} bytes early")
    if not html:
        return None
    return _page(record, payload, source, locator)


def _read_payload(record, record_limit: int) -> bytes | int:
    """The HTTP payload (decoded as its Content-Encoding says), or its size so far when over ``record_limit``."""
    stream = _content_stream(record)
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if size > record_limit:
            return size
        chunks.append(chunk)
    return b"".join(chunks)


def _content_stream(record):
    """What ``record.content_stream()`` gives, de-chunked and inflated (gzip, deflate) a small block at a time."""
    body = record.raw_stream
    if (record.http_headers.get_header("Transfer-Encoding") or "").lower() == "chunked":
        body = Dechunked(body)
    encoding = (record.http_headers.get_header("Content-Encoding") or "").lower()
    if encoding in BufferedReader.get_supported_decompressors():
        body = BufferedReader(body, decomp_type=encoding, block_size=_INFLATE_BLOCK)
    return body


def _drain(stream) -> None:
    while stream.read(CHUNK):
        pass


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


register(Reader("warc", read_warc, takes="stream", extensions=(".warc", ".arc", ".warc.gz", ".arc.gz"),
                starts=(b"warc/",), sniff_order=10, records=True))
