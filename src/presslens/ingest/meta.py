"""Small helpers shared by the readers: dates, hosts, decoding, HTML fragments."""

from __future__ import annotations

import re
from datetime import date, datetime

import charset_normalizer
from lxml import etree, html

from ..errors import IngestError
from ..urls import host_of

__all__ = ["decode", "host_of", "html_fragment_text", "parse_date"]

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"}


def parse_date(value: object) -> date | None:
    """A ``date`` from an ISO string, a datetime, a ``time.struct_time`` or None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if hasattr(value, "tm_year"):
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    match = _ISO_DATE.search(str(value))
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None




def decode(data: bytes, source: str) -> str:
    """Decode a document: UTF-8 first, then the encoding charset-normalizer detects.

    Raises ``IngestError`` for empty, binary or undecodable input.
    """
    if not data.strip():
        raise IngestError("E101", source=source)
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError("E102", source=source, detail="NUL bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise IngestError("E103", source=source)
    text = str(best)
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(8, len(text[:8192]) // 50):
        raise IngestError("E102", source=source, detail="control characters")
    return text


def html_fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one paragraph a block."""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    for node in root.iter():
        if node.tag in _BLOCK_TAGS:
            node.tail = "\n\n" + (node.tail or "")
    text = re.sub(r"[ \t]*\n\s*\n\s*", "\n\n", root.text_content())
    return text.strip()
