"""A saved story stream resumes where it stopped: the same links as one run from scratch."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import numpy as np

from presslens.stories import StoryDocument, StoryStream, assign_stories

WORDS = (
    "council", "budget", "school", "flood", "river", "bridge", "strike", "union", "wages", "hospital", "nurses",
    "vaccine", "court", "judge", "appeal", "election", "vote", "mayor", "police", "protest", "climate", "storm",
    "harbour", "ferry", "festival", "music", "theatre",
)


def documents(count: int, seed: int = 5) -> list[StoryDocument]:
    """Stories of a few articles over three weeks; every sixth article repeats the one before (a copy,
    sometimes longer and so the better original); some share a day."""
    rng = random.Random(seed)
    made: list[StoryDocument] = []
    day = datetime(2026, 3, 1)
    while len(made) < count:
        topic = [*rng.sample(WORDS, 6), f"name{len(made)}"]
        centre = np.random.default_rng(len(made)).standard_normal(384).astype(np.float32)
        for _ in range(rng.randint(2, 6)):
            if made and len(made) % 6 == 0:
                body = made[-1].body + (" and more words here" if rng.random() < 0.5 else "")
            else:
                body = " ".join(rng.choice(topic) for _ in range(60))
            vector = centre + 0.3 * np.random.default_rng(1000 + len(made)).standard_normal(384).astype(np.float32)
            made.append(StoryDocument(key=f"d{len(made):03d}", text=" ".join(topic), title=" ".join(topic[:4]),
                                      published=day + timedelta(days=rng.choice((0, 0, 1))), body=body,
                                      outlet=f"o{len(made) % 3}", embedding=vector / np.linalg.norm(vector)))
        day += timedelta(days=rng.choice((0, 1)))
    made.sort(key=lambda d: d.published)
    return made[:count]


def test_a_snapshot_resumed_gives_the_links_of_one_run():
    docs = documents(160)
    languages = ["en"] * len(docs)
    whole = assign_stories(docs, languages, window_days=3)
    assert any(link.duplicate_of for link in whole)
    assert len({link.story_id for link in whole}) > 10
    for cut in (1, 40, 97, 159):
        first = StoryStream(window_days=3).extend(docs[:cut + 20], languages[:cut + 20], snapshot_at=cut)
        resumed = StoryStream.loads(first.snapshot).extend(docs[cut:], languages[cut:])
        combined = {link.article_id: link for link in first.links[:cut]}
        combined.update({link.article_id: link for link in resumed.changed})
        combined.update({link.article_id: link for link in resumed.links})
        assert [combined[d.key] for d in docs] == whole
        assert all(int(link.article_id[1:]) < cut for link in resumed.changed)


def test_the_state_stays_bounded_by_the_window():
    docs = documents(400)
    stream = StoryStream(window_days=2)
    stream.extend(docs, ["en"] * len(docs))
    copies = sum(len(c) + 1 for c in stream.groups.values())
    assert len(stream.members) < copies + 120  # the window's documents plus the groups of copies
    assert len(stream.story_key) == len(stream.clusterers["en"].stories)
