"""Ingest: find documents, pick a reader by extension and sniffed content, yield RawDocs.

Readers never raise on bad input: they yield an ``IngestError`` naming the file and
record, and go on with the rest.
"""

from __future__ import annotations

import glob
import gzip
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import IngestError
from ..records import RawDoc
from ..settings import Settings
from .feed import read_feed
from .html import read_html
from .jsonl import read_jsonl
from .meta import decode, host_of
from .txt import read_txt
from .warc import read_warc

__all__ = ["FORMATS", "detect_format", "host_of", "iter_sources", "read_bytes", "read_path"]

FORMATS = ("txt", "jsonl", "html", "feed", "warc")
_EXTENSIONS = {
    ".txt": "txt", ".text": "txt",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".rdf": "feed",
    ".warc": "warc", ".arc": "warc",
}


def iter_sources(paths: Iterable[str | Path]) -> Iterator[Path | IngestError]:
    """Files named by ``paths``: files, directories (recursively) and glob patterns."""
    for item in paths:
        path = Path(item)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
        elif path.is_file():
            yield path
        elif any(ch in str(item) for ch in "*?["):
            matches = sorted(Path(p) for p in glob.glob(str(item), recursive=True))
            files = [p for p in matches if p.is_file()]
            yield from files or [IngestError("E100", source=str(item))]
        else:
            yield IngestError("E100", source=str(item))


def _hidden(path: Path, root: Path) -> bool:
    """A dot-file or a file in a dot-folder below ``root`` (``root`` itself may be ``../x``)."""
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def detect_format(name: str, head: bytes) -> str:
    """The reader for a file: by extension, else by sniffing its first bytes."""
    lower = name.lower()
    if lower.endswith((".warc.gz", ".arc.gz")):
        return "warc"
    suffix = Path(lower.removesuffix(".gz")).suffix
    return _EXTENSIONS.get(suffix) or _sniff(head)


def _sniff(head: bytes) -> str:
    if head[:2] == b"\x1f\x8b":
        try:
            head = gzip.decompress(head)
        except (OSError, EOFError):
            head = _partial_gunzip(head)
    start = head.lstrip()[:2048].lower()
    if start.startswith(b"warc/"):
        return "warc"
    if start[:1] in (b"{", b"["):
        return "jsonl"
    if b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start:
        return "feed"
    if start.startswith((b"<!doctype html", b"<html")) or b"<body" in start:
        return "html"
    return "txt"


def _partial_gunzip(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)
    except zlib.error:
        return b""


def read_path(path: Path, settings: Settings) -> Iterator[RawDoc | IngestError]:
    """Every article (or error) in one file."""
    source = str(path)
    try:
        size = path.stat().st_size
        fmt = detect_format(path.name, _head(path))
        limit = settings.max_document_bytes * (50 if fmt in ("warc", "jsonl", "feed") else 1)
        if size > limit:
            yield IngestError("E110", source=source, size=size, limit=limit)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield IngestError("E111", source=source, detail=exc.strerror or str(exc))
        return
    yield from read_bytes(data, source, settings, fmt)


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(4096)


def read_bytes(data: bytes, source: str, settings: Settings,
               fmt: str | None = None) -> Iterator[RawDoc | IngestError]:
    """Every article (or error) in a document given as bytes."""
    fmt = fmt or detect_format(source, data[:4096])
    if fmt in ("warc", "feed"):
        if not data.strip():
            yield IngestError("E101", source=source)
            return
        binary_reader = read_warc if fmt == "warc" else read_feed
        yield from _limit_size(binary_reader(data, source), settings)
        return
    try:
        text = decode(data, source)
    except IngestError as exc:
        yield exc
        return
    reader = {"txt": read_txt, "jsonl": read_jsonl, "html": read_html}[fmt]
    yield from _limit_size(reader(text, source), settings)


def _limit_size(docs: Iterable[RawDoc | IngestError],
                settings: Settings) -> Iterator[RawDoc | IngestError]:
    for doc in docs:
        if isinstance(doc, RawDoc) and len(doc.text) > settings.max_document_bytes:
            yield IngestError("E110", source=doc.source, locator=doc.locator,
                              size=len(doc.text.encode("utf-8")), limit=settings.max_document_bytes)
        else:
            yield doc
