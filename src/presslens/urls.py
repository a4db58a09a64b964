"""Web addresses, shared by the stages that read them."""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["host_of"]


def host_of(url: str | None) -> str | None:
    """The host of a URL without a leading ``www.``, lower-cased; None if there is none."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")
