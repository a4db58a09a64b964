"""Scoring canonical entities against gold mentions: B-cubed and pairwise merge P/R/F1.

Each gold mention takes the entity id of the predicted mention that overlaps it (the
longest overlap); a gold mention with none is a predicted singleton of its own, so a
missed mention costs recall. Scores are then computed over the gold mentions:

- B-cubed: for each mention, the share of its predicted cluster that is in its gold
  cluster (precision) and the share of its gold cluster that is in its predicted
  cluster (recall), averaged over mentions.
- Pairwise: over all pairs of gold mentions, a pair is predicted merged when both got
  the same id; precision and recall of those merges against the gold ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from ..scoring import bcubed, f1


def corpus_doc_key(source: str) -> str:
    """How labels name an article: 'txt/a.txt', 'jsonl/articles.jsonl#0' (0-based line), or
    'shared:samples/article_000.txt', from the article's source ('…/sample_corpus/jsonl/articles.jsonl:line 1')."""
    path, _, locator = source.partition(":")
    if "/shared/samples/" in path:
        return "shared:samples/" + path.rsplit("/", 1)[1]
    relative = path.split("sample_corpus/", 1)[-1]
    return f"{relative}#{int(locator.split()[1]) - 1}" if locator.startswith("line") else relative


def read_gold(path) -> list[GoldMention]:
    """Gold mentions from a JSONL file of {doc, start, end, text, entity, ...}."""
    import json

    with open(path, encoding="utf-8") as handle:
        return [GoldMention(**{k: v for k, v in json.loads(line).items() if k in GoldMention.__slots__})
                for line in handle if line.strip()]


@dataclass(frozen=True, slots=True)
class GoldMention:
    doc: str
    start: int
    end: int
    text: str
    entity: str = ""
    kind: str = ""


@dataclass(frozen=True, slots=True)
class PredictedMention:
    doc: str
    start: int
    end: int
    entity: str


@dataclass
class EntityScores:
    mentions: int
    found: int
    bcubed: tuple[float, float, float]
    pairwise: tuple[float, float, float]
    false_merges: list[tuple[str, list[str]]]
    missed_merges: list[tuple[str, list[str]]]

    def as_dict(self) -> dict:
        return {"mentions": self.mentions, "found": self.found,
                "bcubed": dict(zip("prf", (round(x, 4) for x in self.bcubed), strict=True)),
                "pairwise": dict(zip("prf", (round(x, 4) for x in self.pairwise), strict=True)),
                "false_merges": self.false_merges, "missed_merges": self.missed_merges}


def assign(gold: Sequence[GoldMention], predicted: Sequence[PredictedMention]) -> list[str]:
    """The predicted entity id for each gold mention (``missed:<i>`` when nothing overlaps it)."""
    by_doc: dict[str, list[PredictedMention]] = defaultdict(list)
    for p in predicted:
        by_doc[p.doc].append(p)
    out = []
    for i, g in enumerate(gold):
        overlaps = [(min(g.end, p.end) - max(g.start, p.start), p.entity) for p in by_doc[g.doc]
                    if p.start < g.end and g.start < p.end]
        out.append(max(overlaps)[1] if overlaps else f"missed:{i}")
    return out


@dataclass
class TypingScores:
    """How often a gold mention's predicted kind is its gold kind."""

    mentions: int
    found: int
    correct: int
    errors: list[tuple[str, str, str, str]]  # doc, text, gold kind, predicted kind ("missed")

    @property
    def accuracy(self) -> float:
        """Correct kinds over all gold mentions (a missed mention counts as wrong)."""
        return self.correct / self.mentions if self.mentions else 1.0

    @property
    def accuracy_found(self) -> float:
        """Correct kinds over the gold mentions the system found."""
        return self.correct / self.found if self.found else 1.0

    def as_dict(self) -> dict:
        return {"mentions": self.mentions, "found": self.found, "correct": self.correct,
                "accuracy": round(self.accuracy, 4), "accuracy_found": round(self.accuracy_found, 4),
                "errors": self.errors}


def score_kinds(gold: Sequence[GoldMention], predicted: Sequence[PredictedMention]) -> TypingScores:
    """Typing accuracy: each gold mention takes the kind of the predicted mention overlapping it most
    (the kind is the prefix of a predicted entity id, ``place:ashbury``)."""
    kinds = [i.split(":", 1)[0] if not i.startswith("missed:") else "missed" for i in assign(gold, predicted)]
    errors = [(g.doc, g.text, g.kind, k) for g, k in zip(gold, kinds, strict=True) if k != g.kind]
    found = sum(k != "missed" for k in kinds)
    return TypingScores(len(gold), found, len(gold) - len(errors), errors)


def score(gold: Sequence[GoldMention], predicted: Sequence[PredictedMention]) -> EntityScores:
    """B-cubed and pairwise scores of predicted entity ids over the gold mentions."""
    ids = assign(gold, predicted)
    gold_ids = [g.entity for g in gold]
    return EntityScores(len(gold), sum(not i.startswith("missed:") for i in ids), bcubed(gold_ids, ids),
                        _pairwise(gold_ids, ids),
                        _false_merges(gold, gold_ids, ids), _missed_merges(gold, gold_ids, ids))


def _pairwise(gold_ids: Sequence[str], ids: Sequence[str]) -> tuple[float, float, float]:
    same_gold = same_pred = both = 0
    for (g1, p1), (g2, p2) in combinations(zip(gold_ids, ids, strict=True), 2):
        same_gold += g1 == g2
        same_pred += p1 == p2
        both += g1 == g2 and p1 == p2
    precision, recall = both / same_pred if same_pred else 1.0, both / same_gold if same_gold else 1.0
    return precision, recall, f1(precision, recall)


def _false_merges(gold, gold_ids, ids) -> list[tuple[str, list[str]]]:
    """Predicted entities that hold mentions of several gold entities."""
    members: Mapping[str, set[str]] = defaultdict(set)
    for g, p in zip(gold_ids, ids, strict=True):
        members[p].add(g)
    return sorted((p, sorted(gs)) for p, gs in members.items() if len(gs) > 1)


def _missed_merges(gold, gold_ids, ids) -> list[tuple[str, list[str]]]:
    """Gold entities split over several predicted ids (with the surface forms of each part)."""
    parts: Mapping[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for mention, g, p in zip(gold, gold_ids, ids, strict=True):
        parts[g][p].add(mention.text)
    return sorted((g, [f"{p}: {', '.join(sorted(forms))}" for p, forms in sorted(ps.items())])
                  for g, ps in parts.items() if len(ps) > 1)
