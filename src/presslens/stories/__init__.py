"""The stories stage: near-duplicates and streaming story clustering.

``assign_stories`` streams documents in arrival order: each is checked for being a
near-copy of an earlier one (``duplicates``), then placed in a story by the learned
linker (``stream``), one clusterer per language. A copy joins its original's story
while that story is open. ``StoryStream`` (``assign``) holds that state, so a run can
be saved part way and resumed later. ``describe_stories`` gives each story its most
representative headline, outlets and time span. Same documents, same order: same
stories, so re-clustering a database from scratch reproduces the stream.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

from ..records import Story, StoryLink
from .assign import StoryStream, StreamRun, assign_stories
from .features import LEAD_WORDS, SIGNALS, StoryDocument, Vectorizer

__all__ = ["ENCODER_NAME", "SIGNALS", "StoryDocument", "StoryStream", "StreamRun", "assign_stories",
           "describe_stories", "encode", "lead_text", "representative_title"]

ENCODER_NAME = "all-MiniLM-L6-v2-int8:headline"  # the model and text behind stored article vectors


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
