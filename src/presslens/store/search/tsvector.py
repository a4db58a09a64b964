"""PostgreSQL: the stored ``search`` tsvector (GIN index) of articles and quotes, or its stemmed twin
``search_stem`` (the ``presslens_stem`` configuration), FTS5's syntax read by ``syntax.parse``, and FTS5's
bm25 computed in SQL so that hits come in SQLite's order."""

from __future__ import annotations

from string import Template

from sqlalchemy import Connection, Select, select, text

from ..articles import article_summary
from ..models import QuoteRow
from .base import WHOLE_ARCHIVE, ArticleScope, SearchBackend, SearchHit, phrases
from .syntax import (
    ARTICLE_COLUMNS,
    PUNCTUATION,
    QUOTE_COLUMNS,
    SNIPPET_CLOSE,
    SNIPPET_OPEN,
    QuerySyntaxError,
    headline_snippet,
    highlight_tsquery,
    parse,
    phrase_tsqueries,
    quoted_terms,
    to_tsquery,
)

__all__ = ["TsvectorSearch"]

# FTS5's bm25(articles_fts, 2.0, 1.0), computed the same way: for each phrase of the query, its IDF
# ln((N - n + 0.5) / (n + 0.5)) (n: rows holding it; 1e-6 when not above 0) times f * (k1 + 1) /
# (f + k1 * (1 - b + b * D / avgdl)), with k1 = 1.2, b = 0.75, D the row's words, avgdl the mean, and
# f = 2 x (title hits) + 1 x (text hits), which is 2 x ts_rank_cd({0, 0, 0.5, 1}, search, phrase, 0):
# cover density with no normalisation sums the weights of the phrase's occurrences. MATERIALIZED: each
# count runs once, not once a matching row.
_TSVECTOR_SEARCH = Template(
    "WITH q AS MATERIALIZED (SELECT to_tsquery('$config', :tsquery) AS q),"
    " stats AS MATERIALIZED (SELECT count(*)::float8 AS n, coalesce(sum(search_words), 0)::float8 AS words"
    "  FROM articles),"
    " phrases AS MATERIALIZED (SELECT p.pq, CASE WHEN x.idf > 0 THEN x.idf ELSE 1e-6 END AS idf"
    "  FROM (SELECT to_tsquery('$config', u.t) AS pq FROM unnest(CAST(:phrases AS text[])) AS u(t)) p, stats s,"
    "  LATERAL (SELECT ln((s.n - count(*) + 0.5) / (count(*) + 0.5)) AS idf FROM articles a"
    "   WHERE a.$search @@ p.pq) x),"
    " hits AS (SELECT a.pk, (SELECT coalesce(sum(ph.idf * (f.f * 2.2) / (f.f + 1.2 * (0.25 + 0.75 * a.search_words"
    "   / nullif(s.words / s.n, 0)))), 0)"
    "   FROM phrases ph, LATERAL (SELECT 2.0 * ts_rank_cd('{0, 0, 0.5, 1}', a.$search, ph.pq, 0) AS f) f) AS score"
    "  FROM articles a, q, stats s WHERE a.$search @@ q.q$where ORDER BY score DESC, a.pk LIMIT :limit)"
    " SELECT a.id, a.outlet, a.title, a.published, a.language, a.url, a.fmt, a.word_count, a.clean_text,"
    " ts_headline('$config', translate(a.clean_text, :punctuation, :spaces),"
    "  to_tsquery('$config', :highlight), :options) AS snippet"
    " FROM hits JOIN articles a ON a.pk = hits.pk ORDER BY hits.score DESC, hits.pk"
)
_HEADLINE_OPTIONS = (f'StartSel="{SNIPPET_OPEN}", StopSel="{SNIPPET_CLOSE}", MaxWords=16, MinWords=15, ShortWord=0,'
                     ' MaxFragments=1, FragmentDelimiter=" "')
_QUOTES_MATCH = Template("quotes.$search @@ to_tsquery('$config', :quotes_tsquery)")
_INDEXES = {True: {"search": "search_stem", "config": "presslens_stem"},
            False: {"search": "search", "config": "presslens"}}


class TsvectorSearch(SearchBackend):
    """The FTS5 query parsed (invalid syntax: its plain words, as on SQLite) and run as a ``tsquery``; snippets
    from ``ts_headline`` put back onto the clean text with FTS5's marks."""

    name = "tsvector"

    def search_articles(self, conn: Connection, query: str, limit: int,
                        scope: ArticleScope = WHOLE_ARCHIVE) -> list[SearchHit]:
        try:
            tree = parse(query, ARTICLE_COLUMNS)
        except QuerySyntaxError:
            plain = quoted_terms(query)
            if not plain:
                return []
            tree = parse(plain, ARTICLE_COLUMNS)
        tsquery = to_tsquery(tree, ARTICLE_COLUMNS)
        if tsquery is None:
            return []
        where, params = scope.where()
        statement = text(_TSVECTOR_SEARCH.substitute(_INDEXES[scope.stemmed], where=where)).bindparams(*params)
        rows = conn.execute(statement, {"tsquery": tsquery, "phrases": phrase_tsqueries(tree),
                                               "highlight": highlight_tsquery(tree),
                                               "limit": limit, "punctuation": PUNCTUATION,
                                               "spaces": " " * len(PUNCTUATION),
                                               "options": _HEADLINE_OPTIONS}).all()
        return [SearchHit(article_summary(row), headline_snippet(row.clean_text, row.snippet)) for row in rows]

    def _quote_keys(self, terms: list[str], stemmed: bool) -> Select | bool:
        tsquery = to_tsquery(parse(phrases(terms), QUOTE_COLUMNS), QUOTE_COLUMNS)
        if tsquery is None:
            return False
        match = text(_QUOTES_MATCH.substitute(_INDEXES[stemmed])).bindparams(quotes_tsquery=tsquery)
        return select(QuoteRow.pk).where(match)
