"""Build the sample WARC, ``src/presslens/sample_corpus/warc/sample.warc.gz``.

Each ``sample_corpus/warc_src/*.html`` page (in file-name order) becomes an HTTP
``response`` record whose URL and date come from the page's canonical link and
``article:published_time``.  A ``warcinfo`` record, one ``request`` record, a
``robots.txt`` response and a PNG response are added so that readers have
non-article records to skip.  Output is byte-for-byte deterministic: dates are
fixed and record ids are UUIDv5 values derived from the record type and URL.

Run: ``.venv/bin/python scripts/build_sample_warc.py [OUTPUT]``
"""

from __future__ import annotations

import base64
import re
import sys
import uuid
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

CORPUS = Path(__file__).resolve().parents[1] / "src" / "presslens" / "sample_corpus"
DEFAULT_OUT = CORPUS / "warc" / "sample.warc.gz"
ROBOTS = b"User-agent: *\nDisallow: /en/plus/\nSitemap: https://www.rhinevalleypost.example/sitemap.xml\n"
PNG_1X1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def record_id(kind: str, url: str) -> str:
    """A stable ``<urn:uuid:...>`` for one record."""
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, kind + ' ' + url)}>"


def page_meta(html: str) -> tuple[str, datetime]:
    """Canonical URL and crawl time (published time + 2 hours, UTC) of a page."""
    url = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    published = re.search(r'<meta property="article:published_time" content="([^"]+)"', html)
    if not url or not published:
        raise ValueError("page lacks a canonical link or article:published_time")
    when = datetime.fromisoformat(published[1].replace("Z", "+00:00")).astimezone(UTC)
    return url[1], when + timedelta(hours=2)


def write(
    writer: WARCWriter,
    kind: str,
    url: str,
    when: datetime,
    body: bytes,
    http: StatusAndHeaders | None,
    concurrent_to: str | None = None,
) -> str:
    """Write one record with fixed id and date; return its id."""
    rid = record_id(kind, url)
    headers = {"WARC-Record-ID": rid, "WARC-Date": when.strftime("%Y-%m-%dT%H:%M:%SZ")}
    if concurrent_to:
        headers["WARC-Concurrent-To"] = concurrent_to
    record = writer.create_warc_record(
        url, kind, payload=BytesIO(body), length=len(body), warc_headers_dict=headers, http_headers=http
    )
    writer.write_record(record)
    return rid


def response(writer: WARCWriter, url: str, when: datetime, body: bytes, content_type: str) -> str:
    """Write an HTTP 200 ``response`` record."""
    http = StatusAndHeaders(
        "200 OK",
        [
            ("Date", format_datetime(when, usegmt=True)),
            ("Content-Type", content_type),
            ("Content-Length", str(len(body))),
        ],
        protocol="HTTP/1.1",
    )
    return write(writer, "response", url, when, body, http)


def request_headers(url: str) -> StatusAndHeaders:
    """The HTTP GET a crawler would have sent for ``url``."""
    host, path = url.split("/", 3)[2:]
    headers = [("Host", host), ("User-Agent", "presslens-sample/1.0"), ("Accept", "text/html")]
    return StatusAndHeaders(f"GET /{path} HTTP/1.1", headers, is_http_request=True)


def build(out: Path) -> None:
    """Write the WARC file to ``out``."""
    pages = sorted((CORPUS / "warc_src").glob("*.html"))
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        _, first_when = page_meta(pages[0].read_text(encoding="utf-8"))
        info = (
            b"software: presslens build_sample_warc.py\r\nformat: WARC File Format 1.0\r\n"
            b"description: presslens sample corpus\r\n"
        )
        write(writer, "warcinfo", "", first_when, info, None)
        for i, page in enumerate(pages):
            url, when = page_meta(page.read_text(encoding="utf-8"))
            body = page.read_bytes()
            host = "/".join(url.split("/")[:3])
            if i == 0:
                write(
                    writer,
                    "request",
                    url,
                    when,
                    b"",
                    request_headers(url),
                    concurrent_to=record_id("response", url),
                )
            response(writer, url, when, body, "text/html; charset=utf-8")
            if i == 0:
                response(writer, host + "/robots.txt", when, ROBOTS, "text/plain; charset=utf-8")
            elif i == 1:
                response(writer, host + "/static/img/logo-32.png", when, PNG_1X1, "image/png")


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT)
