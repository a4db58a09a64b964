"""SQLite: the FTS5 tables ``articles_fts`` (title, clean text) and ``quotes_fts`` (content, speaker name), and
their stemmed twins ``articles_stem_fts`` and ``quotes_stem_fts`` (the porter tokenizer)."""

from __future__ import annotations

from sqlalchemy import Connection, Select, select, text
from sqlalchemy.exc import OperationalError

from ..articles import article_summary
from .base import WHOLE_ARCHIVE, ArticleScope, SearchBackend, SearchHit, phrases
from .syntax import quoted_terms

__all__ = ["Fts5Search"]

# bm25 weights 2.0 and 1.0: a title word counts twice a word of the text.
_ARTICLES_MATCH = (
    "SELECT a.id, a.outlet, a.title, a.published, a.language, a.url, a.fmt,"
    " a.word_count, a.clean_text,"
    " snippet({fts}, 1, '«', '»', '…', 16) AS snippet"
    " FROM {fts} JOIN articles a ON a.pk = {fts}.rowid"
    " WHERE {fts} MATCH :match{where} ORDER BY bm25({fts}, 2.0, 1.0), a.pk LIMIT :limit"
)


def _table(name: str, stemmed: bool) -> str:
    return f"{name}_stem_fts" if stemmed else f"{name}_fts"


class Fts5Search(SearchBackend):
    """FTS5 runs the query as written; a syntax error (an ``OperationalError``) falls back to its plain words."""

    name = "fts5"

    def search_articles(self, conn: Connection, query: str, limit: int,
                        scope: ArticleScope = WHOLE_ARCHIVE) -> list[SearchHit]:
        try:
            return self._match(conn, query, limit, scope)
        except OperationalError:
            conn.rollback()  # the retry starts afresh, as on a connection of its own
            plain = quoted_terms(query)
            return self._match(conn, plain, limit, scope) if plain else []

    @staticmethod
    def _match(conn: Connection, match: str, limit: int, scope: ArticleScope) -> list[SearchHit]:
        where, params = scope.where()
        statement = text(_ARTICLES_MATCH.format(fts=_table("articles", scope.stemmed), where=where))
        rows = conn.execute(statement.bindparams(*params), {"match": match, "limit": limit}).all()
        return [SearchHit(article_summary(row), row.snippet) for row in rows]

    def _quote_keys(self, terms: list[str], stemmed: bool) -> Select:
        fts = _table("quotes", stemmed)
        return select(text("rowid")).select_from(text(fts)).where(
            text(f"{fts} MATCH :match").bindparams(match=phrases(terms)))
