"""Join tagged content, source and cue spans into attributions.

Each content takes the cue closest to it (one inside the content, as in
``"A," she said, "B"``, comes first), and that cue takes the closest source.
Distances are counted in characters, a paragraph break costs a lot (but not
after a colon, which introduces the next paragraph's quote), and a cue
with another content lying between it and this one is out of reach.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .. import lang
from ..lang import Language
from .linker import CUE_REACH, SOURCE_REACH, Layout, Linker, Span, default_linker
from .tagging import TaggedSpan

PARAGRAPH_COST = 400
MAX_CUE_DISTANCE = 220
MAX_SOURCE_DISTANCE = 120


@dataclass(frozen=True, slots=True)
class Attribution:
    """Offsets of one attribution's parts (end exclusive); source and cue may be missing."""

    content: tuple[int, int]
    source: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None


def _inside(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _distance(text: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans, plus a cost per paragraph break between them."""
    if a[1] <= b[0]:
        start, end = a[1], b[0]
    elif b[1] <= a[0]:
        start, end = b[1], a[0]
    else:
        return 0
    gap = text[start:end]
    if not gap.strip(" \n:") or text[start - 1] == ":":
        return len(gap.strip())
    return (end - start) + PARAGRAPH_COST * gap.count("\n")


def _between(a: tuple[int, int], b: tuple[int, int], others: Iterable[tuple[int, int]]) -> bool:
    """Whether one of ``others`` lies wholly in the gap between spans a and b."""
    low, high = (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])
    return any(low <= o[0] and o[1] <= high for o in others)


def _pick_cue(text, content, cues, contents):
    best, best_cost = None, MAX_CUE_DISTANCE + 1
    for cue in cues:
        if _inside(cue, content):
            cost = 0
        elif cue[0] < content[1] and content[0] < cue[1]:
            continue
        else:
            if _between(content, cue, contents):
                continue
            cost = _distance(text, content, cue) + 1
        if cost < best_cost:
            best, best_cost = cue, cost
    return best


def _pick_source(text, content, cue, sources):
    anchor = cue or content
    best, best_cost = None, MAX_SOURCE_DISTANCE + 1
    for source in sources:
        if _inside(source, content) and not (cue and _inside(cue, content)):
            continue
        if source[0] < anchor[1] and anchor[0] < source[1]:
            continue
        if cue and _between(source, cue, [content]):
            continue
        cost = _distance(text, anchor, source)
        if cost < best_cost:
            best, best_cost = source, cost
    return best


def cue_candidates(text: str, content: Span, cues: Sequence[Span]) -> list[Span]:
    """Cues within reach of a content (inside it, or not overlapping it), nearest first."""
    scored = []
    for cue in cues:
        if _inside(cue, content):
            scored.append((0, cue))
        elif not (cue[0] < content[1] and content[0] < cue[1]):
            cost = _distance(text, content, cue) + 1
            if cost <= CUE_REACH:
                scored.append((cost, cue))
    return [cue for _, cue in sorted(scored)]


def source_candidates(text: str, anchor: Span, sources: Sequence[Span]) -> list[Span]:
    """Sources within reach of a cue (or of a content without one), not overlapping it, nearest first."""
    scored = [(_distance(text, anchor, s), s) for s in sources if not (s[0] < anchor[1] and anchor[0] < s[1])]
    return [s for cost, s in sorted(scored) if cost <= SOURCE_REACH]


def link(text: str, spans: Iterable[TaggedSpan], language: Language = lang.DEFAULT,
         linker: Linker | bool | None = True) -> list[Attribution]:
    """Attributions from tagged spans: one per content span, in text order. The cue and source are chosen by
    ``linker`` (True: the committed one, when present), else by the nearest-span rules."""
    layout = Layout(text, spans, language)
    chooser = default_linker() if linker is True else linker or None
    cues, sources, contents = layout.layers["cue"], layout.layers["source"], layout.layers["content"]
    out: list[Attribution] = []
    for content in contents:
        if chooser is None:
            cue = _pick_cue(text, content, cues, [c for c in contents if c != content])
            source = _pick_source(text, content, cue, sources)
        else:
            cue = chooser.pick_cue(layout, content, cue_candidates(text, content, cues))
            anchor = cue or content
            source = chooser.pick_source(layout, anchor, content, source_candidates(text, anchor, sources))
        if source is None and cue is not None:
            source = _shared_subject(text, cue, out, language)
        out.append(Attribution(content, source, cue))
    return out


def _shared_subject(text: str, cue: tuple[int, int], earlier: list[Attribution],
                    language: Language) -> tuple[int, int] | None:
    """ "The organization claims ... and notes that ...": a cue with no source of its own shares the
    source of an earlier cue in the same sentence."""
    for attribution in reversed(earlier):
        if attribution.cue and attribution.source and attribution.cue[1] <= cue[0]:
            between = text[attribution.cue[1]:cue[0]]
            if not lang.has_sentence_break(between, language.quote_sentence):
                return attribution.source
            return None
    return None
