"""The learned linker: does a document belong to a story? Logistic regression on pair features.

Weights live in ``stories/model/linker.json``, one model per set of signals (so that a
run without embeddings, or an ablation, uses weights trained without them), with the
command that rebuilt them (``scripts/train_story_linker.py``, with ``training.py``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .features import SIGNAL_FEATURES

LINKER_FILE = Path(__file__).parent / "model" / "linker.json"


def signal_key(signals: Iterable[str]) -> str:
    """The name of a signal set in ``linker.json``: its signals that add features, in canonical order, joined by '+'."""
    wanted = set(signals)
    return "+".join(s for s, names in SIGNAL_FEATURES.items() if s in wanted and names)


def feature_names(signals: Iterable[str]) -> tuple[str, ...]:
    """The pair features a linker for these signals reads, in canonical order."""
    wanted = set(signals)
    return tuple(f for s, names in SIGNAL_FEATURES.items() if s in wanted for f in names)


@dataclass(frozen=True, slots=True)
class Linker:
    """Probability that a document belongs to a story, from the pair's features."""

    features: tuple[str, ...]
    coefficients: tuple[float, ...]
    intercept: float
    threshold: float = 0.5

    def probability(self, values: dict[str, float]) -> float:
        z = self.intercept + sum(w * values[f] for f, w in zip(self.features, self.coefficients, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    @classmethod
    def load(cls, signals: Iterable[str], path: Path = LINKER_FILE, language: str | None = None) -> Linker:
        """The linker trained for exactly these signals: the language's own (``KEY@fr``) where there is one."""
        key = signal_key(signals)
        models = json.loads(Path(path).read_text())["models"]
        key = f"{key}@{language}" if f"{key}@{language}" in models else key
        if key not in models:
            raise KeyError(f"{path} has no linker for signals {key!r} (it has {', '.join(models)})")
        model = models[key]
        return cls(tuple(model["features"]), tuple(model["coefficients"]), model["intercept"], model["threshold"])

    def as_dict(self) -> dict:
        return {"features": list(self.features), "coefficients": [round(c, 6) for c in self.coefficients],
                "intercept": round(self.intercept, 6), "threshold": round(self.threshold, 4)}
