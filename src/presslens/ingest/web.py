"""Feeds and pages over HTTP (httpx): one polite client, conditional requests, bounded bodies.

``Fetcher.get`` asks with a clear user agent and gzip, follows at most ``MAX_REDIRECTS`` redirects, gives a
request ``Settings.fetch_timeout`` seconds in all (a server that trickles bytes is cut off too) and reads at
most ``Settings.max_document_bytes`` of the decoded body (a gzip bomb stops there). ``read_url`` turns what
comes back into articles: a feed's entries (each entry that carries only a summary completed from its page)
or one page's article. Failures are ``IngestError``s naming the URL: E116 (no answer, a redirect loop),
E117 (an HTTP error status), E118 (too large).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from ..errors import IngestError
from ..records import RawDoc
from ..settings import Settings
from .meta import host_of
from .registry import reader_for

__all__ = ["MAX_REDIRECTS", "SUMMARY_WORDS", "USER_AGENT", "Fetcher", "Response", "UrlRead", "is_url", "read_url"]

MAX_REDIRECTS = 5
SUMMARY_WORDS = 120  # a feed entry with fewer words than this is a summary: its page is fetched
USER_AGENT = "presslens/0.1 (news archive for research; respects ETag and Last-Modified)"
_ACCEPT = ("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.9, text/xml;q=0.8,"
           " */*;q=0.5")


def is_url(value: str) -> bool:
    """Whether a command-line argument names an http(s) URL rather than a path."""
    return value.lower().startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class Response:
    """What a server answered: the final URL (after redirects), the status, and the body unless 304."""

    url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(slots=True)
class UrlRead:
    """The articles (and errors) read from one URL, with the response they came from."""

    response: Response
    items: list[RawDoc | IngestError] = field(default_factory=list)
    pages_fetched: int = 0
    skipped: int = 0  # feed entries already stored


class Fetcher:
    """An HTTP client for many requests (connections kept); close it, or use it as a context manager."""

    def __init__(self, settings: Settings, *, transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self.client = httpx.Client(
            headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(settings.fetch_timeout), follow_redirects=True, max_redirects=MAX_REDIRECTS,
            transport=transport)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET ``url`` (conditionally when ``etag`` or ``last_modified`` is given); raises ``IngestError``."""
        headers = {"If-None-Match": etag} if etag else {}
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            with self.client.stream("GET", url, headers=headers) as answer:
                return self._read(url, answer)
        except httpx.TooManyRedirects:
            raise IngestError("E116", source=url, detail=f"more than {MAX_REDIRECTS} redirects") from None
        except httpx.TimeoutException:
            raise IngestError("E116", source=url, detail=self._too_slow()) from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise IngestError("E116", source=url, detail=str(exc) or type(exc).__name__) from None

    def _read(self, url: str, answer: httpx.Response) -> Response:
        final = str(answer.url)
        etag, modified = answer.headers.get("ETag"), answer.headers.get("Last-Modified")
        if answer.status_code == 304:
            return Response(final, 304, etag=etag, last_modified=modified)
        if answer.status_code >= 400:
            error = IngestError("E117", source=url, status=answer.status_code, reason=answer.reason_phrase)
            error.retry_after = retry_after(answer.headers.get("Retry-After"))
            raise error
        limit, deadline = self.settings.max_document_bytes, time.monotonic() + self.settings.fetch_timeout
        declared = answer.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise IngestError("E118", source=url, limit=limit)
        chunks, size = [], 0
        for chunk in answer.iter_bytes():  # as they come, decoded: the limit counts inflated bytes
            size += len(chunk)
            if size > limit:
                raise IngestError("E118", source=url, limit=limit)
            if time.monotonic() > deadline:
                raise IngestError("E116", source=url, detail=self._too_slow())
            chunks.append(chunk)
        return Response(final, answer.status_code, b"".join(chunks), answer.headers.get("Content-Type", ""),
                        etag, modified)

    def _too_slow(self) -> str:
        return f"no complete answer within {self.settings.fetch_timeout} s (set PRESSLENS_FETCH_TIMEOUT)"


def retry_after(value: str | None) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (a number or an HTTP date), or None."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def read_url(url: str, settings: Settings, fetcher: Fetcher, *, etag: str | None = None,
             last_modified: str | None = None,
             known: Callable[[list[str]], set[str]] | None = None) -> UrlRead:
    """The articles at ``url``: a feed's entries or a page's article (raises ``IngestError`` when the URL
    itself cannot be fetched). ``known(links)`` says which entry links are stored already: those entries are
    left out. An entry that carries only a summary is completed from its page (kept as the summary, with a
    W103 warning, when that fails)."""
    from . import read_bytes  # the package imports this module

    response = fetcher.get(url, etag=etag, last_modified=last_modified)
    read = UrlRead(response)
    if response.not_modified:
        return read
    fmt = _format(response)
    items = list(read_bytes(response.body, url, settings, fmt))
    if fmt != "feed":
        read.items = [_placed(i, response.url) if isinstance(i, RawDoc) else i for i in items]
        return read
    links = [i.url for i in items if isinstance(i, RawDoc) and i.url]
    stored = known(links) if known and links else set()
    read.items = [_completed(i, settings, fetcher, read) if isinstance(i, RawDoc) else i
                  for i in items if not (isinstance(i, RawDoc) and i.url in stored)]
    read.skipped = len(items) - len(read.items)
    return read


def _format(response: Response) -> str:
    """``feed`` or ``html`` (or another reader) from the URL's name and the body's first bytes."""
    name = urlsplit(response.url).path.rsplit("/", 1)[-1] or "index.html"
    fmt = reader_for(name, response.body[:4096]).name
    if fmt == "txt" and "html" in response.content_type.lower():
        return "html"
    return fmt


def _placed(doc: RawDoc, url: str) -> RawDoc:
    """A page's article with the URL it came from, and its host as outlet when the page names none."""
    doc.url = doc.url or url
    doc.outlet = doc.outlet or host_of(url)
    return doc


def _completed(entry: RawDoc, settings: Settings, fetcher: Fetcher, read: UrlRead) -> RawDoc:
    """A feed entry with its page's text when the feed gave a summary only."""
    if not entry.url or not is_url(entry.url) or len(entry.text.split()) >= SUMMARY_WORDS:
        return entry
    from . import read_bytes

    try:
        response = fetcher.get(entry.url)
    except IngestError as error:
        entry.warnings.append(f"[W103] {entry.where}: the feed gives a summary; its page could not be read"
                              f" ({error.reason}): the summary is stored")
        return entry
    read.pages_fetched += 1
    pages = [p for p in read_bytes(response.body, entry.url, settings, "html") if isinstance(p, RawDoc)]
    if not pages or len(pages[0].text.split()) <= len(entry.text.split()):
        return entry
    page = pages[0]
    return replace(entry, text=page.text, fmt="html", language=entry.language or page.language,
                   title=entry.title or page.title, published=entry.published or page.published,
                   published_at=entry.published_at or page.published_at, skip_spans=list(page.skip_spans),
                   warnings=list(entry.warnings) + list(page.warnings))


def iter_lines(text: str) -> Iterator[str]:
    """The URLs of a feeds file: one a line, blank lines and ``#`` comments skipped."""
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            yield line
