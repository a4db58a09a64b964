"""Normalise whitespace and quotation marks while keeping an offset map to the raw text."""

from __future__ import annotations

import re

from ..records import OffsetMap

__all__ = ["QUOTE_TABLE", "build_clean_text"]

QUOTE_TABLE = str.maketrans({
    "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "〝": '"', "〞": '"', "＂": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "‹": "'", "›": "'", "＇": "'",
})
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# One whitespace character becomes a space in place (through the table); runs of two or
# more collapse to one space; invisible characters disappear.
_WHITESPACE = [ch for ch in map(chr, range(0x3001)) if ch.isspace()]
_CHAR_TABLE = {**QUOTE_TABLE, **{ord(ch): " " for ch in _WHITESPACE}}
_SPECIAL = re.compile(rf"(?P<space>\s(?:[\s{_INVISIBLE}]*\s)+)|(?P<invisible>[{_INVISIBLE}]+)")
PARAGRAPH_BREAK = "\n\n"


def build_clean_text(raw: str, units: list[tuple[int, int]]) -> tuple[str, OffsetMap]:
    """Join the raw spans ``units`` (paragraphs) into normalised clean text.

    Paragraphs are separated by a blank line; inside one, whitespace collapses to a
    single space and curly, low-9 and guillemet quotation marks become straight ones.
    """
    pieces: list[str] = []
    offsets = OffsetMap()
    length = 0
    previous_end: int | None = None
    for start, end in units:
        if previous_end is not None:
            pieces.append(PARAGRAPH_BREAK)
            offsets.add(length, previous_end, len(PARAGRAPH_BREAK), start - previous_end)
            length += len(PARAGRAPH_BREAK)
        length = _add_paragraph(raw, start, end, pieces, offsets, length)
        previous_end = end
    return "".join(pieces), offsets


def _add_paragraph(raw: str, start: int, end: int, pieces: list[str], offsets: OffsetMap,
                   length: int) -> int:
    position = start
    for match in _SPECIAL.finditer(raw, start, end):
        if match.start() > position:
            chunk = raw[position:match.start()].translate(_CHAR_TABLE)
            pieces.append(chunk)
            offsets.add(length, position, len(chunk), len(chunk))
            length += len(chunk)
        if match["space"]:
            pieces.append(" ")
            offsets.add(length, match.start(), 1, match.end() - match.start())
            length += 1
        position = match.end()
    if end > position:
        chunk = raw[position:end].translate(_CHAR_TABLE)
        pieces.append(chunk)
        offsets.add(length, position, len(chunk), len(chunk))
        length += len(chunk)
    return length
