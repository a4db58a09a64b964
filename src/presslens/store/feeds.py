"""Feed rows: what ``watch`` keeps between polls and across restarts."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from .models import FeedRow

__all__ = ["FeedState", "feed_states", "save_feed_state"]


@dataclass(slots=True)
class FeedState:
    """One followed feed: its validators (ETag, Last-Modified), when it was polled and is due, its failures."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled_at: datetime | None = None
    last_ok_at: datetime | None = None
    next_poll_at: datetime | None = None
    failures: int = 0
    last_error: str | None = None
    articles_added: int = 0

    def as_dict(self) -> dict:
        return {k: v.isoformat(timespec="seconds") if isinstance(v, datetime) else v for k, v in asdict(self).items()}


def feed_states(conn: Connection, urls: list[str] | None = None) -> dict[str, FeedState]:
    """The stored state of these feeds (every followed feed when ``urls`` is None), by URL."""
    query = select(FeedRow.__table__).order_by(FeedRow.url)
    if urls is not None:
        query = query.where(FeedRow.url.in_(urls))
    return {row.url: FeedState(**row._mapping) for row in conn.execute(query)}


def save_feed_state(conn: Connection, state: FeedState) -> None:
    """Insert or replace one feed's state."""
    values = asdict(state)
    conn.execute(FeedRow.__table__.delete().where(FeedRow.url == state.url))
    conn.execute(FeedRow.__table__.insert().values(**values))
