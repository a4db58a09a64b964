"""What the story clusterer knows about a document, and the features of a (document, story) pair.

A document becomes a sparse TF-IDF vector over stemmed words and word pairs (Snowball
stemmer and spaCy stop words for its language, accents folded), the same for its title,
a set of entity keys, an optional sentence embedding and an optional time. A story keeps
the sum of its members' vectors, its entity counts, its last members and its time span.
``pair_features`` compares the two, signal by signal, for the learned linker.
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise
from zlib import crc32

import numpy as np

from .. import lang

# Signals that can be switched on and off (for ablation), and the features each one adds to the
# linker. Time adds none: the labelled sets span hours, not days, so a learned time weight would be
# noise; time acts through the stream's window instead (stories close, and leave the candidates).
SIGNAL_FEATURES: dict[str, tuple[str, ...]] = {
    "tfidf": ("tfidf_centroid", "tfidf_best", "title_best", "story_size_log"),
    "entities": ("entity_share", "entity_known"),
    "embeddings": ("embedding_centroid", "embedding_best"),
    # Full articles over months (PolNeAR): entities weighted by their rarity (Trump and Clinton in every
    # article say nothing), the time since the story's first and latest members, and the body beyond the lead.
    "events": ("entity_rare", "days_since_last", "days_since_first", "body_best", "body_centroid"),
    "time": (),
}
SIGNALS = tuple(SIGNAL_FEATURES)
# The signals a stream uses unless told otherwise: all of them. ``events`` keeps a long storyline's events apart
# (bench/polnear_stories.py); the thread layer (``threads.py``) joins them again.
DEFAULT_SIGNALS = SIGNALS
RECENT_MEMBERS = 12  # members a story keeps for the best-match features
LEAD_WORDS = 50  # the words of an article's start it is compared on with its headline (``stories.lead_text``)
BODY_WORDS = 300  # words of the body (after the lead's) an article is also compared on
DAYS_CAP = 14.0  # time features saturate here
FREQUENCY_BITS = 22  # 4M document-frequency slots: 16 MB per language

Vector = dict[str, float]
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+(?:[.,]\d+)?")


@dataclass(slots=True)
class StoryDocument:
    """One article (or headline) as the stories stage sees it."""

    key: str
    text: str
    title: str = ""
    published: datetime | None = None
    outlet: str | None = None
    entities: tuple[str, ...] = ()
    embedding: np.ndarray | None = None
    body: str = ""  # the whole clean text, for near-duplicates (``text`` may be only the lead)


@dataclass(slots=True)
class DocumentVectors:
    """A document's representation at arrival (IDF as known then)."""

    terms: Vector
    title: Vector
    entities: frozenset[str]
    embedding: np.ndarray | None
    published: datetime | None
    body: Vector = field(default_factory=dict)
    entity_weights: dict[str, float] = field(default_factory=dict)  # each entity's IDF at arrival


@dataclass(slots=True)
class StoryState:
    """An open story: sums over all members and the most recent members themselves."""

    story_id: int
    centroid: Counter = field(default_factory=Counter)
    centroid_norm: float = 0.0
    centroid_square: float = 0.0  # sum of squared centroid weights, kept as members arrive
    embedding_sum: np.ndarray | None = None
    entities: Counter = field(default_factory=Counter)
    recent: deque = field(default_factory=lambda: deque(maxlen=RECENT_MEMBERS))
    size: int = 0
    last_seen: datetime | None = None
    first_seen: datetime | None = None
    body_sum: Counter = field(default_factory=Counter)
    body_square: float = 0.0

    def add(self, document: DocumentVectors) -> None:
        """Add a member; costs its own terms, not the story's (a story running for months stays cheap)."""
        centroid, square = self.centroid, self.centroid_square
        for term, weight in document.terms.items():
            old = centroid[term]
            centroid[term] = new = old + weight
            square += new * new - old * old
        self.centroid_square = square
        self.centroid_norm = math.sqrt(max(square, 0.0))
        if document.embedding is not None:
            self.embedding_sum = (document.embedding.astype(np.float32).copy() if self.embedding_sum is None
                                  else self.embedding_sum + document.embedding)
        self.entities.update(document.entities)
        self.recent.append(document)
        self.size += 1
        if document.published is not None:
            self.last_seen = max(filter(None, (self.last_seen, document.published)))
            self.first_seen = min(filter(None, (self.first_seen, document.published)))
        body, body_square = self.body_sum, self.body_square
        for term, weight in document.body.items():
            old = body[term]
            body[term] = new = old + weight
            body_square += new * new - old * old
        self.body_square = body_square

    @property
    def body_norm(self) -> float:
        return math.sqrt(max(self.body_square, 0.0))


class Vectorizer:
    """Streaming TF-IDF: document frequencies grow as documents arrive.

    Frequencies are counted in a fixed table of ``2**frequency_bits`` slots, a term's slot
    given by a stable hash (CRC-32), so memory stays the same however large the vocabulary
    grows (word pairs and new names never stop coming); a rare collision only makes a rare
    term look a little less rare.
    """

    def __init__(self, language: str = "en", frequency_bits: int = FREQUENCY_BITS):
        self.language = language
        self.stop = stop_words(language)
        self.stem = lang.stemmer(language)
        self.document_frequency = array("I", bytes(4 << frequency_bits))
        self._mask = (1 << frequency_bits) - 1
        self.documents = 0

    def __getstate__(self) -> dict:
        return {"language": self.language, "frequency": self.document_frequency, "mask": self._mask,
                "documents": self.documents}

    def __setstate__(self, state: dict) -> None:  # the stemmer and stop words are rebuilt, not pickled
        self.language = state["language"]
        self.stop, self.stem = stop_words(self.language), lang.stemmer(self.language)
        self.document_frequency, self._mask, self.documents = state["frequency"], state["mask"], state["documents"]

    def terms(self, text: str) -> Counter:
        """Stemmed words (no stop words) and adjacent word pairs, with counts."""
        words = [_fold(w.lower()) for w in _WORD.findall(text)]
        stems = [self.stem(w) for w in words if w not in self.stop and len(w) > 1]
        return Counter(stems + [f"{a} {b}" for a, b in pairwise(stems)])

    def observe(self, terms: Iterable[str]) -> None:
        self.documents += 1
        frequency, mask = self.document_frequency, self._mask
        for term in terms:
            frequency[crc32(term.encode()) & mask] += 1

    def observe_entities(self, keys: Iterable[str]) -> None:
        """Count a document's entities (in the same table, apart from words by a prefix no word has)."""
        frequency, mask = self.document_frequency, self._mask
        for key in keys:
            frequency[crc32(f"\x00{key}".encode()) & mask] += 1

    def entity_idf(self, key: str) -> float:
        seen = self.document_frequency[crc32(f"\x00{key}".encode()) & self._mask]
        return math.log((self.documents + 1) / (seen + 1))

    def idf(self, term: str) -> float:
        seen = self.document_frequency[crc32(term.encode()) & self._mask]
        return math.log((self.documents + 1) / (seen + 1)) + 1.0

    def weigh(self, counts: Mapping[str, int]) -> Vector:
        """Unit-length sublinear TF-IDF weights."""
        weights = {t: (1.0 + math.log(c)) * self.idf(t) for t, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}


def pair_features(document: DocumentVectors, story: StoryState) -> dict[str, float]:
    """Every feature of the pair, by name (``SIGNAL_FEATURES`` picks the ones a linker uses)."""
    features = {
        "tfidf_centroid": _dot(document.terms, story.centroid) / (story.centroid_norm or 1.0),
        "tfidf_best": max(_dot(document.terms, m.terms) for m in story.recent),
        "title_best": max(_dot(document.title, m.title) for m in story.recent),
        "story_size_log": math.log(story.size),
        "entity_share": 0.0, "entity_known": 0.0,
        "embedding_centroid": 0.0, "embedding_best": 0.0,
        "entity_rare": 0.0, "days_since_last": _days(story.last_seen, document.published),
        "days_since_first": _days(story.first_seen, document.published),
        "body_best": max(_dot(document.body, m.body) for m in story.recent) if document.body else 0.0,
        "body_centroid": _dot(document.body, story.body_sum) / (story.body_norm or 1.0) if document.body else 0.0,
    }
    if document.entities and story.entities:
        shared = document.entities & story.entities.keys()
        features["entity_known"] = 1.0
        features["entity_share"] = len(shared) / len(document.entities)
        total = math.fsum(document.entity_weights.get(e, 0.0) for e in document.entities)
        if total > 0:
            features["entity_rare"] = math.fsum(document.entity_weights.get(e, 0.0) for e in shared) / total
    if document.embedding is not None and story.embedding_sum is not None:
        norm = float(np.linalg.norm(story.embedding_sum)) or 1.0
        features["embedding_centroid"] = float(story.embedding_sum @ document.embedding) / norm
        features["embedding_best"] = max(float(m.embedding @ document.embedding)
                                         for m in story.recent if m.embedding is not None)
    return features


def _days(earlier: datetime | None, later: datetime | None) -> float:
    """Days from ``earlier`` to ``later`` (0 when either is unknown), capped, in weeks."""
    if earlier is None or later is None:
        return 0.0
    return min(DAYS_CAP, max(0.0, (later - earlier).total_seconds() / 86_400)) / 7.0


def stop_words(language: str) -> frozenset[str]:
    """The language's stop words (spaCy's), accents folded (an empty set when spaCy has none)."""
    return frozenset(_fold(w.lower()) for w in lang.get(language).stop_words)


def _fold(word: str) -> str:
    return lang.fold_accents(word.replace("’", "'"))


def _dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Sparse dot product over the shared terms (found in C); ``fsum`` is exact, so the result does not
    depend on the order the intersection comes out in (which varies with the string hash seed)."""
    return math.fsum([a[t] * b[t] for t in a.keys() & b.keys()])
