"""Small helpers shared by the readers: dates, hosts, decoding, HTML fragments, lone surrogates."""

from __future__ import annotations

import re

from lxml import etree, html

from ..errors import IngestError
from ..urls import host_of
from .dates import parse_date
from .encoding import decode_legacy

__all__ = ["decode", "has_surrogates", "host_of", "html_fragment_text", "parse_date", "without_surrogates"]

_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNICODE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate, which UTF-8 cannot encode."""
    return _SURROGATE.search(text) is not None


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (a broken ``\\ud800`` escape, an undecodable file name) as U+FFFD.

    One code point for one, so offsets into the text stay valid; UTF-8 cannot encode a surrogate.
    """
    return _SURROGATE.sub("\ufffd", text)


def decode(data: bytes, source: str) -> str:
    """Decode a document: UTF-8 (or a UTF-16/32 byte-order mark) first, then the code page that fits.

    Raises ``IngestError`` for empty, binary or undecodable input.
    """
    if not data.strip():
        raise IngestError("E101", source=source)
    head = data[:8192]
    if b"\x00" in head and not head.startswith(_UNICODE_BOMS):
        raise IngestError("E102", source=source, detail="NUL bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = decode_legacy(data)
    if text is None:
        raise IngestError("E103", source=source)
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
