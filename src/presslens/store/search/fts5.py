"""SQLite: the FTS5 tables ``articles_fts`` (title, clean text) and ``quotes_fts`` (content, speaker name)."""

from __future__ import annotations

from sqlalchemy import Connection, Select, select, text
from sqlalchemy.exc import OperationalError

from ..articles import article_summary
from .base import SearchBackend, SearchHit, phrases
from .syntax import quoted_terms

__all__ = ["Fts5Search"]

# bm25 weights 2.0 and 1.0: a title word counts twice a word of the text.
_ARTICLES_MATCH = text(
    "SELECT a.id, a.outlet, a.title, a.published, a.language, a.url, a.fmt,"
    " a.word_count, a.clean_text,"
    " snippet(articles_fts, 1, '«', '»', '…', 16) AS snippet"
    " FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid"
    " WHERE articles_fts MATCH :match ORDER BY bm25(articles_fts, 2.0, 1.0), a.pk LIMIT :limit"
)


class Fts5Search(SearchBackend):
    """FTS5 runs the query as written; a syntax error (an ``OperationalError``) falls back to its plain words."""

    name = "fts5"

    def search_articles(self, conn: Connection, query: str, limit: int) -> list[SearchHit]:
        try:
            return self._match(conn, query, limit)
        except OperationalError:
            conn.rollback()  # the retry starts afresh, as on a connection of its own
            plain = quoted_terms(query)
            return self._match(conn, plain, limit) if plain else []

    @staticmethod
    def _match(conn: Connection, match: str, limit: int) -> list[SearchHit]:
        rows = conn.execute(_ARTICLES_MATCH, {"match": match, "limit": limit}).all()
        return [SearchHit(article_summary(row), row.snippet) for row in rows]

    def _quote_keys(self, terms: list[str]) -> Select:
        return select(text("rowid")).select_from(text("quotes_fts")).where(
            text("quotes_fts MATCH :match").bindparams(match=phrases(terms)))
