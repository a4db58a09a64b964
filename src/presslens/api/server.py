"""Serving the app with uvicorn, with deadlines for idle, slow and half-sent connections.

uvicorn (h11) closes a keep-alive connection that stays silent after a response
(``timeout_keep_alive``), but nothing else: a connection that never sends a request, or sends half
a request line or its headers a byte at a time (slowloris), or stops halfway through a body, is
held open for ever. ``GuardedH11Protocol`` adds the missing deadlines:

- the request line and headers must be complete within ``header_timeout`` seconds of the moment
  the connection began waiting for them (connected, or the previous response sent);
- a request body may not go silent for more than ``body_timeout`` seconds (unless the server
  itself paused reading it).

Headers larger than ``MAX_HEADER_BYTES`` are refused by h11 (400). The app works on a complete
request for as long as it takes: no deadline runs while the server, not the client, is the one busy.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["BODY_TIMEOUT", "HEADER_TIMEOUT", "KEEP_ALIVE_TIMEOUT", "GuardedH11Protocol", "guarded_protocol",
           "server_config"]

HEADER_TIMEOUT = 10.0
BODY_TIMEOUT = 30.0
KEEP_ALIVE_TIMEOUT = 5
MAX_HEADER_BYTES = 16 * 1024
log = logging.getLogger("presslens.api")


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a header deadline and a body idle deadline."""

    header_timeout: float = HEADER_TIMEOUT
    body_timeout: float = BODY_TIMEOUT

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None
        self._deadline_kind: str | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._watch()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._watch()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._watch()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel()
        super().connection_lost(exc)

    def _watch(self) -> None:
        """Arm the deadline that fits where the client is: sending a head, sending a body, or done."""
        state = self.conn.their_state
        if self.transport.is_closing() or state not in (h11.IDLE, h11.SEND_BODY):
            self._cancel()
        elif state is h11.IDLE and self._deadline_kind != "head":
            self._arm("head", self.header_timeout)
        elif state is h11.SEND_BODY:
            self._arm("body", self.body_timeout)

    def _arm(self, kind: str, seconds: float) -> None:
        self._cancel()
        self._deadline_kind = kind
        self._deadline = self.loop.call_later(seconds, self._expire)

    def _cancel(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        self._deadline, self._deadline_kind = None, None

    def _expire(self) -> None:
        kind, self._deadline, self._deadline_kind = self._deadline_kind, None, None
        if kind == "body" and self.flow.read_paused:
            self._arm("body", self.body_timeout)
            return
        if not self.transport.is_closing():
            log.info("closing a connection from %s: its request %s did not arrive in time", self.client,
                     "headers" if kind == "head" else "body")
            self.transport.close()


def guarded_protocol(header_timeout: float = HEADER_TIMEOUT,
                     body_timeout: float = BODY_TIMEOUT) -> type[GuardedH11Protocol]:
    """A ``GuardedH11Protocol`` with these deadlines (uvicorn builds one protocol per connection)."""
    return type("GuardedH11Protocol", (GuardedH11Protocol,),
                {"header_timeout": header_timeout, "body_timeout": body_timeout})


def server_config(app: Any, host: str = "127.0.0.1", port: int = 8000, *, header_timeout: float = HEADER_TIMEOUT,
                  body_timeout: float = BODY_TIMEOUT, keep_alive: int = KEEP_ALIVE_TIMEOUT,
                  log_level: str = "warning") -> uvicorn.Config:
    """The uvicorn configuration presslens serves with: h11 with deadlines, a short keep-alive."""
    return uvicorn.Config(app, host=host, port=port, http=guarded_protocol(header_timeout, body_timeout),
                          timeout_keep_alive=keep_alive, h11_max_incomplete_event_size=MAX_HEADER_BYTES,
                          log_level=log_level)
