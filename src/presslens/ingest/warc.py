"""WARC archives (warcio): HTML responses become articles, other records are skipped."""

from __future__ import annotations

import io
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import IngestError
from .html import page_to_doc
from .meta import decode

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(data: bytes, source: str) -> Iterator:
    """Articles from the HTML ``response`` records of a (gzipped) WARC file."""
    index = -1
    try:
        for index, record in enumerate(ArchiveIterator(io.BytesIO(data))):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if not content_type.lower().startswith(_HTML_TYPES):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            locator = f"record {index}"
            try:
                page = decode(record.content_stream().read(), source)
            except IngestError as exc:
                yield exc.at(source, locator)
                continue
            yield page_to_doc(page, source, locator, url, fmt="warc")
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield IngestError("E109", source=source, locator=f"record {index + 1}", detail=str(exc))
