"""The ``events`` signal: a topic present for months (the same names in every article) does not become one story;
each happening inside it, days apart, is a story of its own."""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timedelta

from presslens.stories import StoryDocument
from presslens.stories.features import DEFAULT_SIGNALS, SIGNALS
from presslens.stories.stream import StreamClusterer

START = datetime(2016, 1, 4, 9)
EVENTS = {  # day: (event, words only its articles use)
    10: ("debate", "debate moderator lectern rebuttal stage Hofstra audience"),
    40: ("letter", "letter investigators server emails director reopened inquiry"),
    70: ("tape", "tape recording bus lewd remarks apology video footage"),
}
COMMON = ["campaign", "candidate", "voters", "polls", "rally", "election", "party", "nominee", "said", "week"]


def _stream(rng: random.Random) -> list[tuple[StoryDocument, str]]:
    documents = []
    for day in range(90):
        when = START + timedelta(days=day)
        documents.append((_document(f"filler-{day}", when, " ".join(rng.choices(COMMON, k=40)),
                                    f"Campaign notebook, day {day}"), f"filler-{day}"))
        for start, (event, words) in EVENTS.items():
            if start <= day < start + 2:
                for n in range(3):
                    text = " ".join(rng.choices(words.split(), k=25) + rng.choices(COMMON, k=15))
                    documents.append((_document(f"{event}-{day}-{n}", when + timedelta(hours=n + 1), text,
                                                f"The {event}: {words.split()[0]} {words.split()[1]} {n}"), event))
    return documents


def _document(key: str, when: datetime, text: str, title: str) -> StoryDocument:
    return StoryDocument(key=key, text=f"{title}\n{text}", title=title, published=when, body=text * 3,
                         entities=("person:donald-trump", "person:hillary-clinton"))


def test_a_persistent_topic_keeps_its_events_apart():
    documents = _stream(random.Random(3))
    clusterer = StreamClusterer("en", signals=SIGNALS)
    story_of = {d.key: clusterer.add(d).story_id for d, _ in documents}
    gold = {d.key: label for d, label in documents}
    for event, _ in EVENTS.values():
        stories = Counter(story_of[k] for k, g in gold.items() if g == event)
        assert stories.most_common(1)[0][1] >= 5, (event, stories)  # of its 6 articles, 5 or more together
    main = {Counter(story_of[k] for k, g in gold.items() if g == event).most_common(1)[0][0]
            for event, _ in EVENTS.values()}
    assert len(main) == 3  # three events, three stories
    assert max(Counter(story_of.values()).values()) <= 10  # nothing grows across the months


def test_without_events_the_default_stream_is_unchanged_by_the_new_features():
    assert "events" not in DEFAULT_SIGNALS and set(DEFAULT_SIGNALS) < set(SIGNALS)
    clusterer = StreamClusterer("en")
    assert clusterer.signals == DEFAULT_SIGNALS and clusterer.undated_linker is clusterer.linker
