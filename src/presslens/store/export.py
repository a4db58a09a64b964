"""Every row of a table, streamed for export: flat records with fixed columns, filtered, in a stable order.

One query a table (stories and threads joined with their members and grouped on the fly), read in batches
(a server-side cursor on PostgreSQL), so memory stays flat however many rows there are.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from sqlalchemy import Connection, Select, and_, func, or_, select

from ..errors import ConfigError
from .models import (
    ArticleRow,
    EntityRow,
    MentionRow,
    QuoteRow,
    StoryLinkRow,
    StoryRow,
    StoryThreadRow,
    ThreadRow,
    without_nul,
)
from .patterns import ESCAPE, contains
from .quotes import quote_id

__all__ = ["EXPORT_COLUMNS", "EXPORT_TABLES", "ExportFilters", "check_export", "export_rows", "quote_id"]

BATCH_ROWS = 2000

# Each table's columns and their types: str, int, float, bool, date or list (of strings).
EXPORT_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (("article_id", "str"), ("story_id", "str"), ("outlet", "str"), ("outlet_domain", "str"),
                 ("url", "str"), ("title", "str"), ("published", "date"), ("published_at", "str"),
                 ("language", "str"), ("format", "str"), ("word_count", "int"), ("source", "str"),
                 ("clean_text", "str"), ("raw_text", "str")),
    "quotes": (("quote_id", "str"), ("article_id", "str"), ("story_id", "str"), ("position", "int"),
               ("outlet", "str"), ("published", "date"), ("kind", "str"), ("content", "str"),
               ("content_start", "int"), ("content_end", "int"), ("speaker", "str"), ("speaker_start", "int"),
               ("speaker_end", "int"), ("speaker_name", "str"), ("speaker_role", "str"),
               ("speaker_entity_id", "str"), ("cue", "str"), ("cue_start", "int"), ("cue_end", "int"),
               ("channel", "str"), ("method", "str")),
    "mentions": (("article_id", "str"), ("story_id", "str"), ("outlet", "str"), ("published", "date"),
                 ("entity_id", "str"), ("entity_name", "str"), ("entity_kind", "str"), ("start", "int"),
                 ("end", "int"), ("text", "str"), ("kind", "str"), ("source", "str"), ("evidence", "str")),
    "entities": (("entity_id", "str"), ("kind", "str"), ("name", "str"), ("roles", "list"), ("forms", "list"),
                 ("mentions", "int"), ("articles", "int")),
    "stories": (("story_id", "str"), ("thread_id", "str"), ("title", "str"), ("size", "int"),
                ("outlets", "list"), ("first_seen", "date"), ("last_seen", "date"), ("article_ids", "list")),
    "threads": (("thread_id", "str"), ("title", "str"), ("stories", "int"), ("articles", "int"),
                ("outlets", "list"), ("first_seen", "date"), ("last_seen", "date"), ("story_ids", "list")),
}
EXPORT_TABLES = tuple(EXPORT_COLUMNS)


@dataclass(frozen=True, slots=True)
class ExportFilters:
    """What to export: articles published in ``since``..``until`` (stories and threads: whose days overlap it),
    of an outlet, of one story (an id or its first characters, resolved by the caller), quotes of a speaker."""

    since: date | None = None
    until: date | None = None
    outlet: str | None = None
    story_id: str | None = None
    speaker: str | None = None


def export_rows(conn: Connection, table: str, filters: ExportFilters = ExportFilters()) -> Iterator[dict]:
    """Every row of ``table`` (one of ``EXPORT_TABLES``) that passes ``filters``, as a dict of its columns."""
    check_export(table, filters)
    return _READERS[table](conn, filters)


def check_export(table: str, filters: ExportFilters) -> None:
    """A ``ConfigError`` for a table that is not exported or a filter that does not apply to it."""
    if table not in EXPORT_COLUMNS:
        raise ConfigError("E006", what=table, allowed=", ".join(EXPORT_TABLES))
    if filters.speaker and table != "quotes":
        raise ConfigError("E007", option="speaker", applies="quotes")


def _stream(conn: Connection, query: Select):
    return conn.execution_options(yield_per=BATCH_ROWS).execute(query)


def _article_filter(filters: ExportFilters):
    """The articles chosen by the date, outlet and story filters (None: all)."""
    conditions = []
    if filters.since:
        conditions.append(ArticleRow.published >= filters.since)
    if filters.until:
        conditions.append(ArticleRow.published <= filters.until)
    if filters.outlet:
        conditions.append(func.lower(ArticleRow.outlet) == without_nul(filters.outlet.lower()))
    if filters.story_id:
        members = select(StoryLinkRow.article_id).where(StoryLinkRow.story_id == filters.story_id)
        conditions.append(ArticleRow.id.in_(members))
    return and_(*conditions) if conditions else None


def _with_articles(query: Select, filters: ExportFilters) -> Select:
    chosen = _article_filter(filters)
    return query if chosen is None else query.where(chosen)


def _articles(conn: Connection, filters: ExportFilters) -> Iterator[dict]:
    query = (select(ArticleRow, StoryLinkRow.story_id)
             .outerjoin(StoryLinkRow, StoryLinkRow.article_id == ArticleRow.id).order_by(ArticleRow.pk))
    for row in _stream(conn, _with_articles(query, filters)):
        yield {"article_id": row.id, "story_id": row.story_id, "outlet": row.outlet,
               "outlet_domain": row.outlet_domain, "url": row.url, "title": row.title,
               "published": _day(row.published), "published_at": row.published_at, "language": row.language,
               "format": row.fmt, "word_count": row.word_count, "source": row.source,
               "clean_text": row.clean_text, "raw_text": row.raw_text}


def _quotes(conn: Connection, filters: ExportFilters) -> Iterator[dict]:
    query = (select(QuoteRow.__table__, ArticleRow.outlet, ArticleRow.published, StoryLinkRow.story_id)
             .join(ArticleRow, ArticleRow.id == QuoteRow.article_id)
             .outerjoin(StoryLinkRow, StoryLinkRow.article_id == QuoteRow.article_id)
             .order_by(ArticleRow.pk, QuoteRow.position))
    if filters.speaker:
        pattern = contains(filters.speaker)
        query = query.where(or_(func.lower(QuoteRow.speaker_name).like(pattern, escape=ESCAPE),
                                func.lower(QuoteRow.speaker_text).like(pattern, escape=ESCAPE)))
    for row in _stream(conn, _with_articles(query, filters)):
        yield {"quote_id": quote_id(row.article_id, row.position), "article_id": row.article_id,
               "story_id": row.story_id, "position": row.position, "outlet": row.outlet,
               "published": _day(row.published), "kind": row.kind, "content": row.content_text,
               "content_start": row.content_start, "content_end": row.content_end, "speaker": row.speaker_text,
               "speaker_start": row.speaker_start, "speaker_end": row.speaker_end,
               "speaker_name": row.speaker_name, "speaker_role": row.speaker_role,
               "speaker_entity_id": row.speaker_entity_id, "cue": row.cue_text, "cue_start": row.cue_start,
               "cue_end": row.cue_end, "channel": row.channel, "method": row.method}


def _mentions(conn: Connection, filters: ExportFilters) -> Iterator[dict]:
    query = (select(MentionRow.__table__, ArticleRow.outlet, ArticleRow.published, StoryLinkRow.story_id,
                    EntityRow.name.label("entity_name"), EntityRow.kind.label("entity_kind"))
             .join(ArticleRow, ArticleRow.id == MentionRow.article_id)
             .outerjoin(EntityRow, EntityRow.id == MentionRow.entity_id)
             .outerjoin(StoryLinkRow, StoryLinkRow.article_id == MentionRow.article_id)
             .order_by(ArticleRow.pk, MentionRow.start, MentionRow.pk))
    for row in _stream(conn, _with_articles(query, filters)):
        yield {"article_id": row.article_id, "story_id": row.story_id, "outlet": row.outlet,
               "published": _day(row.published), "entity_id": row.entity_id, "entity_name": row.entity_name,
               "entity_kind": row.entity_kind, "start": row.start, "end": row.end, "text": row.text,
               "kind": row.kind, "source": row.source, "evidence": row.evidence}


def _entities(conn: Connection, filters: ExportFilters) -> Iterator[dict]:
    """Entities with their mentions counted in the chosen articles; those with none there are left out."""
    counts = select(MentionRow.entity_id, func.count().label("mentions"),
                    func.count(func.distinct(MentionRow.article_id)).label("articles"))
    chosen = _article_filter(filters)
    if chosen is not None:
        counts = counts.where(MentionRow.article_id.in_(select(ArticleRow.id).where(chosen)))
    counts = counts.group_by(MentionRow.entity_id).subquery()
    query = (select(EntityRow.__table__, counts.c.mentions, counts.c.articles)
             .join(counts, counts.c.entity_id == EntityRow.id).order_by(EntityRow.id))
    for row in _stream(conn, query):
        yield {"entity_id": row.id, "kind": row.kind, "name": row.name, "roles": json.loads(row.roles),
               "forms": json.loads(row.forms), "mentions": row.mentions, "articles": row.articles}


def _overlapping(table, filters: ExportFilters) -> list:
    """Conditions for stories or threads whose first and last days overlap ``since``..``until``."""
    conditions = []
    if filters.since:
        conditions.append(table.last_seen >= filters.since)
    if filters.until:
        conditions.append(table.first_seen <= filters.until)
    return conditions


def _stories_of_outlet(outlet: str) -> Select:
    return (select(StoryLinkRow.story_id).join(ArticleRow, ArticleRow.id == StoryLinkRow.article_id)
            .where(func.lower(ArticleRow.outlet) == without_nul(outlet.lower())))


def _stories(conn: Connection, filters: ExportFilters) -> Iterator[dict]:
    """Stories, each with its articles' ids in arrival order: one query over stories and links, grouped."""
    query = (select(StoryRow.__table__, StoryThreadRow.thread_id, StoryLinkRow.article_id)
             .join(StoryLinkRow, StoryLinkRow.story_id == StoryRow.id)
             .outerjoin(StoryThreadRow, StoryThreadRow.story_id == StoryRow.id)
             .where(*_overlapping(StoryRow, filters)).order_by(StoryRow.id, StoryLinkRow.position))
    if filters.outlet:
        query = query.where(StoryRow.id.in_(_stories_of_outlet(filters.outlet)))
    if filters.story_id:
        query = query.where(StoryRow.id == filters.story_id)
    for _, rows in groupby(_stream(conn, query), key=lambda row: row.id):
        rows = list(rows)
        first = rows[0]
        yield {"story_id": first.id, "thread_id": first.thread_id, "title": first.title, "size": first.size,
               "outlets": json.loads(first.outlets), "first_seen": _day(first.first_seen),
               "last_seen": _day(first.last_seen), "article_ids": [row.article_id for row in rows]}


def _threads(conn: Connection, filters: ExportFilters) -> Iterator[dict]:
    """Threads, each with its stories' ids in time order."""
    query = (select(ThreadRow.__table__, StoryThreadRow.story_id)
             .join(StoryThreadRow, StoryThreadRow.thread_id == ThreadRow.id)
             .where(*_overlapping(ThreadRow, filters)).order_by(ThreadRow.id, StoryThreadRow.position))
    if filters.outlet:
        query = query.where(ThreadRow.id.in_(select(StoryThreadRow.thread_id).where(
            StoryThreadRow.story_id.in_(_stories_of_outlet(filters.outlet)))))
    if filters.story_id:
        query = query.where(ThreadRow.id.in_(select(StoryThreadRow.thread_id)
                                             .where(StoryThreadRow.story_id == filters.story_id)))
    for _, rows in groupby(_stream(conn, query), key=lambda row: row.id):
        rows = list(rows)
        first = rows[0]
        yield {"thread_id": first.id, "title": first.title, "stories": first.stories, "articles": first.articles,
               "outlets": json.loads(first.outlets), "first_seen": _day(first.first_seen),
               "last_seen": _day(first.last_seen), "story_ids": [row.story_id for row in rows]}


def _day(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


_READERS = {"articles": _articles, "quotes": _quotes, "mentions": _mentions, "entities": _entities,
            "stories": _stories, "threads": _threads}
