"""Bringing a store's stories up to date: stream its articles into stories and store them, resuming a saved
stream when it can (a window's worth of articles, however large the archive)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zlib import crc32

import numpy as np

from ..records import StoryLink
from ..settings import Settings
from ..store import Store, StoryCheckpoint, StoryInput, ThreadCheckpoint
from . import ENCODER_NAME, StoryDocument, StoryStream, StreamRun, describe_stories, encode, lead_text, threads
from .assign import STATE_VERSION as STORY_STATE_VERSION
from .linker import LINKER_FILE
from .threads import ThreadStory, ThreadStream, extend_threads

__all__ = ["StoriesUpdate", "headline_vectors", "repair_stories", "stories_fingerprint", "update_stories",
           "update_threads"]


@dataclass(frozen=True, slots=True)
class StoriesUpdate:
    """What ``update_stories`` did: stories stored now, articles streamed, and whether it resumed a saved stream."""

    stories: int
    streamed: int
    resumed: bool


def update_stories(store: Store, settings: Settings, *, from_scratch: bool = False) -> StoriesUpdate:
    """Stream the stored articles into stories and store them.

    Articles stream in publication order (undated ones last, in arrival order), so an archive ingested
    out of order still meets each story while it is open. The stream's state is saved as it was one
    window before the newest article. The next run resumes from there when no article has been added or
    removed before that day, and replays only the articles since (a window's worth, however large the
    archive); otherwise, or with ``from_scratch``, it replays everything. Either way the stories are
    those of one replay from scratch, whether articles came in one batch or many. Embeddings are
    computed once per article and kept in the store.
    """
    with store.story_update_lock():
        return _update_stories(store, settings, from_scratch)


def repair_stories(store: Store, settings: Settings) -> StoriesUpdate | None:
    """Stream the articles that are in no story (a run stopped between storing and clustering) into stories."""
    if not store.count_unlinked_articles():
        return None
    return update_stories(store, settings)


def _update_stories(store: Store, settings: Settings, from_scratch: bool) -> StoriesUpdate:
    fingerprint = stories_fingerprint(settings)
    checkpoint, stream = (None, None) if from_scratch else _saved_stream(store, fingerprint)
    stream = stream or StoryStream(settings.story_window_days)
    since = checkpoint.before if checkpoint else None
    inputs = sorted(store.story_inputs(ENCODER_NAME, since),
                    key=lambda i: (i.published is None, i.published or date.min))  # stable: arrival order
    documents = _story_documents(store, inputs)
    before = _checkpoint_day(documents, settings.story_window_days)
    snapshot_at = None
    if before is not None and (since is None or before > since):
        snapshot_at = next((n for n, d in enumerate(documents) if d.published is None or d.published.date() >= before),
                           len(documents))
    run = stream.extend(documents, [i.language or settings.default_language for i in inputs], snapshot_at=snapshot_at)
    saved = checkpoint
    if run.snapshot is not None:
        saved = StoryCheckpoint(fingerprint, before, (checkpoint.articles if checkpoint else 0) + snapshot_at,
                                run.snapshot)
    if checkpoint is None:
        store.replace_stories(describe_stories(documents, run.links, settings.default_language), run.links, saved)
    else:
        _store_resumed(store, checkpoint.before, documents, run, saved, settings.default_language)
    update_threads(store, resumed_from=since, story_day=saved.before if saved else None,
                   window_days=settings.story_window_days)
    return StoriesUpdate(store.count_stories(), len(documents), checkpoint is not None)


def update_threads(store: Store, *, resumed_from: date | None = None, story_day: date | None = None,
                   window_days: float = 7.0) -> int:
    """Group the stored stories into threads (``threads.py``) and store them; returns how many threads it wrote.

    The thread stream is saved before the earliest story that the next story run can still change (one with an
    article within a window of the story stream's saved day ``story_day``). When the story run resumed from the
    day the saved thread stream was made for (``resumed_from``), only the stories from there on are read and
    streamed again, so the cost is bounded by the window, not by the archive; otherwise every stored story is.
    Either way the threads are those of one pass over every story."""
    fingerprint = threads_fingerprint()
    saved = store.thread_checkpoint() if resumed_from is not None else None
    stream = None
    if saved is not None and saved.fingerprint == fingerprint and saved.story_day == resumed_from:
        try:
            stream = ThreadStream.loads(saved.state)
        except Exception:  # a state this code cannot read: stream every story instead
            stream = None
    since = saved.since if stream is not None else None
    profiles = store.story_profiles(ENCODER_NAME, since)
    snapshot_from = None
    if story_day is not None:
        open_from = story_day - timedelta(days=window_days)
        snapshot_from = store.earliest_story_seen_since(open_from) or open_from
        if since is not None and snapshot_from < since:  # cannot happen unless the stories went back: replay
            return update_threads(store, story_day=story_day, window_days=window_days)
    run = extend_threads(stream or ThreadStream(), [
        ThreadStory(p.story_id, p.title, p.size, p.first_seen, p.last_seen, p.outlets, p.entities, p.embedding)
        for p in profiles], snapshot_from)
    checkpoint = None if run.snapshot is None else ThreadCheckpoint(
        fingerprint, story_day, snapshot_from, run.open_at_snapshot, run.snapshot)
    if since is not None:
        store.resume_threads(since, saved.open_threads, run.threads, checkpoint)
    else:
        store.replace_threads(run.threads, checkpoint)
    return len(run.threads)


def threads_fingerprint() -> str:
    """What a saved thread stream depends on besides the stories: resumed only when this matches."""
    bars = (threads.GAP_DAYS, threads.MIN_ENTITY_SHARE, threads.MIN_SHARED, threads.MIN_EMBEDDING,
            threads.RECENT_STORIES, threads.MIN_RARITY, threads.RARITY_FROM, threads.ENTITY_BITS)
    return f"threads={threads.STATE_VERSION} bars={','.join(f'{b:g}' for b in bars)} encoder={ENCODER_NAME}"


def stories_fingerprint(settings: Settings) -> str:
    """What a saved story stream depends on besides the articles (settings, code, linker): resumed only when
    this matches."""
    linker = crc32(LINKER_FILE.read_bytes())
    return (f"state={STORY_STATE_VERSION} window={settings.story_window_days} language={settings.default_language} "
            f"encoder={ENCODER_NAME} linker={linker:08x}")


def _saved_stream(store: Store, fingerprint: str) -> tuple[StoryCheckpoint | None, StoryStream | None]:
    """The saved stream to resume, if it was saved with these settings and no article has been added or removed
    before its day since."""
    saved = store.story_checkpoint()
    if saved is None or saved[0].fingerprint != fingerprint or saved[1] != saved[0].articles:
        return None, None
    try:
        return saved[0], StoryStream.loads(saved[0].state)
    except Exception:  # a state this code cannot read: replay from scratch instead
        return None, None


def _store_resumed(store: Store, since: date, documents: Sequence[StoryDocument], run: StreamRun,
                   saved: StoryCheckpoint | None, language: str) -> None:
    """Store a resumed run: its links, and the stories they touch (now or before), described again with their
    earlier members."""
    touched = store.stories_since(since) | {link.story_id for link in run.links}
    earlier = store.earlier_story_members(sorted(touched), since)
    members = [StoryDocument(key=i.article_id, text=lead_text(i.title, i.text), title=i.title, outlet=i.outlet,
                             published=_midnight(i.published))
               for _, i in earlier] + list(documents)
    member_links = [StoryLink(i.article_id, story_id, -1) for story_id, i in earlier] + run.links
    store.resume_stories(since, describe_stories(members, member_links, language), run.links + run.changed, saved)


def _checkpoint_day(documents: Sequence[StoryDocument], window_days: float) -> date | None:
    """The day to save the stream before: one window before the newest dated article."""
    newest = max((d.published for d in documents if d.published is not None), default=None)
    return None if newest is None else (newest - timedelta(days=window_days)).date()


def _midnight(day: date | None) -> datetime | None:
    """A stored publication day as the stories stage's time."""
    return datetime.combine(day, datetime.min.time()) if day else None


def _story_documents(store: Store, inputs: Sequence[StoryInput]) -> list[StoryDocument]:
    """The stories stage's documents for stored articles, computing (and keeping) missing embeddings."""
    leads = [lead_text(i.title, i.text) for i in inputs]
    missing = [n for n, i in enumerate(inputs) if i.vector is None]
    vectors = headline_vectors([(inputs[n].article_id, inputs[n].title, inputs[n].text) for n in missing])
    if vectors:
        store.save_vectors(ENCODER_NAME, vectors)
    return [StoryDocument(
        key=i.article_id, text=lead, title=i.title, body=i.text,
        published=_midnight(i.published), outlet=i.outlet,
        entities=i.entity_ids,
        embedding=np.frombuffer(vectors.get(i.article_id) or i.vector, dtype=np.float32))
        for i, lead in zip(inputs, leads, strict=True)]


def headline_vectors(articles: Sequence[tuple[str, str, str]]) -> dict[str, bytes]:
    """Story-encoder vectors (float32 bytes) of ``(article_id, title, clean_text)``: the headline, else the lead
    (the linker learned embeddings of headlines)."""
    if not articles:
        return {}
    rows = encode([title or lead_text(title, text) for _, title, text in articles])
    return {key: row.astype(np.float32).tobytes() for (key, _, _), row in zip(articles, rows, strict=True)}
