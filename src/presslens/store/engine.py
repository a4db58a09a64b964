"""Engines for the two supported backends, and the few statements that differ between them.

SQLite files run in WAL mode with foreign keys on and a 30 s busy timeout. PostgreSQL (psycopg 3)
gets a QueuePool of ``pool_size`` connections (as many again at peaks) that checks each connection
before handing it out (``pool_pre_ping``), so a connection the server dropped is replaced instead of
failing a request. Any other SQLAlchemy URL gets SQLAlchemy's defaults.
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import QueuePool

__all__ = ["advisory_lock", "create_store_engine", "database_url", "insert_for", "shown_url"]

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
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def create_store_engine(url: str, pool_size: int = 5) -> Engine:
    if url.startswith("sqlite"):
        database = url.split("///", 1)[-1]
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
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


def advisory_lock(conn: Connection, key: int) -> None:
    """Hold ``key`` until this transaction ends (PostgreSQL only: one writer at a time past this point)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
