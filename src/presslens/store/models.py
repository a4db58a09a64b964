"""SQLAlchemy 2 table models. The schema itself is created by the Alembic migrations.

Text columns hold NUL as U+FFFD (one character for one, so offsets stay right): PostgreSQL refuses
NUL in text, and both backends must store and compare the same values. Query values go through the
same columns' types, so a lookup with a NUL finds what was stored with one.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import BigInteger, Boolean, Date, DateTime, Float, ForeignKey, Integer, LargeBinary, UniqueConstraint
from sqlalchemy import String as _String
from sqlalchemy import Text as _Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NUL, NUL_STANDIN = "\x00", "\ufffd"


def without_nul(value):
    return value.replace(NUL, NUL_STANDIN) if isinstance(value, str) and NUL in value else value


class String(TypeDecorator):
    """VARCHAR with NUL stored as U+FFFD."""

    impl = _String
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return without_nul(value)


class Text(TypeDecorator):
    """TEXT with NUL stored as U+FFFD."""

    impl = _Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return without_nul(value)


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(32), unique=True)
    outlet: Mapped[str | None] = mapped_column(String(200), index=True)
    outlet_domain: Mapped[str | None] = mapped_column(String(200), index=True)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    language: Mapped[str | None] = mapped_column(String(16), index=True)
    fmt: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(Text)
    raw_text: Mapped[str] = mapped_column(Text)
    clean_text: Mapped[str] = mapped_column(Text)
    offset_map: Mapped[str] = mapped_column(Text)
    removed: Mapped[str] = mapped_column(Text)
    word_count: Mapped[int] = mapped_column(Integer)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)
    outlet_learned: Mapped[bool] = mapped_column(Boolean, default=False)
    published_at: Mapped[str | None] = mapped_column(String(40))


class OutletRow(Base):
    """The display name of an outlet, by its web domain."""

    __tablename__ = "outlets"

    domain: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))  # NULL: a host shared by several outlets


class QuoteRow(Base):
    """One attribution; spans point into the article's original text."""

    __tablename__ = "quotes"
    __table_args__ = (UniqueConstraint("article_id", "position", name="uq_quotes_article_position"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(String(32), ForeignKey("articles.id", ondelete="CASCADE"),
                                            index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    content_start: Mapped[int] = mapped_column(Integer)
    content_end: Mapped[int] = mapped_column(Integer)
    content_text: Mapped[str] = mapped_column(Text)
    speaker_start: Mapped[int | None] = mapped_column(Integer)
    speaker_end: Mapped[int | None] = mapped_column(Integer)
    speaker_text: Mapped[str | None] = mapped_column(Text)
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)
    cue_text: Mapped[str | None] = mapped_column(Text)
    speaker_name: Mapped[str | None] = mapped_column(Text, index=True)
    speaker_role: Mapped[str | None] = mapped_column(Text)
    speaker_entity_id: Mapped[str | None] = mapped_column(String(200), index=True)
    channel: Mapped[str | None] = mapped_column(String(40))
    method: Mapped[str] = mapped_column(String(40))


class QuoteBandRow(Base):
    """One index key of a quote's words said (``compare.trace``: an LSH band or a word triple, 64 bits): quotes
    sharing a key are candidate versions of one quotation, anywhere in the store."""

    __tablename__ = "quote_bands"
    __table_args__: ClassVar[dict] = {"sqlite_with_rowid": False}

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    quote_pk: Mapped[int] = mapped_column(BigInteger, ForeignKey("quotes.pk", ondelete="CASCADE"), primary_key=True,
                                          index=True)


class EntityRow(Base):
    """A canonical entity: every surface form and role seen, as JSON lists."""

    __tablename__ = "entities"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(Text)
    roles: Mapped[str] = mapped_column(Text)
    forms: Mapped[str] = mapped_column(Text)


class MentionRow(Base):
    """One mention of an entity in an article (offsets into its original text) and why it was linked."""

    __tablename__ = "mentions"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(String(32), ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    entity_id: Mapped[str] = mapped_column(String(200), ForeignKey("entities.id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(40))
    evidence: Mapped[str | None] = mapped_column(Text)


class StoryRow(Base):
    """A story's summary; its id is the id of its first article."""

    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    outlets: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[date | None] = mapped_column(Date, index=True)
    last_seen: Mapped[date | None] = mapped_column(Date, index=True)


class StoryLinkRow(Base):
    """An article's story, its arrival position, the linker's probability and the copy it repeats."""

    __tablename__ = "story_links"

    article_id: Mapped[str] = mapped_column(String(32), ForeignKey("articles.id", ondelete="CASCADE"),
                                            primary_key=True)
    story_id: Mapped[str] = mapped_column(String(32), index=True)
    position: Mapped[int] = mapped_column(Integer)
    probability: Mapped[float | None] = mapped_column(Float)
    duplicate_of: Mapped[str | None] = mapped_column(String(32))
    containment: Mapped[float | None] = mapped_column(Float)


class ArticleVectorRow(Base):
    """An article's sentence embedding (float32 bytes), computed once and kept."""

    __tablename__ = "article_vectors"

    article_id: Mapped[str] = mapped_column(String(32), ForeignKey("articles.id", ondelete="CASCADE"),
                                            primary_key=True)
    model: Mapped[str] = mapped_column(String(60))
    vector: Mapped[bytes] = mapped_column(LargeBinary)


class StoryStateRow(Base):
    """The stories stage's saved stream (one row): every dated article published before ``before`` is in it."""

    __tablename__ = "story_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(200))
    before: Mapped[date] = mapped_column(Date)
    articles: Mapped[int] = mapped_column(Integer)
    state: Mapped[bytes] = mapped_column(LargeBinary)


class ThreadStateRow(Base):
    """The thread layer's saved stream (one row): every story first seen before ``since`` is in it, and it was
    saved for the story stream that resumes from ``story_day``; ``open_threads``: ids of its open threads (JSON)."""

    __tablename__ = "thread_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(200))
    story_day: Mapped[date] = mapped_column(Date)
    since: Mapped[date] = mapped_column(Date)
    open_threads: Mapped[str] = mapped_column(Text)
    state: Mapped[bytes] = mapped_column(LargeBinary)


class ThreadRow(Base):
    """A thread's summary; its id is the id of its first story."""

    __tablename__ = "threads"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    stories: Mapped[int] = mapped_column(Integer)
    articles: Mapped[int] = mapped_column(Integer)
    outlets: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[date | None] = mapped_column(Date, index=True)
    last_seen: Mapped[date | None] = mapped_column(Date, index=True)


class StoryThreadRow(Base):
    """A story's thread, and its place in the thread's time order."""

    __tablename__ = "story_threads"

    story_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    thread_id: Mapped[str] = mapped_column(String(32), index=True)
    position: Mapped[int] = mapped_column(Integer)


class FeedRow(Base):
    """A feed that ``watch`` follows: validators for conditional requests, when to poll next, failures."""

    __tablename__ = "feeds"

    url: Mapped[str] = mapped_column(Text, primary_key=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_polled_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_ok_at: Mapped[datetime | None] = mapped_column(DateTime)
    next_poll_at: Mapped[datetime | None] = mapped_column(DateTime)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    articles_added: Mapped[int] = mapped_column(Integer, default=0)
