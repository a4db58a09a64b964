"""Engines for the two supported backends, and the few statements that differ between them.

SQLite files run in WAL mode with foreign keys on and a 30 s busy timeout. PostgreSQL (psycopg 3)
gets a QueuePool of ``pool_size`` connections (as many again at peaks) that checks each connection
before handing it out (``pool_pre_ping``), so a connection the server dropped is replaced instead of
failing a request. Any other SQLAlchemy URL gets SQLAlchemy's defaults.
"""

from __future__ import annotations

import fcntl
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import QueuePool

__all__ = [
    "LOCK_STORY_UPDATE",
    "advisory_lock",
    "create_store_engine",
    "database_url",
    "insert_for",
    "is_in_memory",
    "shown_url",
    "sqlite_file",
    "update_lock",
]

_POSTGRES_DRIVERS = {"postgres", "postgresql", "postgresql+psycopg", "postgresql+psycopg3"}
CONNECT_TIMEOUT_S = 10


def database_url(url: str) -> str:
    """``url`` with ``postgresql://`` and ``postgres://`` mapped to the psycopg 3 driver."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url
    if parsed.drivername in _POSTGRES_DRIVERS and parsed.drivername != "postgresql+psycopg":
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return url


def shown_url(url: str) -> str:
    """``url`` with any password masked, for messages."""
    if url.startswith("sqlite"):
        return url
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL; ``None`` for any other URL and for an in-memory database."""
    if not url.startswith("sqlite"):
        return None
    try:
        database = make_url(url).database
    except ArgumentError:
        return None
    if database and database.startswith("file:"):  # a URI filename (``?uri=true``): file:path?mode=ro
        database = database.removeprefix("file:").split("?", 1)[0]
    if not database or database == ":memory:" or "mode=memory" in url:
        return None
    return Path(database)


def is_in_memory(url: str) -> bool:
    """Whether ``url`` is a SQLite database that lives only as long as its connection (``sqlite://``,
    ``sqlite:///``, ``sqlite:///:memory:``)."""
    return url.startswith("sqlite") and sqlite_file(url) is None


def create_store_engine(url: str, pool_size: int = 5, *, create: bool = True) -> Engine:
    if url.startswith("sqlite"):
        database = sqlite_file(url)
        if database is not None and create:
            database.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if make_url(url).get_backend_name() == "postgresql":
        return create_engine(url, poolclass=QueuePool, pool_size=pool_size, max_overflow=pool_size,
                             pool_pre_ping=True, pool_timeout=60,
                             connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "presslens"})
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=30000",
                   "synchronous=NORMAL"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def insert_for(dialect: str):
    """The ``insert`` that knows ``on_conflict_do_nothing`` / ``on_conflict_do_update`` on this backend."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


# Keys of transaction-level advisory locks (PostgreSQL); SQLite serialises writers anyway.
LOCK_MIGRATIONS = 0x7072_6573_0001
LOCK_STORIES = 0x7072_6573_0002
LOCK_STORY_UPDATE = 0x7072_6573_0003  # a session lock: read, compute and write of one story update


@contextmanager
def update_lock(engine: Engine, key: int, name: str) -> Iterator[None]:
    """Hold a lock that every process writing this store honours, for as long as the block runs: a session
    advisory lock on PostgreSQL, an exclusive ``flock`` on the file ``<database>-<name>.lock`` beside a SQLite
    database (threads of one process included: each holds its own open file)."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                conn.commit()
        return
    database = sqlite_file(engine.url.render_as_string(hide_password=False))
    if database is None:
        yield
        return
    with open(f"{database}-{name}.lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def advisory_lock(conn: Connection, key: int) -> None:
    """Hold ``key`` until this transaction ends (PostgreSQL only: one writer at a time past this point)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
