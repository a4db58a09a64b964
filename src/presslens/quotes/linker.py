"""The learned choice of cue and source for each tagged content.

The tagger marks contents, cues and sources; which cue a content belongs to, and which
source that cue's, is a ranking: every candidate within reach gets a score from a
logistic model over features of the pair (distance, side, sentence and paragraph breaks,
what lies between, the words before a source: "in a letter to X" and "urged X" name an
addressee, never the speaker), and the best wins when it scores above the model's bar.
The weights (``model/linker.json``) are trained on PolNeAR train by
``scripts/train_quote_linker.py``; plain numpy at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .. import lang
from ..lang import Language
from .tagging import TaggedSpan

Span = tuple[int, int]
LINKER_FILE = Path(__file__).parent / "model" / "linker.json"
CUE_REACH = 400  # characters (paragraph breaks counted as in ``linking``)
SOURCE_REACH = 250

_WORD = re.compile(r"[\w’'.-]+")
_PRONOUNS = {"he", "she", "they", "i", "we", "it", "you"}
_RELATIVES = {"who", "which", "that", "whom", "whose"}
_POSSESSIVES = {"his", "her", "their", "its", "my", "our"}
# Words before a mention that make it the one spoken or written to, not the speaker ("urged X", "told X").
_ADDRESSEE_VERBS = {"urged", "urging", "urge", "urges", "asked", "asking", "ask", "asks", "told", "telling", "tell",
                    "tells", "pressed", "pressing", "thanked", "invited", "warned", "warning", "on", "wrote", "letter",
                    "against", "with"}
_SPEECH_VERBS = {"said", "says", "say", "told", "tells", "according", "added", "adds", "wrote", "writes", "stated",
                 "explained", "noted", "argued", "claimed", "asked", "replied", "insisted", "announced", "tweeted"}


def _gap(a: Span, b: Span) -> Span:
    return (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside(inner: Span, outer: Span) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _count_within(spans: Sequence[Span], low: int, high: int) -> int:
    return sum(1 for s in spans if low <= s[0] and s[1] <= high)


def _words(text: str, span: Span) -> list[str]:
    return [w.lower().strip(".") for w in _WORD.findall(text[span[0]:span[1]])]


class Layout:
    """One text's tagged spans by layer, their scores, and its sentence and paragraph breaks."""

    def __init__(self, text: str, spans: Iterable[TaggedSpan], language: Language):
        self.text = text
        self.rule = language.quote_sentence
        self.layers: dict[str, list[Span]] = {"content": [], "source": [], "cue": []}
        self.scores: dict[tuple[str, Span], float] = {}
        for span in spans:
            self.layers[span.layer].append((span.start, span.end))
            self.scores[(span.layer, (span.start, span.end))] = span.score
        for layer in self.layers.values():
            layer.sort()

    def sentences(self, low: int, high: int) -> float:
        return float(high > low and lang.has_sentence_break(self.text[low:high], self.rule))

    def paragraphs(self, low: int, high: int) -> float:
        return float(self.text.count("\n", low, high) > 0)

    def score(self, layer: str, span: Span) -> float:
        return self.scores.get((layer, span), 1.0)


def cue_features(layout: Layout, content: Span, cue: Span, rank: int, prior: float) -> list[float]:
    """Features of ``cue`` as the cue of ``content`` (``prior``: how often the cue's first word was a cue)."""
    text = layout.text
    inside = _inside(cue, content)
    low, high = _gap(content, cue) if not inside else (cue[0], cue[0])
    gap_text = text[low:high]
    words = _words(text, cue)
    before = cue[1] <= content[0]
    others = [c for c in layout.layers["content"] if c != content]
    return [
        float(inside),
        float(before),
        math.log1p(high - low),
        layout.sentences(low, high),
        layout.paragraphs(low, high),
        float(_count_within(others, low, high) > 0),
        float(_count_within(layout.layers["cue"], low, high)),
        float(gap_text.strip() in ("", ",", ":", "\u2014", "-", "--")),
        float(":" in gap_text and before),
        float(bool(words) and words[0] in _SPEECH_VERBS),
        float(len(words)),
        float(rank == 0),
        float(rank),
        float(text[content[0]:content[0] + 1] in "\"“'‘«"),
        layout.score("cue", cue),
        layout.score("content", content),
        prior,
    ]


def source_features(layout: Layout, anchor: Span, content: Span, source: Span, rank: int) -> list[float]:
    """Features of ``source`` as the speaker of the attribution whose cue (or content) is ``anchor``."""
    text = layout.text
    low, high = _gap(anchor, source)
    words = _words(text, source)
    first = words[0] if words else ""
    preceding = _words(text, (max(0, source[0] - 30), source[0]))[-2:]
    before = source[1] <= anchor[0]
    return [
        float(before),
        math.log1p(max(high - low, 0)),
        float(not text[low:high].strip(" ,")),
        layout.sentences(low, high),
        layout.paragraphs(low, high),
        float(_inside(source, content)),
        float(_count_within([content], low, high) > 0),
        float(_count_within(layout.layers["cue"], low, high)),
        float(_count_within(layout.layers["source"], low, high)),
        float(len(words) == 1 and first in _PRONOUNS),
        float(len(words) == 1 and first in _RELATIVES),
        float(first in _POSSESSIVES),
        float(text[source[0]:source[0] + 1].isupper()),
        math.log1p(len(words)),
        float("," in text[source[0]:source[1]]),
        float(bool(preceding) and preceding[-1] in _ADDRESSEE_VERBS),
        float(preceding[-1:] == ["to"] and preceding[:1] != ["according"]),
        float(preceding == ["according", "to"]),
        float(any(_inside(source, c) for c in layout.layers["content"] if c != content)),
        float(text[source[1]:source[1] + 3].startswith(("'s", "’s"))),
        float(rank == 0),
        float(rank),
        layout.score("source", source),
        float(anchor == content),
    ]


def cue_key(text: str, cue: Span) -> str:
    """What the cue prior is kept under: the cue's first word, lower case."""
    words = _words(text, cue)
    return words[0] if words else ""


@dataclass(frozen=True, slots=True)
class _Scorer:
    """One logistic model: standardisation, weights, and the bar a best candidate must clear."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    bar: float

    @classmethod
    def from_json(cls, data: dict) -> _Scorer:
        return cls(np.array(data["mean"]), np.array(data["scale"]), np.array(data["weights"]), float(data["bias"]),
                   float(data["bar"]))

    def best(self, rows: Sequence[list[float]]) -> tuple[int | None, float]:
        """Index of the highest-scoring row if its probability clears the bar, and that probability."""
        if not rows:
            return None, 0.0
        z = ((np.asarray(rows) - self.mean) / self.scale) @ self.weights + self.bias
        i = int(np.argmax(z))
        p = 1.0 / (1.0 + math.exp(-float(z[i])))
        return (i if p >= self.bar else None), p


@dataclass(frozen=True, slots=True)
class Linker:
    """Chooses each content's cue and each cue's source among the tagged spans."""

    cue: _Scorer
    source: _Scorer
    cue_priors: dict[str, float]
    default_prior: float
    version: str

    @classmethod
    def load(cls, path: Path = LINKER_FILE) -> Linker:
        data = json.loads(Path(path).read_text())
        return cls(_Scorer.from_json(data["cue"]), _Scorer.from_json(data["source"]), data["cue_priors"],
                   float(data["default_prior"]), data["version"])

    def prior(self, text: str, cue: Span) -> float:
        return self.cue_priors.get(cue_key(text, cue), self.default_prior)

    def pick_cue(self, layout: Layout, content: Span, candidates: Sequence[Span]) -> Span | None:
        rows = [cue_features(layout, content, c, rank, self.prior(layout.text, c))
                for rank, c in enumerate(candidates)]
        index, _ = self.cue.best(rows)
        return candidates[index] if index is not None else None

    def pick_source(self, layout: Layout, anchor: Span, content: Span, candidates: Sequence[Span]) -> Span | None:
        rows = [source_features(layout, anchor, content, s, rank) for rank, s in enumerate(candidates)]
        index, _ = self.source.best(rows)
        return candidates[index] if index is not None else None


@lru_cache(maxsize=2)
def default_linker(path: Path = LINKER_FILE) -> Linker | None:
    """The committed linker, or None when its file is missing (the nearest-span rules then choose)."""
    return Linker.load(path) if Path(path).exists() else None
