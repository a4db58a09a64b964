"""Threads after each ingest resume the saved thread stream and read only the stories that can still change: the
same threads as one pass over every story (on SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select

from presslens.ingest import read_path
from presslens.pipeline import ingest_paths, sample_corpus_paths, update_stories
from presslens.settings import Settings
from presslens.store import Store
from presslens.store.models import StoryThreadRow, ThreadRow

BATCHES = [date(2026, 3, 10), date(2026, 4, 1), date(2026, 5, 1), date(2026, 6, 1), date(2027, 1, 1)]


def _sample_batches(tmp_path) -> list:
    """The sample corpus (English in March, French from April to June) as JSONL files cut by publication day."""
    docs = [d for p in sample_corpus_paths(("en", "fr")) for f in sorted(p.rglob("*")) if f.is_file()
            for d in read_path(f, Settings()) if d.published is not None]
    files, start = [], date.min
    for n, end in enumerate(BATCHES):
        path = tmp_path / f"batch{n}.jsonl"
        path.write_text("".join(json.dumps({"text": d.text, "title": d.title, "outlet": d.outlet, "url": d.url,
                                            "date": d.published.isoformat(), "language": d.language}) + "\n"
                                for d in docs if start <= d.published < end), encoding="utf-8")
        files.append(path)
        start = end
    return files


def _threads(store: Store):
    with store.engine.connect() as conn:
        return (conn.execute(select(ThreadRow.__table__).order_by(ThreadRow.id)).all(),
                conn.execute(select(StoryThreadRow.__table__).order_by(StoryThreadRow.story_id)).all())


def test_threads_resume_and_match_one_pass_over_every_story(store: Store, settings: Settings, tmp_path,
                                                            monkeypatch):
    read: list[tuple[date | None, int]] = []
    profiles = Store.story_profiles

    def recorded(self, model, since=None):
        found = profiles(self, model, since)
        read.append((since, len(found)))
        return found

    monkeypatch.setattr(Store, "story_profiles", recorded)
    for path in _sample_batches(tmp_path):
        assert ingest_paths([path], store, settings).ok
    resumed = _threads(store)
    assert len(resumed[0]) >= 2  # Glasshouse and the bridge: storylines of several events
    assert read[0][0] is None and read[-1][0] is not None and read[-1][1] < store.count_stories()
    checkpoint = store.thread_checkpoint()
    assert checkpoint is not None and checkpoint.since > date(2026, 3, 31)
    update_stories(store, settings, from_scratch=True)
    assert read[-1][0] is None
    assert _threads(store) == resumed


def test_threads_saved_with_other_bars_are_streamed_again(store: Store, settings: Settings, tmp_path, monkeypatch):
    from presslens.stories import threads

    batches = _sample_batches(tmp_path)
    for path in batches[:-1]:
        assert ingest_paths([path], store, settings).ok
    read: list[date | None] = []
    profiles = Store.story_profiles
    monkeypatch.setattr(Store, "story_profiles", lambda self, model, since=None: read.append(since) or profiles(
        self, model, since))
    monkeypatch.setattr(threads, "MIN_ENTITY_SHARE", threads.MIN_ENTITY_SHARE + 0.01)
    assert ingest_paths([batches[-1]], store, settings).ok
    assert read == [None]
