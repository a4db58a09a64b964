"""What every search backend answers, and the hits it gives."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, Date, Select, String, bindparam

from ..articles import ArticleSummary
from ..models import without_nul
from ..patterns import printable

__all__ = ["ArticleScope", "SearchBackend", "SearchHit", "quote_terms"]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An article that matches a full-text query, with a highlighted snippet."""

    article: ArticleSummary
    snippet: str

    def as_dict(self) -> dict:
        return {**self.article.as_dict(), "snippet": self.snippet}


@dataclass(frozen=True, slots=True)
class ArticleScope:
    """Which index a search reads and which articles it may return.

    ``stemmed``: word forms match ("floods" finds "flood"), else words match exactly; ``outlet`` (any case),
    ``language``, ``since`` and ``until`` (publication days, inclusive) only narrow the hits: ranking still weighs each
    word over the whole archive, as an unfiltered search does.
    """

    stemmed: bool = True
    outlet: str | None = None
    language: str | None = None
    since: date | None = None
    until: date | None = None

    def where(self, alias: str = "a") -> tuple[str, list]:
        """SQL conditions on the articles alias (`` AND ...`` or empty) and their bound parameters."""
        parts, params = [], []
        if self.outlet:
            parts.append(f"lower({alias}.outlet) = :scope_outlet")
            params.append(bindparam("scope_outlet", self.outlet.lower().replace("\0", ""), type_=String))
        if self.language:
            parts.append(f"{alias}.language = :scope_language")
            params.append(bindparam("scope_language", without_nul(self.language), type_=String))
        if self.since:
            parts.append(f"{alias}.published >= :scope_since")
            params.append(bindparam("scope_since", self.since, type_=Date))
        if self.until:
            parts.append(f"{alias}.published <= :scope_until")
            params.append(bindparam("scope_until", self.until, type_=Date))
        return "".join(f" AND {p}" for p in parts), params


WHOLE_ARCHIVE = ArticleScope()


class SearchBackend(ABC):
    """Full-text search of articles and quotes on one kind of database, chosen once when a store opens."""

    name: str

    @abstractmethod
    def search_articles(self, conn: Connection, query: str, limit: int,
                        scope: ArticleScope = WHOLE_ARCHIVE) -> list[SearchHit]:
        """Articles in ``scope`` matching ``query`` (FTS5 syntax, printable, not blank) in titles and clean text,
        best first, with snippets (matched words in « »); a query that is not valid FTS5 syntax is read as its
        plain words."""

    def quote_keys(self, words: str, stemmed: bool = True) -> Select | bool | None:
        """A sub-select of quote primary keys whose content or speaker name holds every word of ``words``
        (``stemmed``: in any of its forms).

        None when ``words`` holds no word (no filter), False when nothing can match.
        """
        terms = quote_terms(words)
        return self._quote_keys(terms, stemmed) if terms else None

    @abstractmethod
    def _quote_keys(self, terms: list[str], stemmed: bool) -> Select | bool:
        """``quote_keys`` for these words (at least one, no double quotes)."""


def quote_terms(words: str) -> list[str]:
    """The words of a quote filter, control characters and double quotes dropped."""
    return [w.replace('"', "") for w in printable(words).split() if w.replace('"', "")]


def phrases(terms: list[str]) -> str:
    """An FTS5 query that every term must match, each as a phrase of its own."""
    return " ".join(f'"{term}"' for term in terms)
