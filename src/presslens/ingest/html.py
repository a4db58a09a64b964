"""HTML pages: main text via trafilatura, metadata from the page.

The day comes from trafilatura's metadata, else from htmldate; the time and zone, when the page's
``article:published_time`` (or JSON-LD ``datePublished``) gives them for that day.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import htmldate
import trafilatura

from ..errors import IngestError
from ..records import RawDoc
from ..timeouts import DocumentTimeout
from .dates import When, read_when
from .meta import host_of
from .registry import Reader, register

_LANG_ATTR = re.compile(r"<html[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
_PUBLISHED_TIME = re.compile(
    r"""(?:(?:property|name|itemprop)\s*=\s*["']?(?:article:published_time|og:published_time|datePublished"""
    r"""|pubdate|publishdate|dc\.date\.issued)["']?[^>]*?\bcontent\s*=\s*["']([^"'>]{8,40})"""
    r"""|"datePublished"\s*:\s*"([^"]{8,40})")""", re.IGNORECASE)
_HEAD_CHARS = 200_000


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
    except DocumentTimeout:
        raise
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
        language=_page_language(page),
    )
    when = _page_date(page, extracted.date, extracted.url or url)
    if when is not None:
        doc.published, doc.published_at = when.day, when.moment
    first_line = text.split("\n", 1)[0]
    if title and first_line.strip() == title:
        doc.skip_spans.append((0, len(first_line)))
    return doc


def _page_date(page: str, extracted: str | None, url: str | None) -> When | None:
    """The publication day (trafilatura's, else htmldate's) and its time when the page's metadata gives it."""
    day = read_when(extracted) if extracted else None
    if day is not None:
        return _with_time(page, day)
    found = _htmldate(page, url)
    when = read_when(found) if found else None
    if when is None or found.endswith("T00:00:00"):  # midnight and no zone: htmldate found only a day
        return When(when.day) if when else None
    return when


def _htmldate(page: str, url: str | None) -> str | None:
    try:
        return htmldate.find_date(page, extensive_search=True, original_date=True,
                                  outputformat="%Y-%m-%dT%H:%M:%S%z", url=url)
    except DocumentTimeout:
        raise
    except Exception:  # htmldate, like trafilatura, raises many types on broken markup
        return None


def _with_time(page: str, day: When) -> When:
    """``day`` with the time of the page's ``published_time``-like metadata when that is the same day."""
    for match in _PUBLISHED_TIME.finditer(page, 0, _HEAD_CHARS):
        stamp = read_when(match[1] or match[2])
        if stamp is not None and stamp.moment is not None and stamp.day == day.day:
            return stamp
    return When(day.day)


def _page_language(page: str) -> str | None:
    match = _LANG_ATTR.search(page[:4096])
    return match[1].lower() if match else None


register(Reader("html", read_html, extensions=(".html", ".htm", ".xhtml"), starts=(b"<!doctype html", b"<html"),
                contains=(b"<body",), sniff_order=40))
