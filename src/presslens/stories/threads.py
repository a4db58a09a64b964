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

import heapq
import math
from array import array
from collections import Counter, defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from zlib import crc32

import numpy as np

from ..records import Thread
from . import state

GAP_DAYS = 21.0  # a thread closes after this long without a new story
MIN_ENTITY_SHARE = 0.4  # rarity-weighted share of the smaller side's key entities that both have
MIN_SHARED = 2  # key entities with some rarity both must have
MIN_EMBEDDING = 0.45  # cosine of mean headline embeddings, when both have one
RECENT_STORIES = 6  # a thread is compared on its latest stories, so it cannot drift into everything
MIN_RARITY = math.log(2.0)  # an entity in half the stories or more carries no evidence...
RARITY_FROM = 20  # ... once there are this many stories to tell (in a small store, every name still counts)
ENTITY_BITS = 21  # stories per name are counted in 2M hashed slots (8 MB), however many names the archive has
STATE_VERSION = 2  # bump when what a saved ThreadStream holds, or how it assigns, changes


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
    entity_counts: Counter = field(default_factory=Counter)  # key entities of the recent stories, with counts

    def add(self, story: ThreadStory) -> ThreadStory | None:
        """Add a story; returns the one that left the recent stories, if any."""
        dropped = self.recent[0] if len(self.recent) == self.recent.maxlen else None
        if dropped is not None:
            self.entity_counts.subtract(set(dropped.entities))
            self.entity_counts += Counter()  # drop names no recent story has
        self.stories.append(replace(story, entities=(), embedding=None))  # what describing the thread needs
        self.recent.append(story)
        self.entity_counts.update(set(story.entities))
        if story.last_seen is not None:
            self.last_seen = max(filter(None, (self.last_seen, story.last_seen)))
        return dropped

    def entities(self) -> set[str]:
        return set(self.entity_counts)

    def embedding(self) -> np.ndarray | None:
        vectors = [s.embedding for s in self.recent if s.embedding is not None]
        return np.mean(vectors, axis=0) if vectors else None


class ThreadStream:
    """Assigns stories to threads one at a time, in order of their first day.

    Candidates come from an inverted index (key entity -> open threads whose recent stories name it), so a story
    is scored only against threads that share at least ``MIN_SHARED`` of its names, not against every open one.
    """

    def __init__(self, gap_days: float = GAP_DAYS) -> None:
        self.gap_days = gap_days
        self.open: dict[str, _OpenThread] = {}
        self.closed: list[_OpenThread] = []
        self.entity_stories = array("I", bytes(4 << ENTITY_BITS))  # stories naming each name, by CRC-32 slot
        self._mask = (1 << ENTITY_BITS) - 1
        self.seen = 0
        self._index: dict[str, set[str]] = defaultdict(set)
        self._opened: dict[str, int] = {}  # open thread's key -> when it opened (ties go to the earliest)
        self._opens = 0  # threads opened so far
        self._closing: list[tuple[date, str]] = []  # (last seen, key) of open threads, soonest to close first

    def add(self, story: ThreadStory) -> str:
        """Place the next story; returns its thread's key (the key of the thread's first story)."""
        self._close_before(story.first_seen)
        self.seen += 1
        for entity in set(story.entities):
            self.entity_stories[self._slot(entity)] += 1
        best, best_score = None, 0.0
        weights: dict[str, float] = {}  # each name's rarity, computed once for this story
        for thread in self.candidates(story):
            score = self.similarity(story, thread, weights)
            if score is not None and score > best_score:
                best, best_score = thread, score
        if best is None:
            best = self.open[story.story_id] = _OpenThread(story.story_id, story.last_seen)
            self._opened[story.story_id] = self._opens
            self._opens += 1
        dropped = best.add(story)
        if best.last_seen is not None:
            heapq.heappush(self._closing, (best.last_seen, best.key))
        if dropped is not None:
            for entity in set(dropped.entities) - best.entity_counts.keys():
                self._unindex(entity, best.key)
        for entity in set(story.entities):
            self._index[entity].add(best.key)
        return best.key

    def candidates(self, story: ThreadStory) -> list[_OpenThread]:
        """Open threads sharing at least ``MIN_SHARED`` of the story's entities that carry evidence, oldest first."""
        hits: Counter = Counter()
        for entity in set(story.entities):
            if self.rarity(entity) > 0:
                hits.update(self._index.get(entity, ()))
        keys = sorted((k for k, n in hits.items() if n >= MIN_SHARED), key=self._opened.__getitem__)
        return [self.open[k] for k in keys]

    def similarity(self, story: ThreadStory, thread: _OpenThread, weights: dict[str, float] | None = None
                   ) -> float | None:
        """The story's evidence for the thread, or None below a bar: the rarity-weighted share of their shared
        entities (of the smaller side: a story naming many places of its own still joins), at least
        ``MIN_SHARED`` of them, plus the cosine of their mean embeddings; ``weights`` caches rarities."""
        weights = {} if weights is None else weights
        for entity in set(story.entities).union(thread.entity_counts) - weights.keys():
            weights[entity] = self.rarity(entity)
        own = {e: weights[e] for e in set(story.entities)}
        theirs = {e: weights[e] for e in thread.entity_counts}
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
        return max(0.0, math.log(self.seen / max(self.entity_stories[self._slot(entity)], 1)) - floor)

    def _slot(self, entity: str) -> int:
        return crc32(entity.encode()) & self._mask

    def dumps(self) -> bytes:
        """This stream without its closed threads (they are stored, and never change), to resume from."""
        closed, self.closed = self.closed, []
        try:
            return state.pack(STATE_VERSION, self)
        finally:
            self.closed = closed

    @staticmethod
    def loads(data: bytes) -> ThreadStream:
        """A stream saved by ``dumps`` (ValueError if another version of this module saved it)."""
        return state.unpack(data, STATE_VERSION, "thread")

    def threads(self) -> list[_OpenThread]:
        """Every thread so far, closed and open, in order of their first story."""
        return self.closed + list(self.open.values())

    def _close_before(self, day: date | None) -> None:
        if day is None:
            return
        while self._closing and (day - self._closing[0][0]).days > self.gap_days:
            last_seen, key = heapq.heappop(self._closing)
            thread = self.open.get(key)
            if thread is None or thread.last_seen != last_seen:  # closed already, or seen again since
                continue
            del self.open[key]
            for entity in thread.entity_counts:
                self._unindex(entity, key)
            del self._opened[key]
            self.closed.append(thread)

    def _unindex(self, entity: str, key: str) -> None:
        members = self._index.get(entity)
        if members is not None:
            members.discard(key)
            if not members:
                del self._index[entity]


def assign_threads(stories: Sequence[ThreadStory], gap_days: float = GAP_DAYS) -> list[Thread]:
    """Threads of two or more stories, biggest first; stories stream by first day (undated last), then id."""
    return extend_threads(ThreadStream(gap_days), stories).threads


@dataclass
class ThreadRun:
    """What ``extend_threads`` did: the threads of two or more stories that it holds (biggest first), and the
    stream saved before the first story seen on or after the day asked, with the ids of its open threads."""

    threads: list[Thread]
    snapshot: bytes | None = None
    open_at_snapshot: tuple[str, ...] = ()


def extend_threads(stream: ThreadStream, stories: Sequence[ThreadStory], snapshot_from: date | None = None
                   ) -> ThreadRun:
    """Stream ``stories`` by first day (undated last), then id; with ``snapshot_from``, save the stream before
    the first story first seen on or after that day (or undated), or at the end."""
    run = ThreadRun([])
    for story in sorted(stories, key=lambda s: (s.first_seen is None, s.first_seen or date.min, s.story_id)):
        if snapshot_from is not None and run.snapshot is None and (story.first_seen is None
                                                                   or story.first_seen >= snapshot_from):
            run.snapshot, run.open_at_snapshot = stream.dumps(), tuple(stream.open)
        stream.add(story)
    if snapshot_from is not None and run.snapshot is None:
        run.snapshot, run.open_at_snapshot = stream.dumps(), tuple(stream.open)
    run.threads = [_describe(t.stories) for t in stream.threads() if len(t.stories) >= 2]
    run.threads.sort(key=lambda t: (-len(t.story_ids), -(t.last_seen.toordinal() if t.last_seen else 0),
                                    t.thread_id))
    return run


def _describe(stories: Sequence[ThreadStory]) -> Thread:
    """A thread's record: its biggest story's title (the earliest on a tie), stories in time order."""
    title = max(stories, key=lambda s: (s.size, -stories.index(s))).title
    first = [s.first_seen for s in stories if s.first_seen is not None]
    last = [s.last_seen for s in stories if s.last_seen is not None]
    return Thread(stories[0].story_id, title, [s.story_id for s in stories],
                  sorted({o for s in stories for o in s.outlets}), sum(s.size for s in stories),
                  min(first, default=None), max(last, default=None))
