"""Scores for quote alignment and fact relations against labelled pairs."""

from __future__ import annotations

from collections.abc import Sequence


def prf(gold: Sequence[bool], predicted: Sequence[bool]) -> dict:
    """Precision, recall and F1 of the positive label."""
    true_positive = sum(g and p for g, p in zip(gold, predicted, strict=True))
    predicted_positive, gold_positive = sum(predicted), sum(gold)
    precision = true_positive / predicted_positive if predicted_positive else 0.0
    recall = true_positive / gold_positive if gold_positive else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "true_positive": true_positive,
            "predicted": predicted_positive, "gold": gold_positive}


def score_alignments(gold_same: Sequence[bool], gold_class: Sequence[str], same: Sequence[bool],
                     kinds: Sequence[str]) -> dict:
    """same_quote P/R/F1, and class accuracy on the gold same-quote pairs and on all pairs that have a class."""
    scores = prf(gold_same, same)
    true_pairs = [i for i, g in enumerate(gold_same) if g]
    scores["class_accuracy"] = (sum(kinds[i] == gold_class[i] for i in true_pairs) / len(true_pairs)
                                if true_pairs else 0.0)
    classed = [(k, g) for k, g in zip(kinds, gold_class, strict=True) if g is not None]  # negatives may have none
    scores["class_accuracy_all"] = sum(k == g for k, g in classed) / max(1, len(classed))
    classes = sorted({g for g in gold_class if g is not None})
    # A set labelled with the three classes of verbatim / trimmed / altered counts words changed in any way as
    # altered; presslens tells a same quote in other words (``paraphrase``) apart, which is one kind of altered.
    three = [("altered" if k == "paraphrase" and "paraphrase" not in classes else k) for k in kinds]
    scores["class_accuracy_three"] = (sum(three[i] == gold_class[i] for i in true_pairs) / len(true_pairs)
                                      if true_pairs else 0.0)
    scores["confusion"] = {g: {k: sum(1 for i in true_pairs if gold_class[i] == g and kinds[i] == k)
                               for k in classes if any(gold_class[i] == g and kinds[i] == k for i in true_pairs)}
                           for g in classes}
    return scores


def best_threshold(gold: Sequence[bool], ratios: Sequence[float]) -> tuple[float, dict]:
    """The threshold on a similarity (rapidfuzz's token-set ratio) with the best same-quote F1 on these very pairs,
    and its scores: an oracle baseline, tuned on what it is scored on."""
    best = (0.0, prf(gold, [True] * len(gold)))
    for threshold in sorted(set(ratios)):
        scores = prf(gold, [r >= threshold for r in ratios])
        if scores["f1"] > best[1]["f1"]:
            best = (threshold, scores)
    return best


def fact_at(facts: Sequence, start: int, end: int):
    """The extracted fact a labelled span ``[start, end)`` gives: the first of those it holds whole (a span is a
    figure with the words saying what it is of: "numbers have fallen by a third in five years"), else the one it
    overlaps most, or None."""
    inside = [f for f in facts if start <= f.start and f.end <= end]
    if inside:
        return min(inside, key=lambda f: f.start)
    best, overlap = None, 0
    for fact in facts:
        shared = min(end, fact.end) - max(start, fact.start)
        if shared > overlap:
            best, overlap = fact, shared
    return best


def score_relations(gold: Sequence[str], predicted: Sequence[str]) -> dict:
    """Conflict detection P/R/F1, and accuracy over all relations."""
    scores = prf([g == "conflict" for g in gold], [p == "conflict" for p in predicted])
    scores["accuracy"] = sum(g == p for g, p in zip(gold, predicted, strict=True)) / max(1, len(gold))
    scores["same_thing"] = prf([g != "unrelated" for g in gold], [p != "unrelated" for p in predicted])
    return scores
