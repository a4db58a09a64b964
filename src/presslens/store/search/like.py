"""Any other SQLAlchemy database: no full-text index, every word matched with ``LIKE`` (unranked, and a part of a
word matches, in place of stemming)."""

from __future__ import annotations

from sqlalchemy import Connection, Select, func, or_, select

from ..articles import SUMMARY_COLUMNS, article_summary
from ..models import ArticleRow, QuoteRow, without_nul
from ..patterns import ESCAPE, contains
from .base import WHOLE_ARCHIVE, ArticleScope, SearchBackend, SearchHit

__all__ = ["LikeSearch"]


class LikeSearch(SearchBackend):
    """Articles whose clean text holds every word of the query, quotes whose content or speaker does."""

    name = "like"

    def search_articles(self, conn: Connection, query: str, limit: int,
                        scope: ArticleScope = WHOLE_ARCHIVE) -> list[SearchHit]:
        terms = query.split()
        select_query = select(*SUMMARY_COLUMNS)
        if scope.outlet:
            select_query = select_query.where(func.lower(ArticleRow.outlet) == without_nul(scope.outlet.lower()))
        if scope.language:
            select_query = select_query.where(ArticleRow.language == without_nul(scope.language))
        if scope.since:
            select_query = select_query.where(ArticleRow.published >= scope.since)
        if scope.until:
            select_query = select_query.where(ArticleRow.published <= scope.until)
        for term in terms:
            select_query = select_query.where(func.lower(ArticleRow.clean_text).like(contains(term), escape=ESCAPE))
        rows = conn.execute(select_query.limit(limit)).all()
        return [SearchHit(article_summary(row), _snippet(row.clean_text, terms[0])) for row in rows]

    def _quote_keys(self, terms: list[str], stemmed: bool) -> Select:
        condition = [or_(func.lower(QuoteRow.content_text).like(contains(t), escape=ESCAPE),
                         func.lower(QuoteRow.speaker_name).like(contains(t), escape=ESCAPE)) for t in terms]
        return select(QuoteRow.pk).where(*condition)


def _snippet(clean_text: str, term: str, width: int = 80) -> str:
    index = clean_text.lower().find(term.lower())
    start = max(0, index - width // 2)
    return clean_text[start:start + width]
