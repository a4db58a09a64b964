"""The ASGI layer around the whole app: security headers, HEAD for every GET, and a last-resort error.

It wraps everything, the API, the pages, the static files and the error handlers' answers alike, so:

- every response carries a Content-Security-Policy (scripts, styles and images from this origin
  only, no inline code, no framing), ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY``
  and ``Referrer-Policy: no-referrer``;
- ``HEAD`` is answered wherever ``GET`` is: run as ``GET``, the same status and headers, no body;
- an exception that nothing else handled is logged with its traceback and answered with the error
  shape (500, code ``internal``), never with a plain-text page.
"""

from __future__ import annotations

import json
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CONTENT_SECURITY_POLICY", "SECURITY_HEADERS", "HttpGuard"]

log = logging.getLogger("presslens.api")
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
INTERNAL_ERROR = json.dumps({"error": {"code": "internal", "message": "internal server error"}}).encode()


class HttpGuard:
    """Pure ASGI middleware: security headers, HEAD as GET without a body, and the catch-all 500."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        started = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": _with_security_headers(message.get("headers", []))}
            elif head and message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        try:
            await self.app({**scope, "method": "GET"} if head else scope, receive, guarded_send)
        except Exception:
            log.exception("unhandled error in %s %s", scope["method"], scope.get("path", ""))
            if started:
                raise
            await _internal_error(guarded_send)


def _with_security_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    present = {name.lower() for name, _value in headers}
    return list(headers) + [(name, value) for name, value in SECURITY_HEADERS if name not in present]


async def _internal_error(send: Send) -> None:
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(INTERNAL_ERROR)).encode())]
    await send({"type": "http.response.start", "status": 500, "headers": headers})
    await send({"type": "http.response.body", "body": INTERNAL_ERROR, "more_body": False})
