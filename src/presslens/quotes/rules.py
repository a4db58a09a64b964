"""Rule-only quote finder: the baseline the trained tagger must beat, and the
quotation-mark scanner that every path shares.

Direct quotes come from quotation marks paired within a paragraph (an opening
mark left open runs on into the next paragraph when that one opens with a mark,
as newspapers print it); speakers and cues come from a reporting verb next to the
quote. Reported speech is found for "X said (that) ..." and "according to X".
A language whose incises invert the subject (French: "a-t-elle ajouté") has the clause
rules of ``clauses`` instead, built from the same ``Language`` fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lang
from ..lang import Language
from ..lang.patterns import alternatives, initial_either_case, one_of, one_of_followed
from .linking import Attribution


@dataclass(frozen=True, slots=True)
class _Rules:
    """A language's quote rules, compiled: the patterns around a quote."""

    after: re.Pattern[str]  # after a quote: ', said Jane Doe' or ', Jane Doe said'
    before: re.Pattern[str]  # before a quote: 'Jane Doe, the mayor, now replies:' up to the opening mark
    reported: re.Pattern[str]  # 'X said (that) ...'
    according: re.Pattern[str]  # 'according to X'


@lru_cache(maxsize=8)
def _rules(language: Language) -> _Rules:
    """The quote rules of a language, compiled once."""
    name = rf"(?:[A-Z][\w'’.-]*(?:\s+(?:{one_of(language.name_particles)})\s+|\s+|(?=\W)))+"
    pronoun = rf"(?:{one_of(language.subject_pronouns)})(?![\w'’-])"  # a whole word: "He", never "He" of "Helen"
    source = (rf"(?:{pronoun}|{initial_either_case(language.definite_articles)}\s+(?:[A-Za-z-]+\s+){{0,3}}?[a-z]+|"
              rf"(?:{one_of_followed(w for a in language.definite_articles for w in (a, a.capitalize()))})?{name})")
    cue = rf"(?:{one_of(language.reporting_verbs)})"
    return _Rules(
        re.compile(rf"\s*,?\s*(?P<a>(?P<cue1>{cue})\s+(?P<src1>{source})|(?P<src2>{source})\s+(?P<cue2>{cue}))"),
        re.compile(rf"(?P<src>{source})\s*(?:,[^,]{{1,90}},\s*)?(?:[a-z]+\s+)?(?P<cue>{cue})"
                   rf"(?:\s+\w+){{0,3}}\s*[:,]?\s*$"),
        re.compile(rf"(?P<src>{source})\s+(?P<cue>{cue})(?:\s+{alternatives(language.complementisers)})?\s+"
                   rf"(?P<content>[^.!?\n]{{12,}}[.!?]?)"),
        re.compile(rf"(?P<cue>{initial_either_case(language.according_to)})\s+(?P<src>{source})"))


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch in quotation marks, marks included; ``closed`` is False when the text ended it."""

    start: int
    end: int
    closed: bool


def quoted_segments(text: str, language: Language = lang.DEFAULT) -> list[Segment]:
    """Double-quoted stretches, tolerant of unbalanced and nested marks; never raises."""
    opening, closing = language.opening_quotes, language.closing_quotes
    segments: list[Segment] = []
    start = None
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\n" and start is not None:
            next_para = text[i:].lstrip()
            if not next_para or next_para[0] not in opening:
                segments.append(Segment(start, _rstrip(text, i), False))
                start = None
            else:
                i = len(text) - len(next_para)  # the new paragraph's mark reopens the quote
        elif start is None and char in opening and _can_open(text, i, language):
            start = i
        elif start is not None and char in closing:
            segments.append(Segment(start, i + 1, True))
            start = None
        i += 1
    if start is not None:
        segments.append(Segment(start, _rstrip(text, len(text)), False))
    return [s for s in segments if s.end - s.start > 2]


def _can_open(text: str, i: int, language: Language) -> bool:
    if text[i] in "”»":
        return False
    if text[i] == "«" or language.quote_inner_space:  # French sets a space inside guillemets
        return True
    return i + 1 < len(text) and not text[i + 1].isspace()


def _rstrip(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def sentence_bounds(text: str, position: int, language: Language = lang.DEFAULT) -> tuple[int, int]:
    """The sentence (or paragraph line) around a character position (the language's ``quote_sentence``)."""
    return lang.sentence_bounds(text, position, language.quote_sentence)


def find_quotes(text: str, language: Language = lang.DEFAULT) -> list[Attribution]:
    """Rule-only attributions: direct quotes with a nearby cue, then reported speech. A language whose incises
    invert the subject ("a-t-elle ajouté": ``Language.inverted_cues``) has the clause rules of ``clauses``."""
    if language.inverted_cues:
        from .clauses import find_quotes as find_by_clauses

        return find_by_clauses(text, language)
    rules = _rules(language)
    found: list[Attribution] = []
    covered: list[tuple[int, int]] = []
    for segment in quoted_segments(text, language):
        if len(text[segment.start:segment.end].split()) < 3:
            continue
        found.append(_attribute_direct(text, segment, rules, language))
        covered.append((segment.start, segment.end))
    for pattern in (rules.reported, rules.according):
        for match in pattern.finditer(text):
            if any(s <= match.start() < e for s, e in covered):
                continue
            found.append(_reported(text, match, language))
            covered.append(found[-1].content)
    return sorted(found, key=lambda a: a.content)


def _attribute_direct(text: str, segment: Segment, rules: _Rules, language: Language) -> Attribution:
    content = (segment.start, segment.end)
    after = rules.after.match(text, segment.end, min(len(text), segment.end + 80))
    if after and "\n" not in text[segment.end:after.end()]:
        cue = after.span("cue1") if after.group("cue1") else after.span("cue2")
        source = after.span("src1") if after.group("src1") else after.span("src2")
        return Attribution(content, _strip(text, source), cue)
    sentence_start, _ = sentence_bounds(text, max(segment.start - 1, 0), language)
    line_start = text.rfind("\n", 0, segment.start) + 1
    before = rules.before.search(text, max(sentence_start, line_start), segment.start)
    if before:
        return Attribution(content, _strip(text, before.span("src")), before.span("cue"))
    return Attribution(content)


def _reported(text: str, match: re.Match, language: Language) -> Attribution:
    source, cue = _strip(text, match.span("src")), match.span("cue")
    if "content" in match.groupdict():
        start, end = match.span("content")
        return Attribution((start, _rstrip(text, end)), source, cue)
    sentence_start, sentence_end = sentence_bounds(text, match.start(), language)
    if match.start() - sentence_start > 10:
        return Attribution((sentence_start, match.start()), source, cue)
    return Attribution((match.end(), sentence_end), source, cue)


def _strip(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",:"):
        end -= 1
    return start, end
