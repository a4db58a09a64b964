"""Thread rows: what the thread layer reads of the stored stories, and the threads it found."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from sqlalchemy import Connection, delete, func, or_, select

from ..records import Thread
from .engine import LOCK_STORIES, advisory_lock
from .models import ArticleVectorRow, MentionRow, StoryLinkRow, StoryRow, StoryThreadRow, ThreadRow, ThreadStateRow
from .stories import STORY_ENTITY_KINDS, StorySummary, span_dict, story_summaries

KEY_ENTITY_SHARE = 1 / 3  # a story's key entities are named in at least this share of its articles


@dataclass(frozen=True, slots=True)
class ThreadSummary:
    """A stored thread; ``stories`` is filled for a single thread, in time order."""

    thread_id: str
    title: str
    size: int  # stories
    articles: int
    outlets: list[str]
    first_seen: date | None
    last_seen: date | None
    stories: list[StorySummary] = field(default_factory=list)

    def as_dict(self) -> dict:
        return span_dict(self, "stories", "stories")


@dataclass(frozen=True, slots=True)
class StoryProfile:
    """What the thread layer reads of one stored story."""

    story_id: str
    title: str
    size: int
    first_seen: date | None
    last_seen: date | None
    outlets: tuple[str, ...]
    entities: tuple[str, ...]
    embedding: np.ndarray | None


@dataclass(frozen=True, slots=True)
class ThreadCheckpoint:
    """The thread layer's saved stream: it holds every story first seen before ``since``; it was saved for the
    story stream that resumes from ``story_day``; ``open_threads`` are the ids of its open threads."""

    fingerprint: str
    story_day: date
    since: date
    open_threads: tuple[str, ...]
    state: bytes


def story_profiles(conn: Connection, vector_model: str, since: date | None = None) -> Iterator[StoryProfile]:
    """Every stored story (or, with ``since``, those first seen on or after it, and undated ones) with its key
    entities and the mean of its articles' headline embeddings."""
    wanted = select(StoryRow.id)
    if since is not None:
        wanted = wanted.where(or_(StoryRow.first_seen >= since, StoryRow.first_seen.is_(None)))
    named: dict[str, Counter] = defaultdict(Counter)
    mentions = (select(StoryLinkRow.story_id, MentionRow.article_id, MentionRow.entity_id).distinct()
                .join(MentionRow, MentionRow.article_id == StoryLinkRow.article_id)
                .where(MentionRow.kind.in_(STORY_ENTITY_KINDS), MentionRow.entity_id.is_not(None)))
    if since is not None:
        mentions = mentions.where(StoryLinkRow.story_id.in_(wanted))
    for story_id, _, entity_id in conn.execute(mentions):
        named[story_id][entity_id] += 1
    vectors: dict[str, list[np.ndarray]] = defaultdict(list)
    embedded = (select(StoryLinkRow.story_id, ArticleVectorRow.vector)
                .join(ArticleVectorRow, ArticleVectorRow.article_id == StoryLinkRow.article_id)
                .where(ArticleVectorRow.model == vector_model))
    if since is not None:
        embedded = embedded.where(StoryLinkRow.story_id.in_(wanted))
    for story_id, vector in conn.execute(embedded):
        vectors[story_id].append(np.frombuffer(vector, dtype=np.float32))
    rows = conn.execute(select(StoryRow.id, StoryRow.title, StoryRow.size, StoryRow.first_seen, StoryRow.last_seen,
                               StoryRow.outlets).where(StoryRow.id.in_(wanted)).order_by(StoryRow.id))
    for row in rows:
        counts = named.get(row.id, Counter())
        key = tuple(sorted(e for e, n in counts.items() if n >= KEY_ENTITY_SHARE * row.size))
        found = vectors.get(row.id)
        yield StoryProfile(row.id, row.title, row.size, row.first_seen, row.last_seen, tuple(json.loads(row.outlets)),
                           key, np.mean(found, axis=0) if found else None)


def thread_checkpoint(conn: Connection) -> ThreadCheckpoint | None:
    row = conn.execute(select(ThreadStateRow.__table__).where(ThreadStateRow.id == 1)).one_or_none()
    return None if row is None else ThreadCheckpoint(row.fingerprint, row.story_day, row.since,
                                                     tuple(json.loads(row.open_threads)), row.state)


def earliest_story_seen_since(conn: Connection, day: date) -> date | None:
    """The first day of the earliest story that has an article on or after ``day`` (None when there is none)."""
    return conn.scalar(select(func.min(StoryRow.first_seen)).where(StoryRow.last_seen >= day))


def replace_threads(conn: Connection, threads: Sequence[Thread], checkpoint: ThreadCheckpoint | None = None) -> None:
    """Swap every thread for these, and the saved thread stream for ``checkpoint`` (in the caller's
    transaction)."""
    advisory_lock(conn, LOCK_STORIES)
    conn.execute(delete(StoryThreadRow))
    conn.execute(delete(ThreadRow))
    _insert_threads(conn, threads, checkpoint)


def resume_threads(conn: Connection, since: date, reopened: Sequence[str], threads: Sequence[Thread],
                   checkpoint: ThreadCheckpoint | None) -> None:
    """Store a thread run resumed from the checkpoint of ``since``: every thread it could have changed (one seen
    on or after ``since``, undated, or open in the checkpoint: ``reopened``) is swapped for ``threads``."""
    advisory_lock(conn, LOCK_STORIES)
    stale = select(ThreadRow.id).where(or_(ThreadRow.last_seen >= since, ThreadRow.last_seen.is_(None),
                                           ThreadRow.id.in_(list(reopened))))
    stale_ids = list(conn.scalars(stale))
    for start in range(0, len(stale_ids), 500):
        chunk = stale_ids[start:start + 500]
        conn.execute(delete(StoryThreadRow).where(StoryThreadRow.thread_id.in_(chunk)))
        conn.execute(delete(ThreadRow).where(ThreadRow.id.in_(chunk)))
    _insert_threads(conn, threads, checkpoint)


def _insert_threads(conn: Connection, threads: Sequence[Thread], checkpoint: ThreadCheckpoint | None) -> None:
    conn.execute(delete(ThreadStateRow))
    if checkpoint is not None:
        conn.execute(ThreadStateRow.__table__.insert(), [{
            "id": 1, "fingerprint": checkpoint.fingerprint, "story_day": checkpoint.story_day,
            "since": checkpoint.since, "open_threads": json.dumps(list(checkpoint.open_threads)),
            "state": checkpoint.state}])
    if not threads:
        return
    conn.execute(ThreadRow.__table__.insert(), [
        {"id": t.thread_id, "title": t.title, "stories": len(t.story_ids), "articles": t.articles,
         "outlets": json.dumps(t.outlets), "first_seen": t.first_seen, "last_seen": t.last_seen} for t in threads])
    conn.execute(StoryThreadRow.__table__.insert(), [
        {"story_id": story_id, "thread_id": t.thread_id, "position": n}
        for t in threads for n, story_id in enumerate(t.story_ids)])


def thread_summaries(conn: Connection, *, thread_ids: Sequence[str] | None = None, outlet: str | None = None,
                     order: str = "size", limit: int = 50, offset: int = 0) -> list[ThreadSummary]:
    """Threads by number of stories (then recency), or by recency with ``order="recent"``."""
    query = select(ThreadRow.id, ThreadRow.title, ThreadRow.stories, ThreadRow.articles, ThreadRow.outlets,
                   ThreadRow.first_seen, ThreadRow.last_seen)
    if thread_ids is not None:
        query = query.where(ThreadRow.id.in_(list(thread_ids)))
    if outlet:
        query = query.where(ThreadRow.outlets.contains(json.dumps(outlet)))
    recency = ThreadRow.last_seen.desc().nulls_last()
    ordering = (recency, ThreadRow.stories.desc()) if order == "recent" else (ThreadRow.stories.desc(), recency)
    rows = conn.execute(query.order_by(*ordering, ThreadRow.id).limit(limit).offset(offset)).all()
    return [ThreadSummary(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5], r[6]) for r in rows]


def thread_stories(conn: Connection, thread_id: str) -> list[StorySummary]:
    """A thread's stories in time order."""
    ids = list(conn.scalars(select(StoryThreadRow.story_id).where(StoryThreadRow.thread_id == thread_id)
                            .order_by(StoryThreadRow.position)))
    found = {s.story_id: s for s in story_summaries(conn, story_ids=ids, limit=len(ids) or 1)}
    return [found[i] for i in ids if i in found]


def thread_of_story(conn: Connection, story_id: str) -> str | None:
    return conn.scalar(select(StoryThreadRow.thread_id).where(StoryThreadRow.story_id == story_id))


def threads_of_stories(conn: Connection, story_ids: Sequence[str]) -> dict[str, ThreadSummary]:
    """Each of these stories that is in a thread, with its thread's summary (no stories listed)."""
    found = dict(conn.execute(select(StoryThreadRow.story_id, StoryThreadRow.thread_id)
                              .where(StoryThreadRow.story_id.in_(list(story_ids)))).all())
    summaries = {t.thread_id: t for t in thread_summaries(conn, thread_ids=sorted(set(found.values())),
                                                           limit=len(found) or 1)}
    return {story: summaries[thread] for story, thread in found.items() if thread in summaries}
