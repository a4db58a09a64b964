"""presslens: turn news articles from many outlets into stories, people and quotes."""

from __future__ import annotations

import logging

from .errors import PresslensError
from .records import Article, Mention, OffsetMap, Quote, RawDoc, Sentence, Span, Story
from .settings import Settings

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Mention",
    "OffsetMap",
    "PresslensError",
    "Quote",
    "RawDoc",
    "Sentence",
    "Settings",
    "Span",
    "Story",
    "__version__",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
