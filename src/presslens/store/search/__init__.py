"""Full-text search, one backend a kind of database behind one interface (``SearchBackend``), chosen once
when a store opens (``backend_for``, ``Store.search_backend``): ``Fts5Search`` on SQLite, ``TsvectorSearch``
on PostgreSQL, ``LikeSearch`` (plain words, unranked) on anything else. The first two read SQLite's FTS5 query
syntax (``syntax``) and give the same rows in the same order, with the same snippets, on the same data (save
the differences the README lists).
"""

from __future__ import annotations

from .base import ArticleScope, SearchBackend, SearchHit
from .fts5 import Fts5Search
from .like import LikeSearch
from .syntax import (
    ARTICLE_COLUMNS,
    PUNCTUATION,
    QUOTE_COLUMNS,
    QuerySyntaxError,
    headline_snippet,
    highlight_tsquery,
    parse,
    phrase_tsqueries,
    plain_words,
    quoted_terms,
    to_tsquery,
    words,
)
from .tsvector import TsvectorSearch

__all__ = ["ARTICLE_COLUMNS", "PUNCTUATION", "QUOTE_COLUMNS", "ArticleScope", "Fts5Search", "LikeSearch",
           "QuerySyntaxError", "SearchBackend", "SearchHit", "TsvectorSearch", "backend_for", "headline_snippet",
           "highlight_tsquery", "parse", "phrase_tsqueries", "plain_words", "quoted_terms", "to_tsquery", "words"]

_BACKENDS: dict[str, type[SearchBackend]] = {"sqlite": Fts5Search, "postgresql": TsvectorSearch}


def backend_for(dialect: str) -> SearchBackend:
    """The search backend of a SQLAlchemy dialect (``engine.dialect.name``)."""
    return _BACKENDS.get(dialect, LikeSearch)()
