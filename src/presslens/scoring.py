"""Scoring helpers shared by the stages' evaluations: F1 and BCubed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence


def f1(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def bcubed(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 of a predicted clustering, given one label per item.

    For each item, precision is the share of its predicted cluster that shares its gold
    cluster, recall the share of its gold cluster that shares its predicted cluster;
    both are averaged over items (Bagga and Baldwin 1998).
    """
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted labels differ in length")
    if not gold:
        return 0.0, 0.0, 0.0
    pairs = Counter(zip(gold, predicted, strict=True))
    gold_sizes, predicted_sizes = Counter(gold), Counter(predicted)
    precision = sum(pairs[(g, p)] / predicted_sizes[p] for g, p in zip(gold, predicted, strict=True)) / len(gold)
    recall = sum(pairs[(g, p)] / gold_sizes[g] for g, p in zip(gold, predicted, strict=True)) / len(gold)
    return precision, recall, f1(precision, recall)
