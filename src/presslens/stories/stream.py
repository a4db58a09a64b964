"""Streaming story clustering: one pass, arrival order, no number of stories given.

Each document is compared with the open stories that an inverted index (its rarest
terms) and a centroid index (nearest story centroids: exact, or a faiss inverted file
(IVF) past ``exact_limit`` open stories; ``centroids.py``) propose. A learned linker
(``linker.py``: logistic regression on the pair features of ``features.py``, after
Miranda et al. 2018) gives the probability that the document belongs to each; the
document joins the most probable story when that probability reaches the linker's
threshold, and opens a new story otherwise. With dates and the ``time`` signal, a story that
has seen nothing for ``window_days`` (counted from the newest date seen) closes and is
forgotten, so memory is bounded by the window. Same documents in the same order: same stories.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from .centroids import EXACT_LIMIT, CentroidIndex
from .features import (
    BODY_WORDS,
    DEFAULT_SIGNALS,
    LEAD_WORDS,
    SIGNALS,
    DocumentVectors,
    StoryDocument,
    StoryState,
    Vectorizer,
    pair_features,
)
from .linker import Linker

SPAN_DAYS = 4.0  # a story takes no article published more than this after its first one (labelled events: <= 4)


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where a document went: an existing story (with the linker's probability) or a new one."""

    story_id: int
    new: bool
    probability: float | None = None


class StreamClusterer:
    """Assigns documents to stories one at a time, deterministically."""

    def __init__(self, language: str = "en", linker: Linker | None = None, signals: Iterable[str] = DEFAULT_SIGNALS,
                 window_days: float = 7.0, candidate_terms: int = 8, candidate_embeddings: int = 8,
                 exact_limit: int = EXACT_LIMIT, span_days: float = SPAN_DAYS):
        self.signals = tuple(s for s in SIGNALS if s in set(signals))
        self.linker = linker or Linker.load(self.signals, language=language)
        # The events features (time, body) say nothing of an undated document: it is linked without them.
        undated = tuple(s for s in self.signals if s != "events")
        self.undated_linker = (self.linker if linker is not None or undated == self.signals
                               else Linker.load(undated, language=language))
        self.vectorizer = Vectorizer(language)
        self.window = timedelta(days=window_days)
        self.span = timedelta(days=span_days)
        self.candidate_terms = candidate_terms
        self.candidate_embeddings = candidate_embeddings
        self.stories: dict[int, StoryState] = {}  # open stories only
        self.next_story_id = 0
        self._term_index: dict[str, set[int]] = defaultdict(set)
        self._embeddings = CentroidIndex(exact_limit=exact_limit)
        self._closing: list[tuple[datetime, int]] = []
        self._newest: datetime | None = None

    def add(self, document: StoryDocument, follow: int | None = None) -> Assignment:
        """Place the next document; ``follow`` names a story it must join while that story is open (a copy's)."""
        vectors = self.vectorize(document)
        if follow is not None and follow in self.stories:
            return Assignment(self.place(vectors, follow), False, 1.0)
        linker = self.linker if vectors.published is not None else self.undated_linker
        best, best_probability = None, -1.0
        for story_id in self.candidates(vectors):
            probability = linker.probability(pair_features(vectors, self.stories[story_id]))
            if probability > best_probability:
                best, best_probability = story_id, probability
        if best is not None and best_probability >= linker.threshold:
            self.place(vectors, best)
            return Assignment(best, False, best_probability)
        return Assignment(self.place(vectors), True)

    def vectorize(self, document: StoryDocument) -> DocumentVectors:
        """The document's vectors, IDF as known after it arrives; with ``time``, closes stories it leaves behind."""
        counts = self.vectorizer.terms(document.text)
        title_counts = self.vectorizer.terms(document.title) if document.title else counts
        self.vectorizer.observe(counts.keys())
        use = set(self.signals)
        if "time" in use:
            self._close_before(document.published)
        entities = frozenset(document.entities) if "entities" in use else frozenset()
        body: dict[str, float] = {}
        weights: dict[str, float] = {}
        if "events" in use:
            self.vectorizer.observe_entities(entities)
            weights = {e: self.vectorizer.entity_idf(e) for e in entities}
            body = self.vectorizer.weigh(self.vectorizer.terms(_body_words(document)))
        return DocumentVectors(
            terms=self.vectorizer.weigh(counts),
            title=self.vectorizer.weigh(title_counts),
            entities=entities,
            embedding=document.embedding if "embeddings" in use else None,
            published=document.published if "time" in use or "events" in use else None,
            body=body, entity_weights=weights)

    def candidates(self, vectors: DocumentVectors) -> list[int]:
        """Open stories worth scoring, in id order; with ``events`` and dates, only stories that began at most
        ``span_days`` before the document (an event rarely runs longer; a later development opens a story of its
        own)."""
        known = [t for t in vectors.terms if self._term_index.get(t)]
        rare = sorted(known, key=lambda t: (-self.vectorizer.idf(t), t))[: self.candidate_terms]
        found = set().union(*(self._term_index[t] for t in rare)) if rare else set()
        if vectors.embedding is not None:
            found |= self._embeddings.nearest(vectors.embedding, self.candidate_embeddings)
        if vectors.published is not None and "events" in self.signals:
            found = {s for s in found if self.stories[s].first_seen is None
                     or vectors.published - self.stories[s].first_seen <= self.span}
        return sorted(found)

    def place(self, vectors: DocumentVectors, story_id: int | None = None) -> int:
        """Add the document to a story (a new one when ``story_id`` is None or closed)."""
        story = self.stories.get(story_id) if story_id is not None else None
        if story is None:
            story = StoryState(self.next_story_id)
            self.next_story_id += 1
            self.stories[story.story_id] = story
        story.add(vectors)
        for term in vectors.terms:
            self._term_index[term].add(story.story_id)
        if story.embedding_sum is not None:
            self._embeddings.put(story.story_id, story.embedding_sum)
        if story.last_seen is not None:
            heapq.heappush(self._closing, (story.last_seen, story.story_id))
        return story.story_id

    def _close_before(self, published: datetime | None) -> None:
        if published is None:
            return
        self._newest = max(filter(None, (self._newest, published)))
        cutoff = self._newest - self.window
        while self._closing and self._closing[0][0] < cutoff:
            last_seen, story_id = heapq.heappop(self._closing)
            story = self.stories.get(story_id)
            if story is not None and story.last_seen == last_seen:
                self._close(story)

    def _close(self, story: StoryState) -> None:
        for term in story.centroid:
            members = self._term_index.get(term)
            if members is not None:
                members.discard(story.story_id)
                if not members:
                    del self._term_index[term]
        self._embeddings.remove(story.story_id)
        del self.stories[story.story_id]


def _body_words(document: StoryDocument) -> str:
    """The body's words after the lead, up to ``BODY_WORDS`` (the lead is compared on its own)."""
    words = (document.body or document.text).split()
    return " ".join(words[LEAD_WORDS:LEAD_WORDS + BODY_WORDS] or words[:BODY_WORDS])
