"""Entity and mention rows: merging canonical entities, and reading them back."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass

from sqlalchemy import Connection, func, or_, select

from ..records import ENTITY_KINDS, Entity, KnownPerson, Mention, Span
from .engine import insert_for
from .models import ArticleRow, EntityRow, MentionRow
from .patterns import ESCAPE, contains, printable


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """A canonical entity with how often and where it is mentioned."""

    entity_id: str
    kind: str
    name: str
    roles: list[str]
    forms: list[str]
    mentions: int
    articles: int
    outlets: list[str]

    def as_dict(self) -> dict:
        return asdict(self)


def merge_entities(conn: Connection, entities: Iterable[Entity]) -> None:
    """Insert new entities; for known ones, add the new roles and surface forms (and a longer name)."""
    merged: dict[str, Entity] = {}
    for entity in entities:
        seen = merged.get(entity.entity_id)
        if seen is None:
            merged[entity.entity_id] = Entity(entity.entity_id, entity.kind, entity.name, list(entity.roles),
                                              list(entity.forms))
        else:
            _absorb(seen, entity.name, entity.roles, entity.forms)
    if not merged:
        return
    # New ids are inserted (skipped where another writer got there first), the rest are locked and
    # updated; both in id order, so that two writers never wait on each other in a circle.
    ids = sorted(merged)
    rows = [{"id": i, "kind": merged[i].kind, "name": merged[i].name, "roles": json.dumps(merged[i].roles),
             "forms": json.dumps(merged[i].forms)} for i in ids]
    insert = insert_for(conn.dialect.name)(EntityRow).on_conflict_do_nothing(index_elements=["id"])
    if conn.dialect.insert_executemany_returning:
        inserted = set(conn.scalars(insert.returning(EntityRow.id), rows))
    else:
        before = set(conn.scalars(select(EntityRow.id).where(EntityRow.id.in_(ids))))
        conn.execute(insert, [row for row in rows if row["id"] not in before])
        inserted = set(ids) - before
    others = [i for i in ids if i not in inserted]
    if not others:
        return
    query = select(EntityRow).where(EntityRow.id.in_(others)).order_by(EntityRow.id).with_for_update(key_share=True)
    stored = {row.id: row for row in conn.execute(query)}
    for entity_id in others:
        entity, row = merged[entity_id], stored[entity_id]
        known = Entity(entity_id, row.kind, row.name, json.loads(row.roles), json.loads(row.forms))
        _absorb(known, entity.name, entity.roles, entity.forms)
        conn.execute(EntityRow.__table__.update().where(EntityRow.id == entity_id).values(
            name=known.name, roles=json.dumps(known.roles), forms=json.dumps(known.forms)))


def _absorb(entity: Entity, name: str, roles: Sequence[str], forms: Sequence[str]) -> None:
    if len(name) > len(entity.name):
        entity.name = name
    entity.roles += [r for r in roles if r not in entity.roles]
    entity.forms = sorted(set(entity.forms) | set(forms))


def mention_rows(mentions: Iterable[Mention]) -> list[dict]:
    return [{"article_id": m.article_id, "entity_id": m.entity_id, "start": m.span.start, "end": m.span.end,
             "text": m.span.text, "kind": m.label, "source": m.source, "evidence": m.evidence}
            for m in mentions]


def known_people(conn: Connection, surnames: Iterable[str],
                 surname_of: Callable[[str], str | None]) -> dict[str, list[KnownPerson]]:
    """Stored full-name people whose surname (``surname_of`` their name: the entities stage's key) is one of
    ``surnames``, with the entities seen beside them."""
    surnames = set(surnames)
    if not surnames:
        return {}
    people = conn.execute(select(EntityRow.id, EntityRow.name).where(EntityRow.kind == "person")
                          .order_by(EntityRow.id)).all()
    out: dict[str, list[KnownPerson]] = {}
    for entity_id, name in people:
        surname = surname_of(name)
        if surname is not None and surname in surnames:
            out.setdefault(surname, []).append(KnownPerson(entity_id, surname, _neighbours(conn, entity_id), name=name))
    return out


def _neighbours(conn: Connection, entity_id: str) -> set[str]:
    articles = select(MentionRow.article_id).where(MentionRow.entity_id == entity_id)
    query = select(MentionRow.entity_id).distinct().where(MentionRow.article_id.in_(articles))
    return set(conn.scalars(query)) - {entity_id}


def entity_summaries(conn: Connection, *, kind: str | None = None, search: str | None = None,
                     entity_ids: Sequence[str] | None = None, limit: int = 50,
                     offset: int = 0) -> list[EntitySummary]:
    """Entities, most mentioned first, filtered by kind, words in the name or forms, or ids."""
    counts = (select(MentionRow.entity_id, func.count().label("mentions"),
                     func.count(func.distinct(MentionRow.article_id)).label("articles"))
              .group_by(MentionRow.entity_id).subquery())
    query = select(EntityRow.__table__, counts.c.mentions, counts.c.articles).join(
        counts, counts.c.entity_id == EntityRow.id).where(*_entity_conditions(kind, search, entity_ids))
    query = query.order_by(counts.c.mentions.desc(), EntityRow.name, EntityRow.id).limit(limit).offset(offset)
    rows = conn.execute(query).all()
    outlets = _outlets(conn, [row.id for row in rows])
    return [EntitySummary(row.id, row.kind, row.name, json.loads(row.roles), json.loads(row.forms), row.mentions,
                          row.articles, outlets.get(row.id, [])) for row in rows]


def count_entities(conn: Connection, *, kind: str | None = None, search: str | None = None) -> int:
    """How many entities ``entity_summaries`` has for these filters."""
    mentioned = select(MentionRow.entity_id)
    query = select(func.count()).select_from(EntityRow).where(EntityRow.id.in_(mentioned),
                                                               *_entity_conditions(kind, search, None))
    return conn.scalar(query) or 0


def _entity_conditions(kind: str | None, search: str | None, entity_ids: Sequence[str] | None) -> list:
    conditions = []
    if kind:
        conditions.append(EntityRow.kind == kind)
    if entity_ids is not None:
        conditions.append(EntityRow.id.in_(list(entity_ids)))
    for word in printable(search or "").split():
        pattern = contains(word)
        conditions.append(or_(func.lower(EntityRow.name).like(pattern, escape=ESCAPE),
                              func.lower(EntityRow.forms).like(pattern, escape=ESCAPE),
                              func.lower(EntityRow.id).like(pattern, escape=ESCAPE)))
    return conditions


def _outlets(conn: Connection, entity_ids: Sequence[str]) -> dict[str, list[str]]:
    query = (select(MentionRow.entity_id, ArticleRow.outlet).distinct()
             .join(ArticleRow, ArticleRow.id == MentionRow.article_id)
             .where(MentionRow.entity_id.in_(list(entity_ids))).order_by(ArticleRow.outlet.nulls_first()))
    out: dict[str, list[str]] = {}
    for entity_id, outlet in conn.execute(query):
        out.setdefault(entity_id, []).append(outlet or "(unknown)")
    return out


def entity_mentions(conn: Connection, entity_id: str, limit: int = 500) -> list[dict]:
    """An entity's mentions with their article's outlet, title and date, oldest first."""
    query = (select(MentionRow.__table__, ArticleRow.outlet, ArticleRow.title, ArticleRow.published)
             .join(ArticleRow, ArticleRow.id == MentionRow.article_id).where(MentionRow.entity_id == entity_id)
             .order_by(ArticleRow.published.nulls_last(), ArticleRow.pk, MentionRow.start, MentionRow.pk)
             .limit(limit))
    return [{"article_id": m.article_id, "outlet": outlet, "title": title,
             "published": published.isoformat() if hasattr(published, "isoformat") else published,
             "start": m.start, "end": m.end, "text": m.text, "source": m.source, "evidence": m.evidence}
            for m in conn.execute(query) for outlet, title, published in [(m.outlet, m.title, m.published)]]


def article_mentions(conn: Connection, article_id: str) -> list[dict]:
    """An article's mentions in text order, with their entity ids."""
    query = (select(MentionRow.__table__).where(MentionRow.article_id == article_id)
             .order_by(MentionRow.start, MentionRow.pk))
    return [{"entity_id": m.entity_id, "start": m.start, "end": m.end, "text": m.text, "kind": m.kind,
             "source": m.source, "evidence": m.evidence} for m in conn.execute(query)]


def ids_for_slugs(conn: Connection, slugs: Iterable[str]) -> dict[str, str]:
    """Stored entity ids by name slug, whatever their kind (kinds in ENTITY_KINDS order win a tie)."""
    slugs = set(slugs)
    if not slugs:
        return {}
    candidates = [f"{kind}:{s}" for s in slugs for kind in ENTITY_KINDS]
    found: set[str] = set()
    for chunk in range(0, len(candidates), 500):
        found |= set(conn.scalars(select(EntityRow.id).where(EntityRow.id.in_(candidates[chunk:chunk + 500]))))
    out: dict[str, str] = {}
    for entity_id in candidates:
        if entity_id in found:
            out.setdefault(entity_id.split(":", 1)[1], entity_id)
    return out


def mention_records(conn: Connection, article_ids: Sequence[str]) -> list[Mention]:
    """The stored mentions of these articles as ``Mention`` records."""
    query = select(MentionRow).where(MentionRow.article_id.in_(list(article_ids))).order_by(
        MentionRow.article_id, MentionRow.start, MentionRow.pk)
    return [Mention(m.article_id, Span(m.start, m.end, m.text), m.kind, m.entity_id, m.source, m.evidence)
            for m in conn.execute(query)]


def entity_records(conn: Connection, entity_ids: Iterable[str]) -> dict[str, Entity]:
    """Stored entities by id."""
    ids = sorted(set(entity_ids))
    out: dict[str, Entity] = {}
    for chunk in range(0, len(ids), 500):
        for row in conn.execute(select(EntityRow).where(EntityRow.id.in_(ids[chunk:chunk + 500]))):
            out[row.id] = Entity(row.id, row.kind, row.name, json.loads(row.roles or "[]"),
                                 json.loads(row.forms or "[]"))
    return out
