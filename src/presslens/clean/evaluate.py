"""Measure boilerplate removal against labelled lines (precision, recall, F1)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..ingest import read_bytes
from ..records import RawDoc
from ..settings import Settings
from . import classify_paragraphs, clean_document

__all__ = ["BoilerplateScore", "score_labelled_files", "score_labelled_lines"]


@dataclass
class BoilerplateScore:
    """Counts for the positive class "boilerplate", and the lines it got wrong."""

    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    true_negative: int = 0
    mistakes: list[str] = field(default_factory=list)

    def add(self, gold: bool, predicted: bool, text: str) -> None:
        if gold and predicted:
            self.true_positive += 1
        elif predicted:
            self.false_positive += 1
            self.mistakes.append(f"removed prose: {text[:90]}")
        elif gold:
            self.false_negative += 1
            self.mistakes.append(f"missed boilerplate: {text[:90]}")
        else:
            self.true_negative += 1

    @property
    def precision(self) -> float:
        predicted = self.true_positive + self.false_positive
        return self.true_positive / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_positive + self.false_negative
        return self.true_positive / gold if gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: BoilerplateScore) -> BoilerplateScore:
        self.true_positive += other.true_positive
        self.false_positive += other.false_positive
        self.false_negative += other.false_negative
        self.true_negative += other.true_negative
        self.mistakes += other.mistakes
        return self

    def as_dict(self) -> dict:
        lines = self.true_positive + self.false_positive + self.false_negative + self.true_negative
        return {"lines": lines, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "false_positives": self.false_positive, "false_negatives": self.false_negative}


def score_labelled_files(labels: Iterable[dict], root: Path) -> BoilerplateScore:
    """Score whole files: a line counts as removed when no part of it is in the clean text.

    ``labels`` are ``{"file", "line", "label"}`` records; ``title`` and ``date`` lines
    are metadata, measured by the reader tests, and are left out here.
    """
    by_file: dict[str, dict[int, str]] = {}
    for record in labels:
        by_file.setdefault(record["file"], {})[record["line"]] = record["label"]
    score = BoilerplateScore()
    for name, line_labels in sorted(by_file.items()):
        path = root / name
        (doc,) = read_bytes(path.read_bytes(), str(path), Settings())
        if not isinstance(doc, RawDoc):
            raise ValueError(f"{path}: {doc}")
        kept = _kept_raw_ranges(doc)
        for number, (start, end) in enumerate(_line_spans(doc.text)):
            label = line_labels.get(number)
            if label in ("prose", "boilerplate"):
                removed = not any(s < end and start < e for s, e in kept)
                score.add(label == "boilerplate", removed, doc.text[start:end])
    return score


def score_labelled_lines(records: Iterable[dict]) -> BoilerplateScore:
    """Score standalone lines ``{"text", "label"}``, each judged on its own."""
    score = BoilerplateScore()
    for record in records:
        (kind,) = classify_paragraphs([record["text"]])
        score.add(record["label"] == "boilerplate", kind is not None, record["text"])
    return score


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _kept_raw_ranges(doc: RawDoc) -> list[tuple[int, int]]:
    article = clean_document(doc, Settings())
    ranges = []
    start = 0
    for paragraph in article.clean_text.split("\n\n"):
        ranges.append(article.offset_map.to_raw(start, start + len(paragraph)))
        start += len(paragraph) + 2
    return ranges


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans
