"""Read-only queries for the web UI's index pages: counts over time, who is quoted most, wire copies."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, func, or_, select

from .models import ArticleRow, EntityRow, QuoteRow, StoryLinkRow
from .patterns import ESCAPE, contains
from .stories import StorySummary, story_summaries

UNKNOWN = "(unknown)"


@dataclass(frozen=True, slots=True)
class QuotedEntity:
    """An entity with how many stored quotes name it as their speaker, in how many outlets."""

    entity_id: str
    kind: str
    name: str
    quotes: int
    outlets: int


def outlet_days(conn: Connection) -> list[tuple[str, date, int]]:
    """``(outlet, day, articles published that day)`` for every dated article."""
    query = (select(ArticleRow.outlet, ArticleRow.published, func.count())
             .where(ArticleRow.published.is_not(None))
             .group_by(ArticleRow.outlet, ArticleRow.published).order_by(ArticleRow.published))
    return [(outlet or UNKNOWN, day, n) for outlet, day, n in conn.execute(query)]


def top_speakers_by_outlet(conn: Connection, per_outlet: int = 5) -> dict[str, list[tuple[str, str | None, int]]]:
    """Each outlet's most quoted speakers: ``(name, entity id or None, quotes)``, most first."""
    query = (select(ArticleRow.outlet, QuoteRow.speaker_name, QuoteRow.speaker_entity_id, func.count())
             .join(ArticleRow, ArticleRow.id == QuoteRow.article_id)
             .where(QuoteRow.speaker_name.is_not(None))
             .group_by(ArticleRow.outlet, QuoteRow.speaker_name, QuoteRow.speaker_entity_id))
    found: dict[str, list[tuple[str, str | None, int]]] = defaultdict(list)
    for outlet, name, entity_id, n in conn.execute(query):
        found[outlet or UNKNOWN].append((name, entity_id, n))
    return {outlet: sorted(rows, key=lambda r: (-r[2], r[0]))[:per_outlet] for outlet, rows in found.items()}


def _entity_filter(query, kind: str | None, search: str | None):
    if kind:
        query = query.where(EntityRow.kind == kind)
    if search:
        pattern = contains(search)
        query = query.where(or_(func.lower(EntityRow.name).like(pattern, escape=ESCAPE),
                                func.lower(EntityRow.forms).like(pattern, escape=ESCAPE)))
    return query


def most_quoted(conn: Connection, *, kind: str | None = None, search: str | None = None, limit: int = 50,
                offset: int = 0) -> list[QuotedEntity]:
    """Entities that speak in stored quotes, most quoted first (then by name)."""
    quotes = func.count(QuoteRow.pk)
    outlets = func.count(func.distinct(ArticleRow.outlet))
    query = (select(EntityRow.id, EntityRow.kind, EntityRow.name, quotes, outlets)
             .join(QuoteRow, QuoteRow.speaker_entity_id == EntityRow.id)
             .join(ArticleRow, ArticleRow.id == QuoteRow.article_id)
             .group_by(EntityRow.id, EntityRow.kind, EntityRow.name))
    query = _entity_filter(query, kind, search).order_by(quotes.desc(), EntityRow.name, EntityRow.id)
    return [QuotedEntity(*row) for row in conn.execute(query.limit(limit).offset(offset))]


def count_quoted(conn: Connection, *, kind: str | None = None, search: str | None = None) -> int:
    """How many entities ``most_quoted`` has for these filters."""
    inner = _entity_filter(select(EntityRow.id).join(QuoteRow, QuoteRow.speaker_entity_id == EntityRow.id)
                           .distinct(), kind, search).subquery()
    return conn.scalar(select(func.count()).select_from(inner)) or 0


def copies_of(conn: Connection, article_ids: Sequence[str]) -> dict[str, str]:
    """Of these articles, each near-copy (wire copy) with the id of the article it copies."""
    found: dict[str, str] = {}
    ids = list(dict.fromkeys(article_ids))
    for start in range(0, len(ids), 500):
        query = (select(StoryLinkRow.article_id, StoryLinkRow.duplicate_of)
                 .where(StoryLinkRow.article_id.in_(ids[start:start + 500]), StoryLinkRow.duplicate_of.is_not(None)))
        found.update({article_id: original for article_id, original in conn.execute(query)})
    return found


def stories_by_id(conn: Connection, story_ids: Sequence[str]) -> dict[str, StorySummary]:
    """The summaries of these stories, by id."""
    ids = list(dict.fromkeys(story_ids))
    return {s.story_id: s for s in story_summaries(conn, story_ids=ids, limit=max(len(ids), 1))} if ids else {}
