"""Rule-only quote finder: the baseline the trained tagger must beat, and the
quotation-mark scanner that every path shares.

Direct quotes come from quotation marks paired within a paragraph (an opening
mark left open runs on into the next paragraph when that one opens with a mark,
as newspapers print it); speakers and cues come from a reporting verb next to the
quote. Reported speech is found for "X said (that) ..." and "according to X".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from .linking import Attribution

OPENING = "\"“„«‟"
CLOSING = "\"”»‟“"
CUE_VERBS = (
    "said|says|say|told|tells|added|adds|asked|asks|explained|explains|replied|replies|wrote|writes|stated|"
    "states|claimed|claims|noted|notes|argued|argues|insisted|insists|warned|warns|continued|continues|"
    "tweeted|tweets|declared|declares|announced|announces|recalled|recalls|admitted|admits|suggested|"
    "suggests|acknowledged|acknowledges|confirmed|confirms|reported|reports|believes|believed|thinks|"
    "thought|predicted|predicts|urged|urges|accused|accuses"
)
_NAME = r"(?:[A-Z][\w'’.-]*(?:\s+(?:of|the|for|on|de|van|von|and)\s+|\s+|(?=\W)))+"
_PRONOUN = r"(?:he|she|they|He|She|They|I|We|we|it|It)"
_SOURCE = rf"(?:{_PRONOUN}|[Tt]he\s+(?:[A-Za-z-]+\s+){{0,3}}?[a-z]+|(?:the\s+|The\s+)?{_NAME})"
_CUE = rf"(?:{CUE_VERBS})"
# After a quote: ', said Jane Doe' or ', Jane Doe said'.
_AFTER = re.compile(
    rf"\s*,?\s*(?P<a>(?P<cue1>{_CUE})\s+(?P<src1>{_SOURCE})|(?P<src2>{_SOURCE})\s+(?P<cue2>{_CUE}))")
# Before a quote: 'Jane Doe, the mayor, now replies:' up to the opening mark.
_BEFORE = re.compile(
    rf"(?P<src>{_SOURCE})\s*(?:,[^,]{{1,90}},\s*)?(?:[a-z]+\s+)?(?P<cue>{_CUE})(?:\s+\w+){{0,3}}\s*[:,]?\s*$")
_REPORTED = re.compile(rf"(?P<src>{_SOURCE})\s+(?P<cue>{_CUE})(?:\s+that)?\s+(?P<content>[^.!?\n]{{12,}}[.!?]?)")
_ACCORDING = re.compile(rf"(?P<cue>[Aa]ccording to)\s+(?P<src>{_SOURCE})")
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+(?=[A-Z\"“])|\n+")


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch in quotation marks, marks included; ``closed`` is False when the text ended it."""

    start: int
    end: int
    closed: bool


def quoted_segments(text: str) -> list[Segment]:
    """Double-quoted stretches, tolerant of unbalanced and nested marks; never raises."""
    segments: list[Segment] = []
    start = None
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\n" and start is not None:
            next_para = text[i:].lstrip()
            if not next_para or next_para[0] not in OPENING:
                segments.append(Segment(start, _rstrip(text, i), False))
                start = None
            else:
                i = len(text) - len(next_para)  # the new paragraph's mark reopens the quote
        elif start is None and char in OPENING and _can_open(text, i):
            start = i
        elif start is not None and char in CLOSING:
            segments.append(Segment(start, i + 1, True))
            start = None
        i += 1
    if start is not None:
        segments.append(Segment(start, _rstrip(text, len(text)), False))
    return [s for s in segments if s.end - s.start > 2]


def _can_open(text: str, i: int) -> bool:
    if text[i] in "”»":
        return False
    if text[i] == "«":  # French sets a space inside guillemets
        return True
    return i + 1 < len(text) and not text[i + 1].isspace()


def _rstrip(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def sentence_bounds(text: str, position: int) -> tuple[int, int]:
    """The sentence (or paragraph line) around a character position."""
    # As scanning the text from 0 up to ``position`` would, but from the last break that ends
    # before it: matches ending before ``position`` are the same in the whole text and in the
    # text cut at ``position``, and the scan after a match goes on from its end.
    ends = _break_ends(text)
    before = bisect_left(ends, position) - 1
    start = ends[before] if before >= 0 else 0
    for match in _SENTENCE_END.finditer(text, start, position):
        start = match.end()
    found = _SENTENCE_END.search(text, position)
    return start, (found.start() + 1 if found else len(text))


@lru_cache(maxsize=16)
def _break_ends(text: str) -> list[int]:
    """Where each sentence break of the whole text ends (the quotes of one text ask many times)."""
    return [match.end() for match in _SENTENCE_END.finditer(text)]


def find_quotes(text: str) -> list[Attribution]:
    """Rule-only attributions: direct quotes with a nearby cue, then reported speech."""
    found: list[Attribution] = []
    covered: list[tuple[int, int]] = []
    for segment in quoted_segments(text):
        if len(text[segment.start:segment.end].split()) < 3:
            continue
        found.append(_attribute_direct(text, segment))
        covered.append((segment.start, segment.end))
    for pattern in (_REPORTED, _ACCORDING):
        for match in pattern.finditer(text):
            if any(s <= match.start() < e for s, e in covered):
                continue
            found.append(_reported(text, match))
            covered.append(found[-1].content)
    return sorted(found, key=lambda a: a.content)


def _attribute_direct(text: str, segment: Segment) -> Attribution:
    content = (segment.start, segment.end)
    after = _AFTER.match(text, segment.end, min(len(text), segment.end + 80))
    if after and "\n" not in text[segment.end:after.end()]:
        cue = after.span("cue1") if after.group("cue1") else after.span("cue2")
        source = after.span("src1") if after.group("src1") else after.span("src2")
        return Attribution(content, _strip(text, source), cue)
    sentence_start, _ = sentence_bounds(text, max(segment.start - 1, 0))
    line_start = text.rfind("\n", 0, segment.start) + 1
    before = _BEFORE.search(text, max(sentence_start, line_start), segment.start)
    if before:
        return Attribution(content, _strip(text, before.span("src")), before.span("cue"))
    return Attribution(content)


def _reported(text: str, match: re.Match) -> Attribution:
    source, cue = _strip(text, match.span("src")), match.span("cue")
    if "content" in match.groupdict():
        start, end = match.span("content")
        return Attribution((start, _rstrip(text, end)), source, cue)
    sentence_start, sentence_end = sentence_bounds(text, match.start())
    if match.start() - sentence_start > 10:
        return Attribution((sentence_start, match.start()), source, cue)
    return Attribution((match.end(), sentence_end), source, cue)


def _strip(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",:"):
        end -= 1
    return start, end
