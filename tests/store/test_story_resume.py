"""Stories after each ingest resume the saved stream and replay only the last window: the same stories
and links as one replay from scratch (on SQLite and PostgreSQL)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import pairwise

from sqlalchemy import select

from presslens.clean import clean_document
from presslens.ingest import read_bytes
from presslens.pipeline import update_stories
from presslens.settings import Settings
from presslens.store import Store
from presslens.store.models import StoryLinkRow, StoryRow, StoryThreadRow

TOPICS = [("Harbour", "ferry strike", "dock workers walked out over pay"),
          ("Council", "school budget", "councillors voted to cut the schools budget"),
          ("River", "flood warning", "the river burst its banks after heavy rain"),
          ("Hospital", "nurses pay", "nurses rejected the latest pay offer"),
          ("Festival", "music festival", "the summer festival announced its headline acts"),
          ("Court", "bridge appeal", "judges heard the appeal over the new bridge")]


def corpus(days: int = 40, seed: int = 3) -> list[tuple[date, str]]:
    """(published, text file) of a few stories a day: a topic recurring days apart is another story
    (its own place name), and every fifth article is a wire copy of the one before."""
    rng, made, start = random.Random(seed), [], date(2026, 2, 1)
    for day in range(days):
        for n in range(rng.randint(1, 4)):
            place, subject, detail = rng.choice(TOPICS)
            name = f"{place}{day // 5}"
            if made and len(made) % 5 == 0:
                text = made[-1][1].replace("Filed", "Wire copy filed")
            else:
                words = " ".join(rng.choice(detail.split()) for _ in range(80))
                text = (f"{name} {subject}: {rng.choice(['latest', 'update', 'reaction'])} {day}-{n}\n\n"
                        f"In {name}, {detail}, officials said on day {day}. {words}. Filed from {name}.")
            made.append((start + timedelta(days=day), text))
    return made


def _add(store: Store, items: list[tuple[date, str]], offset: int) -> None:
    articles = []
    for n, (published, text) in enumerate(items, start=offset):
        (doc,) = read_bytes(text.encode(), f"a{n:04d}.txt", Settings())
        doc.published, doc.outlet = published, f"Outlet {n % 3}"
        articles.append(clean_document(doc, Settings()))
    assert all(store.add_articles(articles))


def _tables(store: Store):
    with store.engine.connect() as conn:
        links = conn.execute(select(StoryLinkRow.__table__).order_by(StoryLinkRow.article_id)).all()
        stories = conn.execute(select(StoryRow.__table__).order_by(StoryRow.id)).all()
        threads = conn.execute(select(StoryThreadRow.__table__).order_by(StoryThreadRow.story_id)).all()
    return links, stories, threads


def test_ingests_in_date_order_resume_and_match_a_replay_from_scratch(store: Store, settings: Settings):
    items = corpus()
    cuts = [0, 30, 55, 80, len(items)]
    updates = []
    for start, end in pairwise(cuts):
        _add(store, items[start:end], start)
        updates.append(update_stories(store, settings))
    assert [u.resumed for u in updates] == [False, True, True, True]
    assert all(u.streamed < end for u, end in zip(updates[1:], cuts[2:], strict=True))  # a window, not all
    resumed = _tables(store)
    assert any(link.duplicate_of for link in resumed[0]) and len(resumed[1]) >= 8
    scratch = update_stories(store, settings, from_scratch=True)
    assert not scratch.resumed and scratch.streamed == len(items)
    assert _tables(store) == resumed


def test_an_article_from_before_the_saved_day_replays_everything(store: Store, settings: Settings):
    items = corpus(days=30)
    _add(store, items[:-10], 0)
    update_stories(store, settings)
    late = [(items[0][0] + timedelta(days=1), items[3][1].replace("Filed", "Late filing"))]
    _add(store, late, 900)
    update = update_stories(store, settings)
    assert not update.resumed and update.streamed == len(items) - 9
    after_late = _tables(store)
    _add(store, items[-10:], len(items) - 10)
    assert update_stories(store, settings).resumed
    resumed = _tables(store)
    update_stories(store, settings, from_scratch=True)
    assert _tables(store) == resumed and resumed != after_late
