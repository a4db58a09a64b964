"""Scores for quote attribution against gold spans (PolNeAR schema).

Matching rule: within one article, predicted and gold contents are paired one
to one, greedily by the number of word tokens (``\\w+``) they share, largest
first; a pair needs at least one shared token. Then, overall and per gold kind:

- content exact: a pair whose spans are equal once whitespace and edge
  punctuation (quotation marks, commas, stops, dashes, brackets) are trimmed;
  precision over all predictions, recall over all gold quotes;
- content overlap: word tokens of predicted contents inside the paired gold
  content, over all predicted tokens (P) and all gold tokens (R);
- speaker exact / overlap: among paired quotes, predicted speaker equal to the
  gold speaker (trimmed) / sharing a token with it; P over paired predictions
  that give a speaker, R over gold quotes that have one;
- cue exact: likewise for cues, P over all predicted cues, R over all gold cues.

A prediction counts toward the kind of the gold quote it is paired with;
unpaired predictions count only in the overall row.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..scoring import f1

KINDS = ("all", "direct", "mixed", "indirect")
_TOKEN = re.compile(r"\w+")
_EDGE = set(" \t\n\r.,;:!?\"'\u201c\u201d\u2018\u2019\u00ab\u00bb()[]-\u2014\u2013")


def trim(text: str, start: int | None, end: int | None) -> tuple[int, int] | None:
    """Span without edge whitespace and punctuation; None for a missing span."""
    if start is None or end is None:
        return None
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def word_tokens(text: str, start: int | None, end: int | None) -> set[tuple[int, int]]:
    """Word tokens of a span, as absolute (start, end) offsets."""
    if start is None or end is None:
        return set()
    return {m.span() for m in _TOKEN.finditer(text, start, end)}


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, hits: int, predicted: int, gold: int) -> PRF:
        precision = hits / predicted if predicted else 0.0
        recall = hits / gold if gold else 0.0
        return cls(precision, recall, f1(precision, recall))


@dataclass
class _Counts:
    gold: int = 0
    pred: int = 0
    exact: int = 0
    gold_tokens: int = 0
    pred_tokens: int = 0
    shared_tokens: int = 0
    speaker_gold: int = 0
    speaker_pred: int = 0
    speaker_exact: int = 0
    speaker_overlap: int = 0
    cue_gold: int = 0
    cue_pred: int = 0
    cue_exact: int = 0


@dataclass
class QuoteScores:
    """Counts per kind ("all", "direct", "mixed", "indirect"); metrics derived from them."""

    counts: dict[str, _Counts] = field(default_factory=lambda: defaultdict(_Counts))
    articles: int = 0

    def metrics(self, kind: str = "all") -> dict[str, PRF | int]:
        c = self.counts[kind]
        return {
            "gold": c.gold,
            "pred": c.pred,
            "content_exact": PRF.of(c.exact, c.pred, c.gold),
            "content_overlap": PRF.of(c.shared_tokens, c.pred_tokens, c.gold_tokens),
            "speaker_exact": PRF.of(c.speaker_exact, c.speaker_pred, c.speaker_gold),
            "speaker_overlap": PRF.of(c.speaker_overlap, c.speaker_pred, c.speaker_gold),
            "cue_exact": PRF.of(c.cue_exact, c.cue_pred, c.cue_gold),
        }

    def as_dict(self) -> dict[str, dict]:
        out = {}
        for kind in KINDS:
            if kind in self.counts:
                out[kind] = {
                    name: (value if isinstance(value, int) else
                           {"p": round(value.precision, 4), "r": round(value.recall, 4), "f1": round(value.f1, 4)})
                    for name, value in self.metrics(kind).items()
                }
        return out

    def add(self, text: str, gold: Sequence[Mapping], predicted: Sequence[Mapping]) -> None:
        """Score one article: gold and predicted quotes as PolNeAR-style dicts."""
        self.articles += 1
        predicted = [q for q in predicted if q.get("quote_start") is not None]
        gold_tokens = [word_tokens(text, q["quote_start"], q["quote_end"]) for q in gold]
        pred_tokens = [word_tokens(text, q["quote_start"], q["quote_end"]) for q in predicted]
        pairs = _pair(gold_tokens, pred_tokens)
        overall = self.counts["all"]
        overall.pred += len(predicted)
        overall.pred_tokens += sum(len(t) for t in pred_tokens)
        overall.cue_pred += sum(1 for q in predicted if q.get("cue_start") is not None)
        for i, gold_quote in enumerate(gold):
            kind = gold_quote.get("quote_kind", "unknown")
            j = pairs.get(i)
            for name in ("all", kind):
                self._count_gold(self.counts[name], text, gold_quote, gold_tokens[i])
                if j is None:
                    continue
                if name != "all":
                    self._count_pred(self.counts[name], predicted[j], pred_tokens[j])
                self._count_pair(self.counts[name], text, gold_quote, predicted[j],
                                 gold_tokens[i] & pred_tokens[j])

    @staticmethod
    def _count_gold(c: _Counts, text: str, gold: Mapping, tokens: set) -> None:
        c.gold += 1
        c.gold_tokens += len(tokens)
        c.cue_gold += gold.get("cue_start") is not None
        c.speaker_gold += gold.get("speaker_start") is not None

    @staticmethod
    def _count_pred(c: _Counts, pred: Mapping, tokens: set) -> None:
        c.pred += 1
        c.pred_tokens += len(tokens)
        c.cue_pred += pred.get("cue_start") is not None

    @staticmethod
    def _count_pair(c: _Counts, text: str, gold: Mapping, pred: Mapping, shared: set) -> None:
        c.shared_tokens += len(shared)
        c.exact += _same(text, gold, pred, "quote")
        c.speaker_pred += pred.get("speaker_start") is not None
        if gold.get("speaker_start") is not None and pred.get("speaker_start") is not None:
            c.speaker_exact += _same(text, gold, pred, "speaker")
            c.speaker_overlap += bool(word_tokens(text, gold["speaker_start"], gold["speaker_end"])
                                      & word_tokens(text, pred["speaker_start"], pred["speaker_end"]))
        if gold.get("cue_start") is not None and pred.get("cue_start") is not None:
            c.cue_exact += _same(text, gold, pred, "cue")


def _same(text: str, gold: Mapping, pred: Mapping, prefix: str) -> bool:
    return trim(text, gold[f"{prefix}_start"], gold[f"{prefix}_end"]) == trim(
        text, pred[f"{prefix}_start"], pred[f"{prefix}_end"])


def _pair(gold_tokens: list[set], pred_tokens: list[set]) -> dict[int, int]:
    """Greedy one-to-one pairing of gold to predicted quotes by shared tokens."""
    candidates = sorted(
        ((len(g & p), i, j) for i, g in enumerate(gold_tokens) for j, p in enumerate(pred_tokens) if g & p),
        reverse=True,
    )
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in candidates:
        if i not in pairs and j not in used:
            pairs[i] = j
            used.add(j)
    return pairs


def score_articles(items: Iterable[tuple[str, Sequence[Mapping], Sequence[Mapping]]]) -> QuoteScores:
    """Scores over (text, gold quotes, predicted quotes) triples."""
    scores = QuoteScores()
    for text, gold, predicted in items:
        scores.add(text, gold, predicted)
    return scores
