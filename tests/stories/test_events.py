"""The ``events`` signal: a topic present for months (the same names in every article) does not become one story;
each happening inside it, days apart, is a story of its own."""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timedelta

from presslens.stories import StoryDocument
from presslens.stories.features import DEFAULT_SIGNALS, SIGNAL_FEATURES, SIGNALS
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


def test_the_default_stream_uses_events_and_links_undated_documents_without_them():
    assert DEFAULT_SIGNALS == SIGNALS and "events" in DEFAULT_SIGNALS
    clusterer = StreamClusterer("en")
    assert clusterer.signals == DEFAULT_SIGNALS and clusterer.undated_linker is not clusterer.linker
    assert not set(SIGNAL_FEATURES["events"]) & set(clusterer.undated_linker.features)


STORYLINE = {  # day: (event, words only its articles use); one storyline, events a week or two apart
    30: ("letter", "letter investigators server emails director reopened inquiry"),
    38: ("hearing", "hearing senators testimony committee subpoena oath transcript"),
    47: ("report", "report inspector findings classified retention guidance auditor"),
}


def _storyline_stream(rng: random.Random) -> list[tuple[StoryDocument, str]]:
    """The persistent topic of ``_stream`` (two names in every article for months), a debate with no storyline,
    and three events of one storyline that also name its own people (Comey, the FBI)."""
    documents = [(d, label) for d, label in _stream(rng) if label in ("debate",) or label.startswith("filler")]
    for start, (event, words) in STORYLINE.items():
        for day in (start, start + 1):
            for n in range(3):
                text = " ".join(rng.choices(words.split(), k=25) + rng.choices(COMMON, k=15))
                document = _document(f"{event}-{day}-{n}", START + timedelta(days=day, hours=n + 1), text,
                                     f"The {event}: {words.split()[0]} {words.split()[1]} {n}")
                document.entities += ("person:james-comey", "organisation:fbi")
                documents.append((document, event))
    return sorted(documents, key=lambda pair: pair[0].published)


def test_events_of_one_storyline_are_separate_stories_joined_by_one_thread():
    from presslens.records import StoryLink
    from presslens.stories import assign_stories, describe_stories
    from presslens.stories.threads import ThreadStory, assign_threads

    pairs = _storyline_stream(random.Random(5))
    documents = [d for d, _ in pairs]
    links = assign_stories(documents, ["en"] * len(documents), signals=SIGNALS)
    assert all(isinstance(link, StoryLink) for link in links)
    story_of = {link.article_id: link.story_id for link in links}
    stories = describe_stories(documents, links)
    by_key = {d.key: d for d in documents}
    inputs = []
    for story in stories:
        counts = Counter(e for key in story.article_ids for e in by_key[key].entities)
        keep = tuple(sorted(e for e, n in counts.items() if 3 * n >= len(story.article_ids)))
        inputs.append(ThreadStory(story.story_id, story.title, len(story.article_ids), story.first_seen,
                                  story.last_seen, tuple(story.outlets), keep))
    threads = assign_threads(inputs)
    main_story = {event: Counter(story_of[d.key] for d, g in pairs if g == event).most_common(1)[0][0]
                  for event, _ in STORYLINE.values()}
    assert len(set(main_story.values())) == 3  # three events, three stories
    thread_of = {s: t.thread_id for t in threads for s in t.story_ids}
    assert None not in {thread_of.get(s) for s in main_story.values()}
    assert len({thread_of[s] for s in main_story.values()}) == 1
    storyline = next(t for t in threads if main_story["letter"] in t.story_ids)
    debate = Counter(story_of[d.key] for d, g in pairs if g == "debate").most_common(1)[0][0]
    assert debate not in storyline.story_ids  # the debate shares only the names every article has
    assert storyline.first_seen < storyline.last_seen and len(storyline.story_ids) <= 5


def test_threads_are_scored_in_the_order_they_opened_even_after_one_closes():
    from datetime import date

    import numpy as np

    from presslens.stories.threads import ThreadStory, ThreadStream

    def story(key: str, day: int, *names: str, axis: int | None = None) -> ThreadStory:
        vector = None if axis is None else np.eye(4, dtype=np.float32)[axis]
        return ThreadStory(key, key, 1, date(2026, 1, day), date(2026, 1, day), (), tuple(names), vector)

    stream = ThreadStream(gap_days=5)
    stream.add(story("a", 1, "x:1", "x:2"))
    stream.add(story("b", 4, "y:1", "z:1", "z:2", axis=0))
    stream.add(story("d", 7, "z:1", "z:2", "v:1", axis=1))  # "a" closes first; other headlines: a thread of its own
    assert list(stream.open) == ["b", "d"]
    candidates = [t.key for t in stream.candidates(story("e", 8, "z:1", "z:2"))]
    assert candidates == ["b", "d"]
