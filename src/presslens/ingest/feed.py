"""RSS and Atom feeds (feedparser): each entry with text becomes an article."""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from datetime import UTC, datetime

import feedparser

from ..errors import IngestError
from ..records import RawDoc
from ..timeouts import DocumentTimeout
from .dates import note_date, read_when
from .meta import host_of, html_fragment_text
from .registry import Reader, register

_CHARREF = re.compile(rb"&#([xX][0-9a-fA-F]+|[0-9]+);")
_NO_CHARACTER = range(0xD800, 0xE000)  # surrogates: no character, and UTF-8 cannot encode them


def read_feed(data: bytes, source: str) -> Iterator[RawDoc | IngestError]:
    """Articles from the entries of an RSS or Atom feed."""
    try:
        # a stream, never the bytes: feedparser opens bytes that name a file (b"/etc/passwd", b"/dev/zero")
        parsed = feedparser.parse(io.BytesIO(_CHARREF.sub(_valid_charref, data)))
    except DocumentTimeout:
        raise
    except Exception as exc:  # feedparser's loose parser raises on input it cannot handle
        yield IngestError("E107", source=source, detail=f"{type(exc).__name__}: {exc}")
        return
    if not parsed.entries:
        detail = parsed.get("bozo_exception") or "no entries"
        yield IngestError("E107", source=source, detail=str(detail).strip() or "no entries")
        return
    channel = parsed.feed
    outlet = _outlet_name(channel.get("title") or "") or host_of(channel.get("link"))
    language = (channel.get("language") or "")[:2].lower() or None
    for index, entry in enumerate(parsed.entries):
        yield _entry_to_doc(entry, source, f"entry {index}", outlet, language)


def _valid_charref(match: re.Match[bytes]) -> bytes:
    """A character reference, or U+FFFD's for one that names no character (feedparser raises on those)."""
    hexadecimal = match[1][:1] in (b"x", b"X")
    digits = (match[1][1:] if hexadecimal else match[1]).lstrip(b"0") or b"0"
    number = int(digits, 16 if hexadecimal else 10) if len(digits) <= 8 else sys.maxsize
    return match[0] if number <= 0x10FFFF and number not in _NO_CHARACTER else b"&#xFFFD;"


def _outlet_name(feed_title: str) -> str | None:
    """The outlet in a feed title: "Harbour Gazette – News" -> "Harbour Gazette"."""
    name = re.split(r"\s+[-–—|:·]\s+", feed_title.strip(), maxsplit=1)[0].strip()
    return name or None


def _entry_to_doc(entry: dict, source: str, locator: str, outlet: str | None,
                  language: str | None) -> RawDoc | IngestError:
    contents = entry.get("content") or []
    fragment = max((c.get("value", "") for c in contents), key=len, default="")
    if not fragment.strip():
        fragment = entry.get("summary", "") or ""
    text = html_fragment_text(fragment)
    if not text:
        return IngestError("E108", source=source, locator=locator)
    url = entry.get("link")
    doc = RawDoc(
        source=source, locator=locator, fmt="feed", text=text,
        title=(entry.get("title") or "").strip() or None, url=url,
        outlet=outlet or host_of(url), language=language,
    )
    note_date(doc, _entry_date(entry))
    return doc


def _entry_date(entry: dict) -> object:
    """The entry's date as written; feedparser's UTC reading of it when presslens cannot read the text."""
    for key in ("published", "updated"):
        written = entry.get(key)
        parsed = entry.get(f"{key}_parsed")
        if parsed and (not written or read_when(written) is None):
            try:
                return datetime(*parsed[:6], tzinfo=UTC)
            except (TypeError, ValueError, OverflowError):  # feedparser reads "0000-00-00" as year -1
                return written or None  # unreadable: a W101 warning, the entry is kept
        if written:
            return written
    return None


def read_before_limit(data: bytes, source: str) -> tuple[list[RawDoc | IngestError], None]:
    """A feed cut at its size limit: its entries but the last, which may be cut short."""
    return list(read_feed(data, source))[:-1], None


register(Reader("feed", read_feed, takes="bytes", extensions=(".rss", ".atom", ".rdf"),
                contains=(b"<rss", b"<feed", b"<rdf:rdf"), sniff_order=30, records=True, partial=read_before_limit))
