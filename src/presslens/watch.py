"""Follow feeds live: poll each on a schedule, store what is new, back off when a feed fails.

A ``Watcher`` polls every feed that is due with a conditional request (the ETag and Last-Modified it kept),
stores new entries through the same pipeline as ``ingest`` (an entry whose link is stored already is not
fetched again; one that carries only a summary is completed from its page), and keeps each feed's state in
the store after the feed's articles are in: a watcher stopped at any point (SIGINT, SIGTERM, a crash) and
started again goes on where it was, and stores nothing twice. A feed that fails waits ``every`` x 2^failures
(at most ``MAX_BACKOFF``, at least what a ``Retry-After`` asks) before the next try.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from .errors import ConfigError, IngestError
from .ingest.web import Fetcher, read_url
from .pipeline import ingest_url
from .settings import Settings
from .store import FeedState, Store

__all__ = ["MAX_BACKOFF", "Poll", "Watcher", "parse_every"]

MAX_BACKOFF = timedelta(hours=6)
_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(text: str) -> timedelta:
    """``"15m"``, ``"30s"``, ``"2h"``, ``"1d"`` or plain seconds (``"900"``) as a ``timedelta``."""
    match = _EVERY.match(text)
    if not match or float(match[1]) <= 0:
        raise ConfigError("E004", variable="--every", value=text, allowed="a duration such as 30s, 15m, 2h or 1d")
    return timedelta(seconds=float(match[1]) * _UNIT_SECONDS[(match[2] or "s").lower()])


@dataclass(frozen=True, slots=True)
class Poll:
    """What one poll of one feed did."""

    url: str
    outcome: str  # "new", "unchanged" (304, or nothing new), "failed"
    added: int
    pages_fetched: int
    errors: tuple[str, ...]
    next_poll_at: datetime
    failures: int

    def as_dict(self) -> dict:
        return {"url": self.url, "outcome": self.outcome, "added": self.added, "pages_fetched": self.pages_fetched,
                "errors": list(self.errors), "next_poll_at": self.next_poll_at.isoformat(timespec="seconds"),
                "failures": self.failures}


class Watcher:
    """Polls ``urls`` every ``every`` until ``stop`` is set (or for ``rounds`` rounds)."""

    def __init__(self, urls: Sequence[str], store: Store, settings: Settings, every: timedelta, *,
                 stop: threading.Event | None = None, fetcher: Fetcher | None = None,
                 on_poll: Callable[[Poll], None] | None = None, outlet: str | None = None) -> None:
        self.urls, self.store, self.settings, self.every = list(dict.fromkeys(urls)), store, settings, every
        self.stop = stop or threading.Event()
        self.fetcher = fetcher or Fetcher(settings)
        self.on_poll, self.outlet = on_poll, outlet

    def run(self, rounds: int | None = None) -> list[Poll]:
        """Poll each feed when due, then sleep until the next is due; return when stopped or after ``rounds``
        rounds (a round polls every feed that is due, waiting for the first when none is). The polls of a
        bounded run are returned; an endless one keeps none (``on_poll`` hears of each), so it never grows."""
        polls: list[Poll] = []
        done = 0
        while not self.stop.is_set() and (rounds is None or done < rounds):
            due = self._due()
            if not due:
                self.stop.wait(self._seconds_to_next())
                continue
            for url in due:
                if self.stop.is_set():
                    break
                poll = self.poll(url)
                if rounds is not None:
                    polls.append(poll)
            done += 1
        return polls

    def poll_now(self) -> tuple[list[Poll], list[FeedState]]:
        """One poll of every feed now, whatever its schedule (a run from cron), except the feeds backing off
        after failures: those are returned beside the polls, untouched."""
        states, now = self.store.feed_states(self.urls), _now()
        waiting = [states[u] for u in self.urls
                   if u in states and states[u].failures and (states[u].next_poll_at or now) > now]
        skip = {s.url for s in waiting}
        return [self.poll(u) for u in self.urls if u not in skip and not self.stop.is_set()], waiting

    def poll(self, url: str) -> Poll:
        """Poll one feed now, store what is new, and keep its state."""
        state = self.store.feed_states([url]).get(url) or FeedState(url)
        now = _now()
        state.last_polled_at = now
        try:
            read = read_url(url, self.settings, self.fetcher, etag=state.etag, last_modified=state.last_modified,
                            known=self.store.known_urls)
        except IngestError as error:
            return self._failed(state, error, now)
        report = ingest_url(read, self.store, self.settings, outlet=self.outlet)
        if not read.response.not_modified:
            state.etag, state.last_modified = read.response.etag, read.response.last_modified
        state.last_ok_at, state.failures, state.last_error = now, 0, None
        state.next_poll_at = now + self.every
        state.articles_added += report.added
        self.store.save_feed_state(state)
        poll = Poll(url, "new" if report.added else "unchanged", report.added, read.pages_fetched,
                    tuple(str(e) for e in report.errors) + tuple(report.warnings), state.next_poll_at, 0)
        return self._told(poll)

    def _failed(self, state: FeedState, error: IngestError, now: datetime) -> Poll:
        state.failures += 1
        wait = min(self.every * 2 ** state.failures, max(MAX_BACKOFF, self.every))
        asked = getattr(error, "retry_after", None)
        if asked:
            wait = max(wait, timedelta(seconds=min(asked, MAX_BACKOFF.total_seconds())))
        state.next_poll_at, state.last_error = now + wait, str(error)
        self.store.save_feed_state(state)
        return self._told(Poll(state.url, "failed", 0, 0, (str(error),), state.next_poll_at, state.failures))

    def _told(self, poll: Poll) -> Poll:
        if self.on_poll:
            self.on_poll(poll)
        return poll

    def _due(self) -> list[str]:
        states, now = self.store.feed_states(self.urls), _now()
        return [u for u in self.urls if u not in states or (states[u].next_poll_at or now) <= now]

    def _seconds_to_next(self) -> float:
        states = self.store.feed_states(self.urls)
        due = [s.next_poll_at for s in states.values() if s.next_poll_at] or [_now()]
        return max(0.05, min(60.0, (min(due) - _now()).total_seconds()))

    def close(self) -> None:
        self.fetcher.close()


def _now() -> datetime:
    """The time in UTC, naive (as both backends store ``DateTime``), to the second."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)

