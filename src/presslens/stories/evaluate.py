"""Labelled stories in, predicted stories out: the shared path of ``eval stories`` and the linker's training.

Records are ``{id, title?, text, date?, outlet?, cluster}``. Documents arrive in file
order, or shuffled with a seed (the dev sets list each story's documents together,
which would flatter a stream that only looks at the last story).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from datetime import datetime

import numpy as np

from .features import DEFAULT_SIGNALS, StoryDocument
from .stream import StreamClusterer

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART"})
ORDERS = ("file", "shuffled", "date")


def gold_documents(records: Sequence[dict], language: str, signals: Iterable[str] = DEFAULT_SIGNALS,
                   embeddings: np.ndarray | None = None) -> list[StoryDocument]:
    """StoryDocuments for labelled records: entities from spaCy where the language has a model."""
    from ..entities.names import slug
    from ..nlp import entities, has_model

    texts = [r.get("text") or r.get("title") or "" for r in records]
    found: Iterable[list] = ([] for _ in texts)
    if "entities" in signals and has_model(language):
        found = entities(texts, language)
    if embeddings is None and "embeddings" in signals:
        embeddings = encode_records(records)
    documents = []
    for i, (record, spans) in enumerate(zip(records, found, strict=True)):
        keys = tuple(sorted({slug(s.text) for s in spans if s.label in ENTITY_LABELS} - {""}))
        documents.append(StoryDocument(
            key=str(record.get("id", i)), text=texts[i], title=record.get("title") or "",
            published=parse_time(record.get("date")), outlet=record.get("outlet"), entities=keys,
            embedding=embeddings[i] if embeddings is not None else None))
    return documents


def encode_records(records: Sequence[dict]) -> np.ndarray:
    """Sentence embeddings of each record's title (or the start of its text)."""
    from ..nlp.embed import shared_encoder

    return shared_encoder().encode([r.get("title") or r.get("text") or "" for r in records])


def arrival_order(records: Sequence[dict], order: str = "file", seed: int = 0) -> list[int]:
    """Indices of the records in the order they are streamed."""
    indices = list(range(len(records)))
    if order == "shuffled":
        random.Random(seed).shuffle(indices)
    elif order == "date":
        indices.sort(key=lambda i: (parse_time(records[i].get("date")) is None,
                                    parse_time(records[i].get("date")) or datetime.min, i))
    elif order != "file":
        raise ValueError(f"unknown order {order!r}; expected one of {', '.join(ORDERS)}")
    return indices


def stream_labels(documents: Sequence[StoryDocument], clusterer: StreamClusterer) -> list[int]:
    """The story id of each document, streamed in the order given."""
    return [clusterer.add(d).story_id for d in documents]


def parse_time(value: object) -> datetime | None:
    """An ISO date or date-time, as a naive UTC datetime (None when absent or unreadable)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        from datetime import UTC

        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed
