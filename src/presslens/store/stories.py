"""Story rows: what the stories stage needs to replay the stream, and the stories it found."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date

from sqlalchemy import Connection, delete, func, or_, select

from ..records import Story, StoryLink
from .engine import LOCK_STORIES, advisory_lock, insert_for
from .models import ArticleRow, ArticleVectorRow, MentionRow, StoryLinkRow, StoryRow, StoryStateRow
from .patterns import ESCAPE, contains

STORY_ENTITY_KINDS = ("person", "organisation", "work", "place")


@dataclass(frozen=True, slots=True)
class StoryInput:
    """A stored article as the stories stage reads it, in arrival order."""

    article_id: str
    title: str
    text: str
    published: date | None
    outlet: str | None
    language: str | None
    entity_ids: tuple[str, ...]
    vector: bytes | None


@dataclass(frozen=True, slots=True)
class StoryCheckpoint:
    """The stories stage's saved stream: it holds every dated article published before ``before``
    (``articles`` of them), saved with settings ``fingerprint``."""

    fingerprint: str
    before: date
    articles: int
    state: bytes


@dataclass(frozen=True, slots=True)
class StoryMember:
    """One article of a story, for timelines."""

    article_id: str
    outlet: str | None
    title: str | None
    published: date | None
    url: str | None
    position: int
    probability: float | None
    duplicate_of: str | None
    containment: float | None

    def as_dict(self) -> dict:
        data = asdict(self)
        data["published"] = self.published.isoformat() if self.published else None
        return data


@dataclass(frozen=True, slots=True)
class StorySummary:
    """A stored story; ``members`` is filled for a single story, by time then arrival."""

    story_id: str
    title: str
    size: int
    outlets: list[str]
    first_seen: date | None
    last_seen: date | None
    duplicates: int = 0
    members: list[StoryMember] = field(default_factory=list)

    def as_dict(self) -> dict:
        return span_dict(self, "members", "articles")


def span_dict(summary, nested: str, key: str) -> dict:
    """A story's or thread's summary as JSON-ready data: days as ISO strings, its ``nested`` records (when
    filled) under ``key``."""
    data = {k: getattr(summary, k) for k in summary.__slots__ if k != nested}
    for day in ("first_seen", "last_seen"):
        data[day] = data[day].isoformat() if data[day] else None
    if getattr(summary, nested):
        data[key] = [m.as_dict() for m in getattr(summary, nested)]
    return data


def story_inputs(conn: Connection, vector_model: str, since: date | None = None) -> Iterator[StoryInput]:
    """Stored articles in arrival order (with ``since``: only those published that day or later, or undated),
    with their entity ids and cached embedding."""
    chosen = select(ArticleRow.id)
    if since is not None:
        chosen = chosen.where(_published_since(since))
    entities: dict[str, set[str]] = defaultdict(set)
    for article_id, entity_id in conn.execute(select(MentionRow.article_id, MentionRow.entity_id)
                                              .where(MentionRow.kind.in_(STORY_ENTITY_KINDS))
                                              .where(MentionRow.article_id.in_(chosen.scalar_subquery()))):
        entities[article_id].add(entity_id)
    query = (select(ArticleRow.id, ArticleRow.title, ArticleRow.clean_text, ArticleRow.published, ArticleRow.outlet,
                    ArticleRow.language, ArticleVectorRow.vector)
             .outerjoin(ArticleVectorRow, (ArticleVectorRow.article_id == ArticleRow.id)
                        & (ArticleVectorRow.model == vector_model))
             .order_by(ArticleRow.pk))
    if since is not None:
        query = query.where(_published_since(since))
    for row in conn.execute(query):
        yield StoryInput(row.id, row.title or "", row.clean_text, row.published, row.outlet, row.language,
                         tuple(sorted(entities.get(row.id, ()))), row.vector)


def _published_since(since: date):
    """Articles a run resumed from the checkpoint of ``since`` streams again: published that day or later, or
    undated."""
    return or_(ArticleRow.published >= since, ArticleRow.published.is_(None))


def earlier_story_members(conn: Connection, story_ids: Sequence[str],
                          before: date) -> list[tuple[str, StoryInput]]:
    """(story id, article) of the stories' members published before ``before``, in stream order: what a
    resumed run does not replay but needs to describe those stories again."""
    if not story_ids:
        return []
    query = (select(StoryLinkRow.story_id, ArticleRow.id, ArticleRow.title, ArticleRow.clean_text,
                    ArticleRow.published, ArticleRow.outlet, ArticleRow.language)
             .join(ArticleRow, ArticleRow.id == StoryLinkRow.article_id)
             .where(StoryLinkRow.story_id.in_(sorted(story_ids)), ArticleRow.published < before)
             .order_by(StoryLinkRow.position))
    return [(row.story_id, StoryInput(row.id, row.title or "", row.clean_text, row.published, row.outlet,
                                      row.language, (), None)) for row in conn.execute(query)]


def stories_since(conn: Connection, since: date) -> set[str]:
    """Stories with a member published on or after ``since`` (or undated)."""
    return set(conn.scalars(select(StoryLinkRow.story_id).join(ArticleRow, ArticleRow.id == StoryLinkRow.article_id)
                            .where(_published_since(since))))


def story_checkpoint(conn: Connection) -> StoryCheckpoint | None:
    row = conn.execute(select(StoryStateRow.__table__).where(StoryStateRow.id == 1)).one_or_none()
    return None if row is None else StoryCheckpoint(row.fingerprint, row.before, row.articles, row.state)


def count_articles_before(conn: Connection, day: date) -> int:
    return conn.scalar(select(func.count()).select_from(ArticleRow).where(ArticleRow.published < day)) or 0


def save_vectors(conn: Connection, model: str, vectors: Mapping[str, bytes]) -> None:
    """Keep these embeddings, replacing any stored for the same articles (another writer's too)."""
    if not vectors:
        return
    insert = insert_for(conn.dialect.name)(ArticleVectorRow)
    upsert = insert.on_conflict_do_update(index_elements=["article_id"],
                                          set_={"model": insert.excluded.model, "vector": insert.excluded.vector})
    conn.execute(upsert, [{"article_id": k, "model": model, "vector": vectors[k]} for k in sorted(vectors)])


def replace_stories(conn: Connection, stories: Sequence[Story], links: Sequence[StoryLink],
                    checkpoint: StoryCheckpoint | None = None) -> None:
    """Swap every story and link for these, and the saved stream for ``checkpoint`` (in the caller's
    transaction; one writer at a time)."""
    advisory_lock(conn, LOCK_STORIES)
    conn.execute(delete(StoryLinkRow))
    conn.execute(delete(StoryRow))
    _insert_stories(conn, stories, links)
    _save_checkpoint(conn, checkpoint)


def resume_stories(conn: Connection, since: date, stories: Sequence[Story], links: Sequence[StoryLink],
                   checkpoint: StoryCheckpoint | None) -> None:
    """After a run resumed from the checkpoint of ``since``: the links of every article published since then
    (and undated ones) and of earlier articles whose group of copies changed are ``links``; ``stories`` are the
    stories those links touch, as they now are (any other story they used to touch is gone)."""
    advisory_lock(conn, LOCK_STORIES)
    replayed = select(ArticleRow.id).where(_published_since(since))
    conn.execute(delete(StoryRow).where(StoryRow.id.in_(
        select(StoryLinkRow.story_id).where(StoryLinkRow.article_id.in_(replayed.scalar_subquery())))))
    conn.execute(delete(StoryLinkRow).where(StoryLinkRow.article_id.in_(replayed.scalar_subquery())))
    for chunk in range(0, len(links), 500):
        ids = [link.article_id for link in links[chunk:chunk + 500]]
        conn.execute(delete(StoryLinkRow).where(StoryLinkRow.article_id.in_(ids)))
    conn.execute(delete(StoryRow).where(StoryRow.id.in_(sorted({s.story_id for s in stories}))))
    _insert_stories(conn, stories, links)
    _save_checkpoint(conn, checkpoint)


def _insert_stories(conn: Connection, stories: Sequence[Story], links: Sequence[StoryLink]) -> None:
    if links:
        conn.execute(StoryLinkRow.__table__.insert(), [asdict(link) for link in links])
    if stories:
        conn.execute(StoryRow.__table__.insert(), [
            {"id": s.story_id, "title": s.title, "size": len(s.article_ids), "outlets": json.dumps(s.outlets),
             "first_seen": s.first_seen, "last_seen": s.last_seen} for s in stories])


def _save_checkpoint(conn: Connection, checkpoint: StoryCheckpoint | None) -> None:
    conn.execute(delete(StoryStateRow))
    if checkpoint is not None:
        conn.execute(StoryStateRow.__table__.insert(), [{"id": 1, **asdict(checkpoint)}])


def _story_conditions(*, story_ids: Sequence[str] | None = None, outlet: str | None = None,
                      search: str | None = None, min_size: int = 1, since: date | None = None,
                      until: date | None = None) -> list:
    conditions = [StoryRow.size >= min_size]
    if story_ids is not None:
        conditions.append(StoryRow.id.in_(list(story_ids)))
    if outlet:
        conditions.append(func.lower(StoryRow.outlets).like(contains(f'"{outlet}"'), escape=ESCAPE))
    if search:
        pattern = contains(search)
        members = (select(StoryLinkRow.story_id).join(ArticleRow, ArticleRow.id == StoryLinkRow.article_id)
                   .where(func.lower(ArticleRow.title).like(pattern, escape=ESCAPE)))
        conditions.append(or_(func.lower(StoryRow.title).like(pattern, escape=ESCAPE), StoryRow.id.in_(members)))
    if since:
        conditions.append(StoryRow.last_seen >= since)
    if until:
        conditions.append(StoryRow.first_seen <= until)
    return conditions


def count_stories(conn: Connection, **filters) -> int:
    """How many stories ``story_summaries`` has for these filters."""
    return conn.scalar(select(func.count()).select_from(StoryRow).where(*_story_conditions(**filters))) or 0


def story_summaries(conn: Connection, *, order: str = "size", limit: int = 50, offset: int = 0,
                    **filters) -> list[StorySummary]:
    """Stories by size (then recency) or by recency (``order="recent"``), filtered by ``story_ids``, ``outlet``,
    ``search`` (headline words), ``min_size``, and days overlapping ``since``..``until``."""
    duplicates = (select(StoryLinkRow.story_id, func.count().label("n")).where(StoryLinkRow.duplicate_of.is_not(None))
                  .group_by(StoryLinkRow.story_id).subquery())
    query = (select(StoryRow.id, StoryRow.title, StoryRow.size, StoryRow.outlets, StoryRow.first_seen,
                    StoryRow.last_seen, func.coalesce(duplicates.c.n, 0))
             .outerjoin(duplicates, duplicates.c.story_id == StoryRow.id).where(*_story_conditions(**filters)))
    recency = StoryRow.last_seen.desc().nulls_last()
    ordering = (recency, StoryRow.size.desc()) if order == "recent" else (StoryRow.size.desc(), recency)
    rows = conn.execute(query.order_by(*ordering, StoryRow.id).limit(limit).offset(offset)).all()
    return [StorySummary(r[0], r[1], r[2], json.loads(r[3]), r[4], r[5], r[6]) for r in rows]


def story_members(conn: Connection, story_id: str) -> list[StoryMember]:
    query = (select(ArticleRow.id, ArticleRow.outlet, ArticleRow.title, ArticleRow.published, ArticleRow.url,
                    StoryLinkRow.position, StoryLinkRow.probability, StoryLinkRow.duplicate_of,
                    StoryLinkRow.containment)
             .join(StoryLinkRow, StoryLinkRow.article_id == ArticleRow.id)
             .where(StoryLinkRow.story_id == story_id)
             .order_by(ArticleRow.published.asc().nulls_last(), StoryLinkRow.position))
    return [StoryMember(*row) for row in conn.execute(query)]


def story_of_article(conn: Connection, article_id: str) -> str | None:
    return conn.scalar(select(StoryLinkRow.story_id).where(StoryLinkRow.article_id == article_id))


def story_links_of(conn: Connection, *, story_ids: Sequence[str] = (), article_ids: Sequence[str] = ()
                   ) -> list[tuple[str, str]]:
    """``(story id, article id)`` of these stories' members, or of these articles, in stream order."""
    out: list[tuple[str, str]] = []
    for column, keys in ((StoryLinkRow.story_id, list(story_ids)), (StoryLinkRow.article_id, list(article_ids))):
        for chunk in range(0, len(keys), 500):
            query = (select(StoryLinkRow.story_id, StoryLinkRow.article_id)
                     .where(column.in_(keys[chunk:chunk + 500])).order_by(StoryLinkRow.position))
            out += [(story, article) for story, article in conn.execute(query)]
    return out


def story_article_ids(conn: Connection, story_id: str) -> list[str]:
    return list(conn.scalars(select(StoryLinkRow.article_id).where(StoryLinkRow.story_id == story_id)
                             .order_by(StoryLinkRow.position)))
