"""The stories stage: near-duplicates and streaming story clustering.

``assign_stories`` streams documents in arrival order: each is checked for being a
near-copy of an earlier one (``duplicates``), then placed in a story by the learned
linker (``stream``), one clusterer per language. A copy joins its original's story
while that story is open. ``describe_stories`` gives each story its most
representative headline, outlets and time span. Same documents, same order: same
stories, so re-clustering a database from scratch reproduces the stream.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from ..records import Story, StoryLink
from .duplicates import NearDuplicateFinder
from .features import SIGNALS, StoryDocument, Vectorizer
from .stream import StreamClusterer

__all__ = ["ENCODER_NAME", "SIGNALS", "StoryDocument", "assign_stories", "describe_stories", "encode",
           "lead_text", "representative_title"]

ENCODER_NAME = "all-MiniLM-L6-v2-int8:headline"  # the model and text behind stored article vectors
LEAD_WORDS = 50


def lead_text(title: str, text: str, words: int = LEAD_WORDS) -> str:
    """What an article is compared on: its headline and the first words of its clean text.

    The linker was trained on headlines, so articles are compared on text of about that
    kind (headline and lead); the whole article still speaks through its entities and its
    near-duplicates.
    """
    lead = " ".join(text.split()[:words])
    return f"{title.strip()}\n{lead}" if title.strip() and not lead.startswith(title.strip()) else lead


def encode(texts: Sequence[str]):
    """Sentence embeddings (unit float32 rows) of ``texts`` with the stage's pinned encoder."""
    from ..nlp.embed import shared_encoder

    return shared_encoder().encode(texts)


def assign_stories(documents: Sequence[StoryDocument], languages: Sequence[str], *, window_days: float = 7.0,
                   signals: Sequence[str] = SIGNALS) -> list[StoryLink]:
    """One link per document, in the order given (the arrival order)."""
    clusterers: dict[str, StreamClusterer] = {}
    duplicates = NearDuplicateFinder(window_days=window_days)  # copies are looked for among open stories' days
    story_key: dict[tuple[str, int], str] = {}  # (language, clusterer story id) -> stored story id
    story_of_article: dict[str, tuple[str, int]] = {}
    links = []
    for position, (document, language) in enumerate(zip(documents, languages, strict=True)):
        clusterer = clusterers.get(language)
        if clusterer is None:
            clusterer = clusterers[language] = StreamClusterer(language, signals=signals, window_days=window_days)
        copy = duplicates.add(document.key, document.body or document.text, document.published)
        original = story_of_article.get(copy.original) if copy else None
        follow = original[1] if original and original[0] == language else None
        assignment = clusterer.add(document, follow=follow)
        internal = (language, assignment.story_id)
        story_of_article[document.key] = internal
        story_id = story_key.setdefault(internal, document.key)
        links.append(StoryLink(document.key, story_id, position,
                               None if assignment.probability is None else round(assignment.probability, 4),
                               copy.original if copy else None, copy.containment if copy else None))
    return _earliest_originals(documents, links)


def _earliest_originals(documents: Sequence[StoryDocument], links: list[StoryLink]) -> list[StoryLink]:
    """In each group of copies, the original is the earliest published, then the longest, then the first to arrive."""
    groups: dict[str, list[int]] = defaultdict(list)
    index = {link.article_id: n for n, link in enumerate(links)}
    for n, link in enumerate(links):
        if link.duplicate_of is not None:
            groups[link.duplicate_of].append(n)
    for original, copies in groups.items():
        members = [index[original], *copies]
        first = min(members, key=lambda n: (documents[n].published or datetime.max,
                                            -len(documents[n].body or documents[n].text), n))
        if first == index[original]:
            continue
        score = {n: links[n].containment for n in copies}
        for n in members:
            links[n] = replace(links[n], duplicate_of=None if n == first else links[first].article_id,
                               containment=None if n == first else score.get(n, score.get(first)))
    return links


def describe_stories(documents: Sequence[StoryDocument], links: Sequence[StoryLink],
                     language: str = "en") -> list[Story]:
    """Stories with title, outlets and time span; biggest first, then most recent."""
    members: dict[str, list[StoryDocument]] = defaultdict(list)
    for document, link in zip(documents, links, strict=True):
        members[link.story_id].append(document)
    vectorizer = Vectorizer(language)
    stories = []
    for story_id, docs in members.items():
        dates = [d.published.date() for d in docs if d.published is not None]
        outlets = sorted({d.outlet for d in docs if d.outlet})
        stories.append(Story(story_id, representative_title([d.title or d.text[:120] for d in docs], vectorizer),
                             [d.key for d in docs], outlets, min(dates, default=None), max(dates, default=None)))
    stories.sort(key=lambda s: (-len(s.article_ids), -(s.last_seen.toordinal() if s.last_seen else 0), s.story_id))
    return stories


def representative_title(titles: Sequence[str], vectorizer: Vectorizer | None = None) -> str:
    """The headline closest to all the others (word overlap, stems, stop words out); the earliest on a tie."""
    titles = [t.strip() for t in titles if t and t.strip()][:200]
    if len(titles) <= 2:
        return titles[0] if titles else ""
    vectorizer = vectorizer or Vectorizer()
    vectors = [_unit(vectorizer.terms(t)) for t in titles]
    scores = [sum(sum(w * other.get(term, 0.0) for term, w in vector.items()) for other in vectors)
              for vector in vectors]
    return titles[max(range(len(titles)), key=lambda i: (scores[i], -i))]


def _unit(counts: Counter) -> dict[str, float]:
    norm = math.sqrt(sum(c * c for c in counts.values())) or 1.0
    return {t: c / norm for t, c in counts.items()}
