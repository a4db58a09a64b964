"""The input readers by name, in one table: each reader module registers its format once
(``register(Reader(...))``), with the file extensions and the sniffing test that pick it. ``reader_for`` picks
the reader of a file, ``get`` gives one by name and ``names`` lists them, in the order they were registered.
A new input format is one module and its registration line.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import IngestError
from ..records import RawDoc
from .limits import GZIP_MAGIC

__all__ = ["Reader", "get", "names", "reader_for", "register"]

Item = RawDoc | IngestError
Partial = Callable[[bytes, str], tuple[Iterable[Item], str | None]]
_SNIFF_BYTES = 1 << 16
_SNIFF_CHARS = 2048


@dataclass(frozen=True, slots=True)
class Reader:
    """One input format.

    ``read`` is given ``(text, source)`` when ``takes`` is ``"text"`` (decoded by ``meta.decode``), ``(data,
    source)`` for ``"bytes"`` (never blank), and ``(stream, source, limit, record_limit)`` for ``"stream"`` (it
    inflates gzip and holds the limits itself). ``extensions`` pick it by name (one with two dots, such as
    ``.warc.gz``, matches the end of the name; the others the last suffix once ``.gz`` is set aside); else its
    content is sniffed: the first 2 KiB (inflated, leading space stripped, lower case) ``starts`` with one of
    its prefixes or ``contains`` one of its markers, the tests run in ``sniff_order``. The ``fallback`` reader
    takes what nothing else claims. ``records``: a file holds many documents (a larger size limit).
    ``partial``: what a file cut at its size limit still gives, and where the E110 says it was cut (None: the
    default place).
    """

    name: str
    read: Callable[..., Iterator[Item]]
    takes: Literal["text", "bytes", "stream"] = "text"
    extensions: tuple[str, ...] = ()
    starts: tuple[bytes, ...] = ()
    contains: tuple[bytes, ...] = ()
    sniff_order: int = 0
    fallback: bool = False
    records: bool = False
    partial: Partial | None = None

    def sniffs(self, start: bytes) -> bool:
        """Whether the first bytes of a file (as ``reader_for`` prepares them) look like this format."""
        return start.startswith(self.starts) or any(marker in start for marker in self.contains)


_READERS: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    """Add (or replace) the reader of ``reader.name``."""
    _READERS[reader.name] = reader
    return reader


def names() -> tuple[str, ...]:
    """The registered formats, in the order they were registered."""
    return tuple(_READERS)


def get(name: str) -> Reader:
    """The reader called ``name``; KeyError naming the registered ones if none."""
    try:
        return _READERS[name]
    except KeyError:
        raise KeyError(f"no reader {name!r}; registered: {', '.join(_READERS)}") from None


def reader_for(name: str, head: bytes) -> Reader:
    """The reader for a file: by extension, else by sniffing its first bytes ``head``, else the fallback."""
    return _by_extension(name.lower()) or _sniff(head)


def _by_extension(lower: str) -> Reader | None:
    for reader in _READERS.values():
        if lower.endswith(tuple(ext for ext in reader.extensions if ext.count(".") > 1)):
            return reader
    suffix = Path(lower.removesuffix(".gz")).suffix
    return next((reader for reader in _READERS.values() if suffix in reader.extensions), None)


def _sniff(head: bytes) -> Reader:
    if head[:2] == GZIP_MAGIC:
        head = _partial_gunzip(head)
    start = head.lstrip()[:_SNIFF_CHARS].lower()
    for reader in sorted(_READERS.values(), key=lambda r: r.sniff_order):
        if reader.sniffs(start):
            return reader
    return next(reader for reader in _READERS.values() if reader.fallback)


def _partial_gunzip(head: bytes) -> bytes:
    """The first bytes ``head`` (the start of a gzip file) inflates to, at most 64 KiB."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, _SNIFF_BYTES)
    except zlib.error:
        return b""
