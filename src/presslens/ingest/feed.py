"""RSS and Atom feeds (feedparser): each entry with text becomes an article."""

from __future__ import annotations

import re
from collections.abc import Iterator

import feedparser

from ..errors import IngestError
from ..records import RawDoc
from .meta import host_of, html_fragment_text, parse_date


def read_feed(data: bytes, source: str) -> Iterator[RawDoc | IngestError]:
    """Articles from the entries of an RSS or Atom feed."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        detail = parsed.get("bozo_exception") or "no entries"
        yield IngestError("E107", source=source, detail=str(detail).strip() or "no entries")
        return
    channel = parsed.feed
    outlet = _outlet_name(channel.get("title") or "") or host_of(channel.get("link"))
    language = (channel.get("language") or "")[:2].lower() or None
    for index, entry in enumerate(parsed.entries):
        yield _entry_to_doc(entry, source, f"entry {index}", outlet, language)


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
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    return RawDoc(
        source=source, locator=locator, fmt="feed", text=text,
        title=(entry.get("title") or "").strip() or None, url=url,
        outlet=outlet or host_of(url), published=parse_date(published),
        language=language,
    )
