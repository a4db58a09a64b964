"""HTML pages: main text via trafilatura, metadata from the page."""

from __future__ import annotations

import re
from collections.abc import Iterator

import trafilatura

from ..errors import IngestError
from ..records import RawDoc
from .meta import host_of, parse_date

_LANG_ATTR = re.compile(r"<html[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)


def read_html(text: str, source: str, locator: str = "", url: str | None = None,
              fmt: str = "html") -> Iterator[RawDoc | IngestError]:
    """One article from an HTML page (``url`` when known, e.g. from a WARC record)."""
    yield page_to_doc(text, source, locator, url, fmt)


def page_to_doc(page: str, source: str, locator: str, url: str | None,
                fmt: str) -> RawDoc | IngestError:
    """Extract the main text and metadata of a page, or say why there is none."""
    try:
        extracted = trafilatura.bare_extraction(
            page, url=url, with_metadata=True, include_comments=False, include_tables=False,
        )
    except Exception as exc:  # trafilatura raises many types on broken markup
        return IngestError("E111", source=source, locator=locator, detail=f"HTML parser: {exc}")
    if extracted is None or not (extracted.text or "").strip():
        return IngestError("E106", source=source, locator=locator)
    text = extracted.text
    title = (extracted.title or "").strip() or None
    doc = RawDoc(
        source=source, locator=locator, fmt=fmt, text=text, title=title,
        url=extracted.url or url,
        outlet=(extracted.sitename or "").strip() or host_of(extracted.url or url),
        published=parse_date(extracted.date),
        language=_page_language(page),
    )
    first_line = text.split("\n", 1)[0]
    if title and first_line.strip() == title:
        doc.skip_spans.append((0, len(first_line)))
    return doc


def _page_language(page: str) -> str | None:
    match = _LANG_ATTR.search(page[:4096])
    return match[1].lower() if match else None
