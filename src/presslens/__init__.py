"""presslens: turn news articles from many outlets into stories, people and quotes."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from .errors import PresslensError
from .records import Article, Entity, Mention, OffsetMap, Quote, RawDoc, Sentence, Span, Story, TextAnalysis, Thread
from .settings import Settings

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from .archive import Archive

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Entity",
    "Mention",
    "OffsetMap",
    "PresslensError",
    "Quote",
    "RawDoc",
    "Sentence",
    "Settings",
    "Span",
    "Story",
    "TextAnalysis",
    "Thread",
    "__version__",
    "analyse",
    "open",
]


def open(url: str | Path = "presslens.db", *, create: bool = True, settings: Settings | None = None) -> Archive:
    """The archive at ``url``: a SQLite file path or any SQLAlchemy URL (``postgresql+psycopg://...``), created
    when missing unless ``create`` is False. See ``presslens.archive.Archive`` for what it does."""
    from .archive import open_archive

    return open_archive(url, create=create, settings=settings)


def analyse(text: str, *, title: str | None = None, outlet: str | None = None, url: str | None = None,
            published: date | None = None, language: str | None = None,
            settings: Settings | None = None) -> TextAnalysis:
    """One text cleaned and analysed without a store: its quotes (speakers resolved), entities and mentions."""
    from .archive import analyse as analyse_text

    return analyse_text(text, title=title, outlet=outlet, url=url, published=published, language=language,
                        settings=settings)

logging.getLogger(__name__).addHandler(logging.NullHandler())
