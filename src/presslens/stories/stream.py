"""Streaming story clustering, first version: one pass, arrival order, no number of stories.

Each document is a TF-IDF vector over word unigrams and bigrams (document
frequencies grow as documents arrive; stop words come from spaCy's word list for the
language, so no model is needed). A document joins the most similar open story when
the cosine similarity to the story's summed vector reaches ``threshold``; otherwise it
opens a new story. Candidate stories come from an inverted index over the document's
rarest terms, so the cost per document does not grow with the number of stories. With
dates, a story that has seen nothing for ``window_days`` closes and leaves the index.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module
from itertools import pairwise

import numpy as np

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def stop_words(language: str) -> frozenset[str]:
    """spaCy's stop words for a language (an empty set when spaCy has none)."""
    try:
        return frozenset(import_module(f"spacy.lang.{language}.stop_words").STOP_WORDS)
    except ModuleNotFoundError:
        return frozenset()


@dataclass
class _Story:
    story_id: int
    terms: Counter = field(default_factory=Counter)
    size: int = 0
    last_seen: date | None = None
    embedding: np.ndarray | None = None  # sum of member embeddings


class StreamClusterer:
    """Assigns documents to stories one at a time, deterministically."""

    def __init__(self, language: str = "en", threshold: float = 0.3, window_days: int = 7, candidate_terms: int = 8,
                 embedding_weight: float = 0.0):
        self.stop = stop_words(language)
        self.threshold = threshold
        self.embedding_weight = embedding_weight
        self.window_days = window_days
        self.candidate_terms = candidate_terms
        self.document_frequency: Counter = Counter()
        self.documents = 0
        self.stories: dict[int, _Story] = {}
        self.index: dict[str, set[int]] = defaultdict(set)
        self._open: set[int] = set()

    def terms(self, text: str) -> Counter:
        words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
        words = [w for w in words if w not in self.stop and len(w) > 1]
        return Counter(words + [f"{a} {b}" for a, b in pairwise(words)])

    def add(self, text: str, when: date | None = None, embedding: np.ndarray | None = None) -> int:
        """The story id for the next document (a new id opens a new story).

        With an embedding (unit length), similarity mixes TF-IDF cosine and embedding cosine
        by ``embedding_weight``, and stories close in embedding space are candidates too.
        """
        terms = self.terms(text)
        self.documents += 1
        self.document_frequency.update(terms.keys())
        self._close_old(when)
        use_embedding = embedding is not None and self.embedding_weight > 0
        candidates = self._candidates(terms) | (self._embedding_candidates(embedding) if use_embedding else set())
        best, best_score = None, self.threshold
        for story_id in sorted(candidates):
            story = self.stories[story_id]
            score = self._cosine(terms, story.terms)
            if use_embedding and story.embedding is not None:
                similarity = float(story.embedding @ embedding / (np.linalg.norm(story.embedding) or 1.0))
                score = (1 - self.embedding_weight) * score + self.embedding_weight * similarity
            if score >= best_score:
                best, best_score = story_id, score
        story = self.stories.get(best) if best is not None else None
        if story is None:
            story = _Story(len(self.stories))
            self.stories[story.story_id] = story
        story.terms.update(terms)
        story.size += 1
        if embedding is not None:
            story.embedding = embedding.astype(np.float32) if story.embedding is None else story.embedding + embedding
        story.last_seen = max(filter(None, (story.last_seen, when)), default=None)
        for term in terms:
            self.index[term].add(story.story_id)
        self._open.add(story.story_id)
        return story.story_id

    def _idf(self, term: str) -> float:
        return math.log((self.documents + 1) / (self.document_frequency[term] + 1)) + 1.0

    def _candidates(self, terms: Counter) -> set[int]:
        known = [t for t in terms if self.index.get(t)]
        rare = sorted(known, key=lambda t: (-self._idf(t), t))[: self.candidate_terms]
        return set().union(*(self.index.get(t, set()) for t in rare)) if rare else set()

    def _embedding_candidates(self, embedding: np.ndarray, top: int = 8) -> set[int]:
        open_stories = [s for s in self.stories.values() if s.embedding is not None and s.story_id in self._open]
        if not open_stories:
            return set()
        matrix = np.array([s.embedding for s in open_stories])
        similarity = matrix @ embedding / np.maximum(np.linalg.norm(matrix, axis=1), 1e-9)
        return {open_stories[i].story_id for i in np.argsort(-similarity)[:top]}

    def _cosine(self, a: Counter, b: Counter) -> float:
        weights_a = {t: c * self._idf(t) for t, c in a.items()}
        norm_a = math.sqrt(sum(w * w for w in weights_a.values()))
        dot = sum(w * b[t] * self._idf(t) for t, w in weights_a.items() if t in b)
        if not dot:
            return 0.0
        norm_b = math.sqrt(sum((c * self._idf(t)) ** 2 for t, c in b.items()))
        return dot / (norm_a * norm_b)

    def _close_old(self, when: date | None) -> None:
        if when is None:
            return
        for story in [s for s in self.stories.values() if s.last_seen and (when - s.last_seen).days > self.window_days]:
            for term in story.terms:
                self.index[term].discard(story.story_id)
            self._open.discard(story.story_id)
            story.last_seen = None  # closed: no longer a candidate
