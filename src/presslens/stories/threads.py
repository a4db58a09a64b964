"""Threads: running storylines above the stories (events of days), the slower second layer.

A thread groups stories that follow one another about the same people and things ("Clinton's email server":
the disclosure, the inspector general's report, the FBI's decision), as Event Registry groups events into
stories. Stories stream in order of their first day. Each is compared with the open threads: the share of the
key entities it shares with the thread's recent stories (weighted by their rarity among the stories seen so far,
of the smaller side's; names in every story weigh nothing), and the cosine of their mean headline embeddings. It
joins the best thread that passes both bars and opens one otherwise. A thread closes when no story has joined it for
``gap_days``, so state is bounded by that window. Same stories in the same order: same threads.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from ..records import Thread

GAP_DAYS = 21.0  # a thread closes after this long without a new story
MIN_ENTITY_SHARE = 0.4  # rarity-weighted share of the smaller side's key entities that both have
MIN_SHARED = 2  # key entities with some rarity both must have
MIN_EMBEDDING = 0.45  # cosine of mean headline embeddings, when both have one
RECENT_STORIES = 6  # a thread is compared on its latest stories, so it cannot drift into everything
MIN_RARITY = math.log(2.0)  # an entity in half the stories or more carries no evidence...
RARITY_FROM = 20  # ... once there are this many stories to tell (in a small store, every name still counts)


@dataclass(frozen=True, slots=True)
class ThreadStory:
    """A stored story as the thread layer sees it."""

    story_id: str
    title: str
    size: int
    first_seen: date | None
    last_seen: date | None
    outlets: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()  # its key entities: named in at least a third of its articles
    embedding: np.ndarray | None = None  # mean of its articles' headline embeddings


@dataclass(slots=True)
class _OpenThread:
    key: str
    last_seen: date | None
    stories: list[ThreadStory] = field(default_factory=list)
    recent: deque = field(default_factory=lambda: deque(maxlen=RECENT_STORIES))

    def add(self, story: ThreadStory) -> None:
        self.stories.append(story)
        self.recent.append(story)
        if story.last_seen is not None:
            self.last_seen = max(filter(None, (self.last_seen, story.last_seen)))

    def entities(self) -> set[str]:
        return set().union(*(s.entities for s in self.recent))

    def embedding(self) -> np.ndarray | None:
        vectors = [s.embedding for s in self.recent if s.embedding is not None]
        return np.mean(vectors, axis=0) if vectors else None


class ThreadStream:
    """Assigns stories to threads one at a time, in order of their first day."""

    def __init__(self, gap_days: float = GAP_DAYS) -> None:
        self.gap_days = gap_days
        self.open: dict[str, _OpenThread] = {}
        self.closed: list[_OpenThread] = []
        self.entity_stories: Counter = Counter()
        self.seen = 0

    def add(self, story: ThreadStory) -> str:
        """Place the next story; returns its thread's key (the key of the thread's first story)."""
        self._close_before(story.first_seen)
        self.seen += 1
        self.entity_stories.update(set(story.entities))
        best, best_score = None, 0.0
        for thread in self.open.values():
            score = self.similarity(story, thread)
            if score is not None and score > best_score:
                best, best_score = thread, score
        if best is None:
            best = self.open[story.story_id] = _OpenThread(story.story_id, story.last_seen)
        best.add(story)
        return best.key

    def similarity(self, story: ThreadStory, thread: _OpenThread) -> float | None:
        """The story's evidence for the thread, or None below a bar: the rarity-weighted share of their shared
        entities (of the smaller side: a story naming many places of its own still joins), at least
        ``MIN_SHARED`` of them, plus the cosine of their mean embeddings."""
        own = {e: self.rarity(e) for e in set(story.entities)}
        theirs = {e: self.rarity(e) for e in thread.entities()}
        shared = [w for e, w in own.items() if w > 0 and e in theirs]
        smaller = min(sum(own.values()), sum(theirs.values()))
        if len(shared) < MIN_SHARED or smaller <= 0:
            return None
        share = sum(shared) / smaller
        if share < MIN_ENTITY_SHARE:
            return None
        centre = thread.embedding()
        if story.embedding is None or centre is None:
            return share
        cosine = float(story.embedding @ centre / ((np.linalg.norm(story.embedding) * np.linalg.norm(centre)) or 1.0))
        return None if cosine < MIN_EMBEDDING else share + cosine

    def rarity(self, entity: str) -> float:
        """log(stories seen / stories naming it), less the floor: 0 for a name in half the stories or more (or in
        every story, while there are fewer than ``RARITY_FROM``)."""
        floor = MIN_RARITY if self.seen >= RARITY_FROM else 0.0
        return max(0.0, math.log(self.seen / max(self.entity_stories[entity], 1)) - floor)

    def threads(self) -> list[_OpenThread]:
        """Every thread so far, closed and open, in order of their first story."""
        return self.closed + list(self.open.values())

    def _close_before(self, day: date | None) -> None:
        if day is None:
            return
        for key in [k for k, t in self.open.items()
                    if t.last_seen is not None and (day - t.last_seen).days > self.gap_days]:
            self.closed.append(self.open.pop(key))


def assign_threads(stories: Sequence[ThreadStory], gap_days: float = GAP_DAYS) -> list[Thread]:
    """Threads of two or more stories, biggest first; stories stream by first day (undated last), then id."""
    stream = ThreadStream(gap_days)
    for story in sorted(stories, key=lambda s: (s.first_seen is None, s.first_seen or date.min, s.story_id)):
        stream.add(story)
    threads = [_describe(t.stories) for t in stream.threads() if len(t.stories) >= 2]
    threads.sort(key=lambda t: (-len(t.story_ids), -(t.last_seen.toordinal() if t.last_seen else 0), t.thread_id))
    return threads


def _describe(stories: Sequence[ThreadStory]) -> Thread:
    """A thread's record: its biggest story's title (the earliest on a tie), stories in time order."""
    title = max(stories, key=lambda s: (s.size, -stories.index(s))).title
    first = [s.first_seen for s in stories if s.first_seen is not None]
    last = [s.last_seen for s in stories if s.last_seen is not None]
    return Thread(stories[0].story_id, title, [s.story_id for s in stories],
                  sorted({o for s in stories for o in s.outlets}), sum(s.size for s in stories),
                  min(first, default=None), max(last, default=None))
