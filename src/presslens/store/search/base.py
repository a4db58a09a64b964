"""What every search backend answers, and the hits it gives."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from sqlalchemy import Connection, Select

from ..articles import ArticleSummary
from ..patterns import printable

__all__ = ["SearchBackend", "SearchHit", "quote_terms"]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An article that matches a full-text query, with a highlighted snippet."""

    article: ArticleSummary
    snippet: str

    def as_dict(self) -> dict:
        return {**self.article.as_dict(), "snippet": self.snippet}


class SearchBackend(ABC):
    """Full-text search of articles and quotes on one kind of database, chosen once when a store opens."""

    name: str

    @abstractmethod
    def search_articles(self, conn: Connection, query: str, limit: int) -> list[SearchHit]:
        """Articles matching ``query`` (FTS5 syntax, printable, not blank) in titles and clean text, best first,
        with snippets (matched words in « »); a query that is not valid FTS5 syntax is read as its plain words."""

    def quote_keys(self, words: str) -> Select | bool | None:
        """A sub-select of quote primary keys whose content or speaker name holds every word of ``words``.

        None when ``words`` holds no word (no filter), False when nothing can match.
        """
        terms = quote_terms(words)
        return self._quote_keys(terms) if terms else None

    @abstractmethod
    def _quote_keys(self, terms: list[str]) -> Select | bool:
        """``quote_keys`` for these words (at least one, no double quotes)."""


def quote_terms(words: str) -> list[str]:
    """The words of a quote filter, control characters and double quotes dropped."""
    return [w.replace('"', "") for w in printable(words).split() if w.replace('"', "")]


def phrases(terms: list[str]) -> str:
    """An FTS5 query that every term must match, each as a phrase of its own."""
    return " ".join(f'"{term}"' for term in terms)
