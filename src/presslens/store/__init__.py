"""Store: articles, quotes, entities and stories in SQLite or PostgreSQL (or any SQLAlchemy URL).

``Store.open(url)`` creates or upgrades the schema with Alembic (the same migrations for both
backends). SQLite files run in WAL mode with foreign keys on and a busy timeout, and search with
FTS5; PostgreSQL (psycopg 3, a pre-pinged connection pool) searches a tsvector column with a GIN
index, reading the same FTS5 query syntax and ranking hits with the same bm25. The search backend
(``store.search``: ``Fts5Search``, ``TsvectorSearch``) is chosen once, when the store opens.
Both give the same rows in the same order for the same data; only snippet windows (and the order
of NEAR hits) can differ.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, and_, func, or_, select, update
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import aliased

from ..errors import ConfigError, StoreError
from ..records import (
    Article,
    Entity,
    KnownPerson,
    Mention,
    OffsetMap,
    Quote,
    Span,
    Story,
    StoryLink,
    StoryMaterial,
    Thread,
)
from ..settings import Settings, normalise_db_url
from . import browse
from .articles import SUMMARY_COLUMNS, ArticleSummary, article_summary, display_title
from .engine import (
    LOCK_MIGRATIONS,
    LOCK_STORY_UPDATE,
    advisory_lock,
    create_store_engine,
    database_url,
    insert_for,
    is_in_memory,
    shown_url,
    sqlite_file,
    update_lock,
)
from .entities import (
    EntitySummary,
    article_mentions,
    count_entities,
    entity_mentions,
    entity_records,
    entity_summaries,
    ids_for_slugs,
    known_people,
    mention_records,
    mention_rows,
    merge_entities,
)
from .export import EXPORT_COLUMNS, EXPORT_TABLES, ExportFilters, check_export, export_rows
from .feeds import FeedState, feed_states, save_feed_state
from .models import (
    ArticleRow,
    MentionRow,
    OutletRow,
    QuoteBandRow,
    QuoteRow,
    StoryLinkRow,
    StoryRow,
    ThreadRow,
    without_nul,
)
from .patterns import printable
from .quotes import (
    QuoteSummary,
    SpeakerSummary,
    quote_records,
    quote_rows,
    quotes_query,
    speaker_outlets_query,
    to_summary,
    top_speakers_query,
)
from .search import ArticleScope, SearchBackend, SearchHit, backend_for
from .stories import (
    StoryCheckpoint,
    StoryInput,
    StoryMember,
    StorySummary,
    count_articles_before,
    count_stories,
    earlier_story_members,
    replace_stories,
    resume_stories,
    save_vectors,
    stories_since,
    story_article_ids,
    story_checkpoint,
    story_inputs,
    story_links_of,
    story_members,
    story_of_article,
    story_summaries,
)
from .threads import (
    StoryProfile,
    ThreadCheckpoint,
    ThreadSummary,
    earliest_story_seen_since,
    replace_threads,
    resume_threads,
    story_profiles,
    thread_checkpoint,
    thread_of_story,
    thread_stories,
    thread_summaries,
    threads_of_stories,
)

__all__ = ["EXPORT_COLUMNS", "EXPORT_TABLES", "ArticleSummary", "EntitySummary", "ExportFilters", "FeedState",
           "QuoteSummary", "SearchHit", "SpeakerSummary", "Store",
           "StoryCheckpoint", "StoryInput", "StoryMember", "StoryProfile", "StorySummary", "ThreadCheckpoint",
           "ThreadSummary",
           "display_title"]

_MIGRATIONS = Path(__file__).parent / "migrations"


class Store:
    """The database behind presslens."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        self.search_backend: SearchBackend = backend_for(self.dialect)

    @classmethod
    def open(cls, url: str | Settings, *, pool_size: int | None = None, create: bool = True) -> Store:
        """Open (creating and migrating as needed) the database at ``url`` or file path.

        ``postgresql://`` URLs use psycopg 3. ``pool_size`` (connections a server store keeps open)
        comes from ``Settings`` when they are given, else from ``PRESSLENS_DB_POOL_SIZE`` (5). With
        ``create=False`` (commands that only read) a store that does not exist yet is an error (E506) and
        nothing is created; an in-memory SQLite URL is refused when ``create`` (E509: it would keep
        nothing). A store of a newer schema than this code knows is refused (E507), a read-only one
        that needs migrating too (E508).
        """
        if isinstance(url, Settings):
            url, pool_size = url.db_url, url.db_pool_size if pool_size is None else pool_size
        if pool_size is None:
            pool_size = Settings.from_env({k: v for k, v in os.environ.items()
                                           if k == "PRESSLENS_DB_POOL_SIZE"}).db_pool_size
        url = database_url(normalise_db_url(url))
        _check_place(url, create)
        engine = None
        try:
            if pool_size < 1:
                raise ValueError(f"PRESSLENS_DB_POOL_SIZE must be 1 or more, not {pool_size}")
            engine = create_store_engine(url, pool_size, create=create)
            store = cls(engine)
            store.upgrade(create=create)
            if create:
                store._check_writable()
        except StoreError:
            if engine is not None:
                engine.dispose()
            raise
        except (SQLAlchemyError, OSError, ValueError) as exc:
            if engine is not None:
                engine.dispose()
            detail = _first_line(exc)
            if "readonly" in detail.replace("-", "").replace(" ", "").lower():
                raise StoreError("E508", url=shown_url(url), detail=detail) from exc
            raise StoreError("E501", url=shown_url(url), detail=detail) from exc
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def upgrade(self, *, create: bool = True) -> None:
        """Bring the schema to the newest Alembic revision (with ``create=False``, only a store that exists)."""
        config = Config()
        config.set_main_option("script_location", str(_MIGRATIONS))
        scripts = ScriptDirectory.from_config(config)
        head = scripts.get_current_head()
        with self.engine.begin() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            if current == head:
                return
            shown = shown_url(self.engine.url.render_as_string(hide_password=False))
            if current is not None and current not in {s.revision for s in scripts.walk_revisions()}:
                raise StoreError("E507", url=shown, revision=current, head=head)
            if current is None and not create:
                raise StoreError("E506", url=shown)
        with self.engine.begin() as conn:
            if self.dialect == "postgresql":
                encoding = conn.exec_driver_sql("SHOW server_encoding").scalar()
                if encoding != "UTF8":
                    raise ValueError(f"the database's encoding is {encoding}; presslens needs UTF8 "
                                     "(CREATE DATABASE ... ENCODING 'UTF8' TEMPLATE template0)")
                advisory_lock(conn, LOCK_MIGRATIONS)  # two processes opening a new database: one migrates
            if MigrationContext.configure(conn).get_current_revision() == head:
                return
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    def _check_writable(self) -> None:
        """Fail now, not after a batch's work, when the database cannot be written (a read-only file)."""
        if self.dialect == "sqlite":  # rewriting the header's user_version as it is: a write that changes nothing
            with self.engine.begin() as conn:
                version = conn.exec_driver_sql("PRAGMA user_version").scalar()
                conn.exec_driver_sql(f"PRAGMA user_version = {int(version or 0)}")

    # --- writing ---------------------------------------------------------------------

    def add_articles(self, articles: Sequence[Article], quotes: Mapping[str, Sequence[Quote]] | None = None,
                     method: str = "",
                     entities: Mapping[str, tuple[Sequence[Entity], Sequence[Mention]]] | None = None,
                     quote_keys: Callable[[str, str | None], Sequence[int]] | None = None) -> list[bool]:
        """Store articles, with their quotes and entities by article id, in one transaction; ``quote_keys`` gives
        each quote's index keys (its text and language: ``compare.trace.band_keys``) for ``quote_candidates``.

        Returns, for each article, True if new, False if already there (its quotes and
        entities are then left as they were). Raises ``StoreError``: E510 when the database cannot be
        written at all, E511 when the database refused these records (nothing of them is stored).
        """
        if not articles:
            return []
        try:
            return self._add_articles(articles, quotes, method, entities, quote_keys)
        except OperationalError as exc:
            raise StoreError("E510", url=shown_url(str(self.engine.url)), detail=_first_line(exc)) from exc
        except SQLAlchemyError as exc:
            raise StoreError("E511", detail=_first_line(exc)) from exc

    def _add_articles(self, articles: Sequence[Article], quotes: Mapping[str, Sequence[Quote]] | None,
                      method: str, entities: Mapping[str, tuple[Sequence[Entity], Sequence[Mention]]] | None,
                      quote_keys: Callable[[str, str | None], Sequence[int]] | None = None) -> list[bool]:
        now = datetime.now(UTC).replace(tzinfo=None)
        with self.engine.begin() as conn:
            names = self._learn_outlets(conn, articles)
            ids = [a.article_id for a in articles]
            existing = set(conn.scalars(select(ArticleRow.id).where(ArticleRow.id.in_(ids))))
            fresh: dict[str, dict] = {}
            for article in articles:
                if article.article_id not in existing and article.article_id not in fresh:
                    fresh[article.article_id] = _to_row(article, names, now)
            if fresh:
                fresh = self._insert_new(conn, fresh)
            found = [(entities or {}).get(article_id, ((), ())) for article_id in fresh]
            merge_entities(conn, (e for records, _ in found for e in records))
            rows = mention_rows(m for _, mentions in found for m in mentions)
            if rows:
                conn.execute(MentionRow.__table__.insert(), rows)
            rows = [row for article_id in fresh for row in quote_rows((quotes or {}).get(article_id, ()), method)]
            if rows:
                conn.execute(QuoteRow.__table__.insert(), rows)
            if rows and quote_keys is not None:
                self._index_quotes(conn, rows, {a.article_id: a.language for a in articles}, quote_keys)
        unseen = set(fresh)
        added = []
        for article in articles:
            added.append(article.article_id in unseen)
            unseen.discard(article.article_id)
        return added

    @staticmethod
    def _index_quotes(conn, rows: Sequence[dict], languages: Mapping[str, str | None],
                      quote_keys: Callable[[str, str | None], Sequence[int]]) -> None:
        """Index keys for quote rows just inserted (``add_articles``' ``quote_keys``), by their primary keys."""
        pks = dict(((a, p), pk) for pk, a, p in conn.execute(
            select(QuoteRow.pk, QuoteRow.article_id, QuoteRow.position)
            .where(QuoteRow.article_id.in_(sorted({row["article_id"] for row in rows})))))
        keys = [{"key": key, "quote_pk": pks[(row["article_id"], row["position"])]}
                for row in rows for key in dict.fromkeys(quote_keys(row["content_text"],
                                                                    languages.get(row["article_id"])))]
        if keys:
            conn.execute(QuoteBandRow.__table__.insert(), keys)

    def _insert_new(self, conn, rows: dict[str, dict]) -> dict[str, dict]:
        """Insert these article rows, skipping ids stored meanwhile by another writer; the rows inserted."""
        insert = insert_for(self.dialect)(ArticleRow).on_conflict_do_nothing(index_elements=["id"])
        if not conn.dialect.insert_executemany_returning:
            conn.execute(insert, list(rows.values()))
            return rows
        inserted = set(conn.scalars(insert.returning(ArticleRow.id), list(rows.values())))
        return {article_id: row for article_id, row in rows.items() if article_id in inserted}

    def _learn_outlets(self, conn, articles: Iterable[Article]) -> dict[str, str]:
        """Learn which outlet each web host stands for, from articles that name their outlet; the hosts that
        stand for exactly one outlet, with its name.

        An outlet an article names is never changed. A learned name only fills the articles known by their
        host alone (``outlet_learned``), and only while the host has been seen with that one outlet: once a
        second outlet names the same host (a syndication or aggregator host), the host is shared and the
        names it lent are taken back.
        """
        seen: dict[str, set[str]] = {}
        for a in articles:
            if a.outlet_domain and a.outlet and a.outlet != a.outlet_domain:
                seen.setdefault(a.outlet_domain, set()).add(a.outlet)
        known = dict(conn.execute(select(OutletRow.domain, OutletRow.name)).all())
        insert = insert_for(self.dialect)
        for domain, names in sorted(seen.items()):  # one order for every writer: no deadlock
            if domain in known and (known[domain] is None or names == {known[domain]}):
                continue  # shared already, or nothing new
            name = next(iter(names)) if len(names) == 1 and domain not in known else None
            upsert = insert(OutletRow).values(domain=domain, name=name)
            conn.execute(upsert.on_conflict_do_update(index_elements=["domain"], set_={"name": name}))
            host_only = (ArticleRow.outlet_domain == domain) & (
                ArticleRow.outlet.is_(None) | (ArticleRow.outlet == domain) | ArticleRow.outlet_learned)
            conn.execute(update(ArticleRow).where(host_only)
                         .values(outlet=name if name is not None else domain, outlet_learned=name is not None))
            known[domain] = name
        return {domain: name for domain, name in known.items() if name is not None}

    # --- reading ---------------------------------------------------------------------

    def existing_ids(self, article_ids: Sequence[str]) -> set[str]:
        """Which of these article ids are stored already."""
        if not article_ids:
            return set()
        with self.engine.connect() as conn:
            return set(conn.scalars(select(ArticleRow.id).where(ArticleRow.id.in_(article_ids))))

    def feed_states(self, urls: Sequence[str] | None = None) -> dict[str, FeedState]:
        """What ``watch`` keeps of each followed feed (these ``urls``, or all), by URL."""
        with self.engine.connect() as conn:
            return feed_states(conn, None if urls is None else list(urls))

    def save_feed_state(self, state: FeedState) -> None:
        """Keep one feed's state (validators, next poll, failures) for the next poll or run."""
        with self.engine.begin() as conn:
            save_feed_state(conn, state)

    def known_urls(self, urls: Sequence[str]) -> set[str]:
        """Which of these URLs are the URL of a stored article."""
        found: set[str] = set()
        with self.engine.connect() as conn:
            for start in range(0, len(urls), 500):
                chunk = [without_nul(u) for u in urls[start:start + 500]]
                found.update(conn.scalars(select(ArticleRow.url).where(ArticleRow.url.in_(chunk))))
        return found

    def count_articles(self, *, outlet: str | None = None, language: str | None = None,
                       since: date | None = None, until: date | None = None) -> int:
        """How many articles ``list_articles`` has for these filters (all of them by default)."""
        with self.engine.connect() as conn:
            return _count(conn, _articles_query(outlet, language, since, until))

    def outlet_counts(self) -> list[tuple[str, int]]:
        """``(outlet, number of articles)``, largest first."""
        query = (select(ArticleRow.outlet, func.count()).group_by(ArticleRow.outlet)
                 .order_by(func.count().desc(), ArticleRow.outlet.nulls_first()))
        with self.engine.connect() as conn:
            return [(outlet or "(unknown)", n) for outlet, n in conn.execute(query)]

    def list_articles(self, *, outlet: str | None = None, language: str | None = None,
                      since: date | None = None, until: date | None = None,
                      limit: int = 50, offset: int = 0, after: str | None = None) -> list[ArticleSummary]:
        """Articles, newest first, filtered by outlet, language and publication dates; ``after`` (an article
        id): those that come after it in this order, which stays right while articles arrive (keyset paging)."""
        query = _articles_query(outlet, language, since, until).order_by(
            ArticleRow.published.desc().nulls_last(), ArticleRow.pk)
        if after is not None:
            query = query.where(_after_article(after))
        with self.engine.connect() as conn:
            rows = conn.execute(query.limit(limit).offset(offset)).all()
        return [article_summary(row) for row in rows]

    def get_article(self, key: str) -> Article:
        """The article whose id is ``key`` or starts with it (at least 4 characters)."""
        with self.engine.connect() as conn:
            row = conn.execute(select(ArticleRow).where(ArticleRow.id == key)).first()
            if row is None and len(key) >= 4:
                rows = conn.execute(select(ArticleRow).where(ArticleRow.id.startswith(key.lower(), autoescape=True))
                                    .limit(2)).all()
                if len(rows) > 1:
                    raise StoreError("E503", key=key, count="several")
                row = rows[0] if rows else None
        if row is None:
            raise StoreError("E502", key=key)
        return _to_article(row)

    def count_quotes(self, **filters) -> int:
        """How many quotes ``list_quotes`` has for these filters (its keywords but ``limit`` and ``offset``)."""
        query = self._quotes_query(**filters)
        if query is None:
            return 0
        with self.engine.connect() as conn:
            return _count(conn, query)

    def list_quotes(self, *, limit: int = 50, offset: int = 0, after: str | None = None,
                    **filters) -> list[QuoteSummary]:
        """Stored quotes, oldest article first, filtered by ``speaker`` (name or text, any part), ``outlet``,
        ``kind``, ``article_id`` or ``article_ids``, ``story``, ``speaker_entity_id``, ``search`` (words of the
        quote or speaker) and the article's publication days ``since`` and ``until``; ``after`` (a quote id):
        the quotes after it in this order, right while articles arrive (keyset paging)."""
        query = self._quotes_query(**filters)
        if query is None:
            return []
        if after is not None:
            query = query.where(_after_quote(after))
        with self.engine.connect() as conn:
            rows = conn.execute(query.limit(limit).offset(offset)).all()
        return [to_summary(row) for row in rows]

    def get_quote(self, key: str) -> QuoteSummary:
        """The quote with this id (``<article id>-<position>``); StoreError E513 for no quote id, E514 for no quote."""
        article_id, _, position = key.strip().rpartition("-")
        if not article_id or not position.isdigit():
            raise ConfigError("E513", key=printable(key))
        found = self._quote_summaries(article_id, [int(position)])
        if not found:
            raise StoreError("E514", key=printable(key))
        return found[0]

    def quote_candidates(self, key: str, limit: int = 200) -> list[QuoteSummary]:
        """Quotes sharing an index key with this one (``add_articles``' ``quote_keys``): the candidate versions of
        one quotation anywhere in the store, to be checked (``compare.trace``); oldest first, at most ``limit``."""
        article_id, _, position = key.strip().rpartition("-")
        if not position.isdigit():
            return []
        mine, theirs = aliased(QuoteBandRow), aliased(QuoteBandRow)
        own = (select(QuoteRow.pk).where(QuoteRow.article_id == article_id, QuoteRow.position == int(position))
               .scalar_subquery())
        query = (select(QuoteRow.article_id, QuoteRow.position).distinct()
                 .join(theirs, theirs.quote_pk == QuoteRow.pk)
                 .join(mine, mine.key == theirs.key)
                 .where(mine.quote_pk == own, theirs.quote_pk != own)
                 .limit(limit))
        with self.engine.connect() as conn:
            pairs = conn.execute(query).all()
        out = []
        for other, positions in _group_positions(pairs).items():
            out += self._quote_summaries(other, positions)
        return sorted(out, key=lambda q: (q.published is None, q.published or date.max, q.quote_id))

    def _quote_summaries(self, article_id: str, positions: Sequence[int]) -> list[QuoteSummary]:
        if not article_id or not positions:
            return []
        query = quotes_query(article_id=article_id).where(QuoteRow.position.in_(list(positions)))
        with self.engine.connect() as conn:
            return [to_summary(row) for row in conn.execute(query)]

    def _quotes_query(self, *, speaker: str | None = None, outlet: str | None = None, kind: str | None = None,
                      article_id: str | None = None, article_ids: Sequence[str] | None = None,
                      search: str | None = None, speaker_entity_id: str | None = None, story: str | None = None,
                      since: date | None = None, until: date | None = None):
        """The query of ``list_quotes``, or None when nothing can match."""
        if story:
            members = self.story_article_ids(self.get_story(story, with_members=False).story_id)
            article_ids = [a for a in members if article_ids is None or a in article_ids]
        query = quotes_query(speaker=speaker, outlet=outlet, kind=kind, article_id=article_id,
                             article_ids=article_ids, speaker_entity_id=speaker_entity_id, since=since, until=until)
        keys = self.search_backend.quote_keys(search or "")
        if keys is False:
            return None
        return query if keys is None else query.where(QuoteRow.pk.in_(keys))

    # --- stories -----------------------------------------------------------------------

    def story_inputs(self, vector_model: str, since: date | None = None) -> list[StoryInput]:
        """Every article in arrival order (with ``since``: those published that day or later, and undated ones),
        as the stories stage reads it."""
        with self.engine.connect() as conn:
            return list(story_inputs(conn, vector_model, since))

    def save_vectors(self, model: str, vectors: Mapping[str, bytes]) -> None:
        """Keep articles' sentence embeddings (float32 bytes) so they are computed once."""
        with self.engine.begin() as conn:
            save_vectors(conn, model, vectors)

    def story_checkpoint(self) -> tuple[StoryCheckpoint, int] | None:
        """The saved story stream, with how many stored articles are now published before its day (when that
        differs from the checkpoint's count, articles were added or removed behind it)."""
        with self.engine.connect() as conn:
            checkpoint = story_checkpoint(conn)
            return None if checkpoint is None else (checkpoint, count_articles_before(conn, checkpoint.before))

    def stories_since(self, since: date) -> set[str]:
        """Stories with an article published on or after ``since``, or undated."""
        with self.engine.connect() as conn:
            return stories_since(conn, since)

    def earlier_story_members(self, story_ids: Sequence[str], before: date) -> list[tuple[str, StoryInput]]:
        """(story id, article) of these stories' members published before ``before``, in stream order."""
        with self.engine.connect() as conn:
            return earlier_story_members(conn, story_ids, before)

    def replace_stories(self, stories: Sequence[Story], links: Sequence[StoryLink],
                        checkpoint: StoryCheckpoint | None = None) -> None:
        """Swap all stories and links for these (and the saved stream for ``checkpoint``), in one transaction."""
        with self.engine.begin() as conn:
            replace_stories(conn, stories, links, checkpoint)

    def resume_stories(self, since: date, stories: Sequence[Story], links: Sequence[StoryLink],
                       checkpoint: StoryCheckpoint | None) -> None:
        """Store a run resumed from the checkpoint of ``since`` (see ``stories.resume_stories``), in one
        transaction."""
        with self.engine.begin() as conn:
            resume_stories(conn, since, stories, links, checkpoint)

    def story_update_lock(self):
        """A context in which one process (or thread) at a time reads, computes and writes the stories."""
        return update_lock(self.engine, LOCK_STORY_UPDATE, "stories")

    def count_unlinked_articles(self) -> int:
        """Articles in no story (an ingest stopped between storing them and updating the stories)."""
        linked = select(StoryLinkRow.article_id)
        with self.engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(ArticleRow)
                               .where(ArticleRow.id.not_in(linked))) or 0

    def count_stories(self, *, outlet: str | None = None, search: str | None = None, min_size: int = 1,
                      since: date | None = None, until: date | None = None) -> int:
        """How many stories ``list_stories`` has for these filters (all of them by default)."""
        with self.engine.connect() as conn:
            return count_stories(conn, outlet=outlet, search=search, min_size=min_size, since=since, until=until)

    def list_stories(self, *, outlet: str | None = None, search: str | None = None, min_size: int = 1,
                     since: date | None = None, until: date | None = None, order: str = "size", limit: int = 50,
                     offset: int = 0) -> list[StorySummary]:
        """Stories, biggest (or, with ``order="recent"``, latest) first; ``search`` matches headlines; ``since``
        and ``until`` keep the stories whose first and last days overlap that span."""
        with self.engine.connect() as conn:
            return story_summaries(conn, outlet=outlet, search=search, min_size=min_size, since=since, until=until,
                                   order=order, limit=limit, offset=offset)

    def get_story(self, key: str, *, with_members: bool = True) -> StorySummary:
        """The story with id ``key``, whose id starts with it, or that holds the article ``key``."""
        with self.engine.connect() as conn:
            found = story_summaries(conn, story_ids=[key])
            if not found and len(key) >= 4:
                prefixed = select(StoryRow.id).where(StoryRow.id.startswith(key.lower(), autoescape=True)).limit(2)
                ids = list(conn.scalars(prefixed))
                article_story = None if ids else story_of_article(conn, self._article_id(conn, key) or "")
                ids = ids or ([article_story] if article_story else [])
                if len(ids) > 1:
                    raise StoreError("E503", key=key, count="several")
                found = story_summaries(conn, story_ids=ids) if ids else []
            if not found:
                raise StoreError("E505", key=key)
            story = found[0]
            if with_members:
                story = replace(story, members=story_members(conn, story.story_id))
        return story

    def article_quotes(self, article_id: str) -> list[Quote]:
        """One article's stored quotes as ``Quote`` records, in text order."""
        with self.engine.connect() as conn:
            return quote_records(conn, [article_id])

    def story_material(self, key: str) -> StoryMaterial:
        """One story's articles, quotes, mentions and entities, for the compare stage."""
        found = self.get_story(key)
        ids = [m.article_id for m in found.members]
        with self.engine.connect() as conn:
            articles = [_to_article(row) for row in conn.execute(select(ArticleRow).where(ArticleRow.id.in_(ids)))]
            quotes = quote_records(conn, ids)
            mentions = mention_records(conn, ids)
            entities = entity_records(conn, {m.entity_id for m in mentions if m.entity_id}
                                      | {q.speaker_entity_id for q in quotes if q.speaker_entity_id})
        order = {article_id: index for index, article_id in enumerate(ids)}
        story = Story(found.story_id, found.title, ids, found.outlets, found.first_seen, found.last_seen)
        return StoryMaterial(story, sorted(articles, key=lambda a: order[a.article_id]), quotes, mentions, entities,
                             {m.article_id: m.duplicate_of for m in found.members if m.duplicate_of})

    # --- threads -----------------------------------------------------------------------

    def story_profiles(self, vector_model: str, since: date | None = None) -> list[StoryProfile]:
        """Every stored story (with ``since``: first seen on or after it, or undated) as the thread layer reads
        it: key entities and mean headline embedding."""
        with self.engine.connect() as conn:
            return list(story_profiles(conn, vector_model, since))

    def replace_threads(self, threads: Sequence[Thread], checkpoint: ThreadCheckpoint | None = None) -> None:
        """Swap all threads (and the saved thread stream) for these, in one transaction."""
        with self.engine.begin() as conn:
            replace_threads(conn, threads, checkpoint)

    def resume_threads(self, since: date, reopened: Sequence[str], threads: Sequence[Thread],
                       checkpoint: ThreadCheckpoint | None) -> None:
        """Store a thread run resumed from the checkpoint of ``since`` (``threads.resume_threads``), in one
        transaction."""
        with self.engine.begin() as conn:
            resume_threads(conn, since, reopened, threads, checkpoint)

    def thread_checkpoint(self) -> ThreadCheckpoint | None:
        """The saved thread stream, if any."""
        with self.engine.connect() as conn:
            return thread_checkpoint(conn)

    def earliest_story_seen_since(self, day: date) -> date | None:
        """The first day of the earliest story with an article on or after ``day``."""
        with self.engine.connect() as conn:
            return earliest_story_seen_since(conn, day)

    def list_threads(self, *, outlet: str | None = None, order: str = "size", limit: int = 50,
                     offset: int = 0) -> list[ThreadSummary]:
        """Threads, most stories (or, with ``order="recent"``, latest) first."""
        with self.engine.connect() as conn:
            return thread_summaries(conn, outlet=outlet, order=order, limit=limit, offset=offset)

    def count_threads(self, *, outlet: str | None = None) -> int:
        """How many threads ``list_threads`` has (of an outlet's stories with ``outlet``)."""
        query = select(func.count()).select_from(ThreadRow)
        if outlet:
            query = query.where(ThreadRow.outlets.contains(json.dumps(outlet)))  # as thread_summaries filters
        with self.engine.connect() as conn:
            return conn.scalar(query) or 0

    def get_thread(self, key: str, *, with_stories: bool = True) -> ThreadSummary:
        """The thread with id ``key``, whose id starts with it, or that holds the story ``key``."""
        with self.engine.connect() as conn:
            found = thread_summaries(conn, thread_ids=[key])
            if not found and len(key) >= 4:
                prefixed = select(ThreadRow.id).where(ThreadRow.id.startswith(key.lower(), autoescape=True)).limit(2)
                ids = list(conn.scalars(prefixed)) or [t for t in [thread_of_story(conn, key)] if t]
                if len(ids) > 1:
                    raise StoreError("E503", key=key, count="several")
                found = thread_summaries(conn, thread_ids=ids) if ids else []
            if not found:
                raise StoreError("E512", key=key)
            thread = found[0]
            if with_stories:
                thread = replace(thread, stories=thread_stories(conn, thread.thread_id))
        return thread

    def thread_of_story(self, story_id: str) -> str | None:
        """The id of the story's thread, if it is in one."""
        with self.engine.connect() as conn:
            return thread_of_story(conn, story_id)

    def threads_of_stories(self, story_ids: Sequence[str]) -> dict[str, ThreadSummary]:
        """The thread (summary) of each of these stories that is in one."""
        with self.engine.connect() as conn:
            return threads_of_stories(conn, story_ids)

    def articles_of_stories(self, story_ids: Sequence[str]) -> dict[str, list[str]]:
        """Each story's article ids, in stream order."""
        members: dict[str, list[str]] = {story_id: [] for story_id in story_ids}
        with self.engine.connect() as conn:
            for story_id, article_id in story_links_of(conn, story_ids=story_ids):
                members[story_id].append(article_id)
        return members

    def stories_of_articles(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The story of each of these articles that is in one."""
        with self.engine.connect() as conn:
            return {article_id: story_id for story_id, article_id in story_links_of(conn, article_ids=article_ids)}

    def story_article_ids(self, story_id: str) -> list[str]:
        with self.engine.connect() as conn:
            return story_article_ids(conn, story_id)

    def _article_id(self, conn, key: str) -> str | None:
        query = select(ArticleRow.id).where(ArticleRow.id.startswith(key.lower(), autoescape=True)).limit(2)
        rows = list(conn.scalars(query))
        return rows[0] if len(rows) == 1 else None

    def known_people(self, surnames: Iterable[str],
                     surname_of: Callable[[str], str | None]) -> dict[str, list[KnownPerson]]:
        """Stored full-name people by surname (``surname_of`` a name: the entities stage's key), with the entities
        mentioned beside them."""
        with self.engine.connect() as conn:
            return known_people(conn, surnames, surname_of)

    def outlet_names(self) -> set[str]:
        """The outlets known by name (and the web hosts they stand for): a name entities take for an organisation."""
        with self.engine.connect() as conn:
            return {value for row in conn.execute(select(OutletRow.domain, OutletRow.name)) for value in row if value}

    def entity_ids_for_slugs(self, slugs: Iterable[str]) -> dict[str, str]:
        """Stored entity ids by name slug, whatever their kind."""
        with self.engine.connect() as conn:
            return ids_for_slugs(conn, slugs)

    def count_entities(self, *, kind: str | None = None, search: str | None = None) -> int:
        """How many mentioned entities ``list_entities`` has for these filters (all by default)."""
        with self.engine.connect() as conn:
            return count_entities(conn, kind=kind, search=search)

    def list_entities(self, *, kind: str | None = None, search: str | None = None, limit: int = 50,
                      offset: int = 0) -> list[EntitySummary]:
        """Canonical entities, most mentioned first; ``search`` matches names and surface forms."""
        with self.engine.connect() as conn:
            return entity_summaries(conn, kind=kind, search=search, limit=limit, offset=offset)

    def get_entity(self, key: str) -> EntitySummary:
        """The entity with id ``key``, else the most mentioned one whose name or forms hold ``key``."""
        if not printable(key).strip():
            raise StoreError("E504", key=key)
        with self.engine.connect() as conn:
            found = entity_summaries(conn, entity_ids=[key]) or entity_summaries(conn, search=key, limit=1)
        if not found:
            raise StoreError("E504", key=key)
        return found[0]

    def article_mentions(self, article_id: str) -> list[dict]:
        with self.engine.connect() as conn:
            return article_mentions(conn, article_id)

    def entity_mentions(self, entity_id: str, limit: int = 500) -> list[dict]:
        with self.engine.connect() as conn:
            return entity_mentions(conn, entity_id, limit)

    def top_speakers(self, limit: int = 10) -> list[SpeakerSummary]:
        """The most quoted speakers, with the outlets that quote them."""
        with self.engine.connect() as conn:
            top = conn.execute(top_speakers_query(limit)).all()
            outlets: dict[str, list[str]] = {}
            for name, outlet in conn.execute(speaker_outlets_query([row[0] for row in top])):
                outlets.setdefault(name, []).append(outlet or "(unknown)")
        return [SpeakerSummary(name, role, count, outlets.get(name, [])) for name, count, role in top]

    # --- browsing (the web UI's index pages) -------------------------------------------

    def outlet_days(self) -> list[tuple[str, date, int]]:
        """``(outlet, day, articles)`` for every day an outlet published a dated article."""
        with self.engine.connect() as conn:
            return browse.outlet_days(conn)

    def top_speakers_by_outlet(self, per_outlet: int = 5) -> dict[str, list[tuple[str, str | None, int]]]:
        """Each outlet's most quoted speakers: ``(name, entity id or None, quotes)``."""
        with self.engine.connect() as conn:
            return browse.top_speakers_by_outlet(conn, per_outlet)

    def most_quoted(self, *, kind: str | None = None, search: str | None = None, limit: int = 50,
                    offset: int = 0) -> list[browse.QuotedEntity]:
        """Entities by how many stored quotes they speak, most first; ``search`` matches names and forms."""
        with self.engine.connect() as conn:
            return browse.most_quoted(conn, kind=kind, search=search, limit=limit, offset=offset)

    def count_quoted(self, *, kind: str | None = None, search: str | None = None) -> int:
        """How many entities ``most_quoted`` has for these filters."""
        with self.engine.connect() as conn:
            return browse.count_quoted(conn, kind=kind, search=search)

    def copies_of(self, article_ids: Sequence[str]) -> dict[str, str]:
        """Of these articles, each near-copy with the id of the article it copies."""
        with self.engine.connect() as conn:
            return browse.copies_of(conn, article_ids)

    def stories_by_id(self, story_ids: Sequence[str]) -> dict[str, StorySummary]:
        """The summaries of these stories (no members), by id."""
        with self.engine.connect() as conn:
            return browse.stories_by_id(conn, story_ids)

    # --- exports -----------------------------------------------------------------------

    def export(self, table: str, filters: ExportFilters | None = None) -> Iterator[dict]:
        """Every row of ``table`` (``articles``, ``quotes``, ``mentions``, ``entities``, ``stories`` or
        ``threads``) that passes ``filters``, streamed from one connection; columns in ``EXPORT_COLUMNS``.

        The story filter takes a story id, its first characters or an article id, checked before the first row.
        """
        filters = filters or ExportFilters()
        if filters.story_id:
            filters = replace(filters, story_id=self.get_story(filters.story_id, with_members=False).story_id)
        check_export(table, filters)  # now, not at the first row
        return self._stream_export(table, filters)

    def _stream_export(self, table: str, filters: ExportFilters) -> Iterator[dict]:
        with self.engine.connect() as conn:
            yield from export_rows(conn, table, filters)

    def search(self, query: str, *, limit: int = 20, exact: bool = False, outlet: str | None = None,
               language: str | None = None, since: date | None = None,
               until: date | None = None) -> list[SearchHit]:
        """Full-text search over titles and clean text, best matches first (FTS5 query syntax).

        Words match in any of their forms ("floods" finds "flood", "evacuate" finds "evacuated": the Porter
        stemmer) unless ``exact``. ``outlet``, ``language``, ``since`` and ``until`` narrow the hits. Snippets mark the
        matched words with « and » (clean text never holds those). A query that is not valid FTS5 syntax is
        read as its plain words, all of which must match.
        """
        query = printable(query)
        if not query.strip():
            return []
        scope = ArticleScope(stemmed=not exact, outlet=outlet, language=language, since=since, until=until)
        with self.engine.connect() as conn:
            return self.search_backend.search_articles(conn, query, limit, scope)


def _articles_query(outlet: str | None, language: str | None, since: date | None, until: date | None):
    query = select(*SUMMARY_COLUMNS)
    if outlet:
        query = query.where(func.lower(ArticleRow.outlet) == without_nul(outlet.lower()))
    if language:
        query = query.where(ArticleRow.language == language.lower())
    if since:
        query = query.where(ArticleRow.published >= since)
    if until:
        query = query.where(ArticleRow.published <= until)
    return query


def _after_article(article_id: str):
    """Rows after this article in the articles' order: newest first (undated last), then arrival."""
    mark = aliased(ArticleRow)
    day = select(mark.published).where(mark.id == article_id).scalar_subquery()
    pk = select(mark.pk).where(mark.id == article_id).scalar_subquery()
    dated_after = or_(ArticleRow.published < day, and_(ArticleRow.published == day, ArticleRow.pk > pk),
                      ArticleRow.published.is_(None))
    undated_after = and_(ArticleRow.published.is_(None), ArticleRow.pk > pk)
    return or_(and_(day.is_not(None), dated_after), and_(day.is_(None), undated_after))


def _after_quote(key: str):
    """Rows after this quote (``ARTICLE_ID-POSITION``) in the quotes' order: oldest article first (undated
    last), then arrival, then text order."""
    article_id, _, position = key.rpartition("-")
    if not article_id or not position.isdigit():
        raise ConfigError("E513", key=key)
    mark = aliased(ArticleRow)
    day = select(mark.published).where(mark.id == article_id).scalar_subquery()
    pk = select(mark.pk).where(mark.id == article_id).scalar_subquery()
    later_in_day = or_(ArticleRow.pk > pk, and_(ArticleRow.pk == pk, QuoteRow.position > int(position)))
    dated_after = or_(ArticleRow.published > day, and_(ArticleRow.published == day, later_in_day),
                      ArticleRow.published.is_(None))
    undated_after = and_(ArticleRow.published.is_(None), later_in_day)
    return or_(and_(day.is_not(None), dated_after), and_(day.is_(None), undated_after))


def _count(conn, query) -> int:
    """How many rows ``query`` gives."""
    return conn.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0


def _group_positions(pairs: Iterable[tuple[str, int]]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for article_id, position in pairs:
        out.setdefault(article_id, []).append(position)
    return out


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]


def _check_place(url: str, create: bool) -> None:
    """Refuse a store that would keep nothing (writing), or one that does not exist (reading)."""
    if create and is_in_memory(url):
        raise StoreError("E509", url=shown_url(url))
    database = sqlite_file(url)
    if not create and database is not None and not database.is_file():
        raise StoreError("E506", url=shown_url(url))


def _to_row(article: Article, names: dict[str, str], now: datetime) -> dict:
    outlet = article.outlet
    learned = article.outlet_domain in names and (not outlet or outlet == article.outlet_domain)
    if learned:
        outlet = names[article.outlet_domain]
    return {
        "id": article.article_id, "outlet": outlet, "outlet_domain": article.outlet_domain,
        "outlet_learned": learned,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "url": article.url, "title": article.title, "published": article.published,
        "language": article.language, "fmt": article.fmt, "source": article.source,
        "raw_text": article.raw_text, "clean_text": article.clean_text,
        "offset_map": article.offset_map.to_json(),
        "removed": json.dumps([[s.start, s.end] for s in article.removed]),
        "word_count": len(article.clean_text.split()), "ingested_at": now,
    }


def _to_article(row) -> Article:
    removed = [Span(s, e, row.raw_text[s:e]) for s, e in json.loads(row.removed)]
    return Article(
        article_id=row.id, outlet=row.outlet, url=row.url, title=row.title,
        published=row.published, language=row.language, raw_text=row.raw_text,
        clean_text=row.clean_text, offset_map=OffsetMap.from_json(row.offset_map),
        source=row.source, fmt=row.fmt, outlet_domain=row.outlet_domain, removed=removed,
        published_at=datetime.fromisoformat(row.published_at) if row.published_at else None,
    )
