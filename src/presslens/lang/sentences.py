"""The one sentence splitter: where a sentence ends, by a ``SentenceRule`` a language gives.

A break is a sentence-final mark, maybe a closing quotation mark, white space and (where the rule asks)
what the next sentence opens with; a line break always ends a sentence. The stages ask three things of
the same breaks: the sentences of a text (``sentence_spans``), the sentence around a position
(``sentence_bounds``) and whether a stretch holds a sentence end at all (``has_sentence_break``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property, lru_cache

__all__ = ["PIECE_BREAK", "SentenceRule", "has_sentence_break", "sentence_bounds", "sentence_spans"]


@dataclass(frozen=True)
class SentenceRule:
    """How one sentence ends and the next begins. ``ends``, ``closers`` and ``openers`` are the contents of
    regex character classes (``"A-Z"`` is a range); an empty ``openers`` lets a sentence open with anything.

    ``mark_in_break``: the end mark is part of the break (else it stays with the sentence, by a
    look-behind); ``line_breaks``: a run of line breaks is a break too.
    """

    ends: str = ".!?"
    closers: str = ""
    openers: str = ""
    mark_in_break: bool = True
    line_breaks: bool = True

    def pattern(self, *, openers: bool = True) -> str:
        """The break as a regex (``openers=False``: whatever the next sentence opens with)."""
        closers = f"[{self.closers}]?" if self.closers else ""
        head = f"[{self.ends}]{closers}" if self.mark_in_break else f"(?<=[{self.ends}]){closers}"
        opener = f"(?=[{self.openers}])" if self.openers and openers else ""
        body = rf"{head}\s+{opener}"
        return rf"{body}|\n+" if self.line_breaks else body

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern())

    @cached_property
    def any_opener_regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern(openers=False))


# Where ``nlp`` may cut a long text into pieces: after a full stop of Latin or CJK script and its spaces.
PIECE_BREAK = SentenceRule(ends=".!?。！？", mark_in_break=False, line_breaks=False)


def sentence_spans(text: str, rule: SentenceRule) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence holding more than white space; the last one without trailing space."""
    spans, start = [], 0
    for match in rule.regex.finditer(text):
        if text[start:match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def sentence_bounds(text: str, position: int, rule: SentenceRule) -> tuple[int, int]:
    """The sentence (or paragraph line) around a character position; its end keeps the end mark."""
    # As scanning the text from 0 up to ``position`` would, but from the last break that ends
    # before it: matches ending before ``position`` are the same in the whole text and in the
    # text cut at ``position``, and the scan after a match goes on from its end.
    regex = rule.regex
    ends = _break_ends(text, regex)
    before = bisect_left(ends, position) - 1
    start = ends[before] if before >= 0 else 0
    for match in regex.finditer(text, start, position):
        start = match.end()
    found = regex.search(text, position)
    return start, (found.start() + 1 if found else len(text))


def has_sentence_break(text: str, rule: SentenceRule) -> bool:
    """Whether ``text`` holds a sentence end (whatever follows it) or a line break."""
    return rule.any_opener_regex.search(text) is not None


@lru_cache(maxsize=16)
def _break_ends(text: str, regex: re.Pattern[str]) -> list[int]:
    """Where each sentence break of the whole text ends (the quotes of one text ask many times)."""
    return [match.end() for match in regex.finditer(text)]
