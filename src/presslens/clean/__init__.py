"""Clean: drop boilerplate, normalise text, keep the map back to the original text."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from ..errors import CleanError
from ..records import Article, RawDoc, Span
from ..settings import Settings
from ..urls import host_of
from .boilerplate import classify_paragraphs, is_boilerplate
from .normalise import QUOTE_TABLE, build_clean_text

__all__ = [
    "QUOTE_TABLE",
    "article_id_for",
    "classify_paragraphs",
    "clean_document",
    "is_boilerplate",
    "split_paragraphs",
]

_LINE = re.compile(r"[^\n]*\n?")
_TERMINAL = (".", "!", "?", ":", ";", '"', "”", "’", "'", "»")
_WRAP_WIDTH = 60
_LANGUAGE_CONFIDENCE = 0.8


def article_id_for(doc: RawDoc) -> str:
    """A stable id from the content: the same document always gets the same id."""
    key = "\x1f".join([doc.url or doc.outlet or "", doc.title or "", doc.text])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def split_paragraphs(text: str, skip: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Raw ``(start, end)`` spans of the paragraphs, leaving out ``skip`` spans.

    A paragraph is a line, except that hard-wrapped lines (a long line that stops
    mid-sentence, followed by one starting in lower case) join into one paragraph.
    """
    skip = sorted(skip or [])
    spans: list[tuple[int, int]] = []
    joinable = False
    for match in _LINE.finditer(text):
        start, end = _trim(text, match.start(), match.end())
        if start >= end:
            joinable = False
            continue
        for s_start, s_end in skip:
            if s_start <= start < s_end:
                start = s_end
            if start < s_start < end:
                end = s_start
        start, end = _trim(text, start, end)
        if start >= end:
            continue
        if joinable and spans and text[start].islower():
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        line = text[start:end]
        joinable = len(line) >= _WRAP_WIDTH and not line.endswith(_TERMINAL)
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def clean_document(doc: RawDoc, settings: Settings) -> Article:
    """Turn a reader's ``RawDoc`` into a clean ``Article``."""
    paragraphs = split_paragraphs(doc.text, doc.skip_spans)
    kinds = classify_paragraphs([doc.text[s:e] for s, e in paragraphs],
                                standfirst=_standfirst_index(doc, paragraphs))
    kept = [span for span, kind in zip(paragraphs, kinds, strict=True) if kind is None]
    if not kept:
        raise CleanError("E201", source=doc.source, locator=doc.locator)
    clean_text, offsets = build_clean_text(doc.text, kept)
    removed = [Span(s, e, doc.text[s:e])
               for (s, e), kind in zip(paragraphs, kinds, strict=True) if kind is not None]
    domain = host_of(doc.url)
    return Article(
        article_id=article_id_for(doc),
        outlet=doc.outlet,
        url=doc.url,
        title=doc.title,
        published=doc.published,
        language=(doc.language or detect_language(clean_text, settings.default_language)).lower(),
        raw_text=doc.text,
        clean_text=clean_text,
        offset_map=offsets,
        source=doc.where,
        fmt=doc.fmt,
        outlet_domain=domain,
        removed=removed,
        published_at=doc.published_at,
    )


def _standfirst_index(doc: RawDoc, paragraphs: list[tuple[int, int]]) -> int | None:
    """The paragraph right under the title line, if the title came from the text."""
    title_spans = [(s, e) for s, e in doc.skip_spans if doc.title and doc.text[s:e].strip() == doc.title]
    if not title_spans:
        return None
    title_end = title_spans[0][1]
    return next((i for i, (start, _) in enumerate(paragraphs) if start >= title_end), None)




def detect_language(text: str, default: str) -> str:
    """ISO 639-1 code of the text's language, or ``default`` when unsure."""
    lang, probability = _identifier().classify(text[:2000])
    return lang if probability >= _LANGUAGE_CONFIDENCE else default


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
