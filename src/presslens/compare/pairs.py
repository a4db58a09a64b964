"""Quote-pair records for ``presslens align`` and ``presslens eval align``.

A side is ``{"text", "start", "end", "speaker"?, "outlet"?, "date"?}``: the
article's full text and the quotation's span in it. Labelled sets kept in the
repository name the article instead of copying it: ``{"source":
"sample:txt/x.txt#0" | "shared:samples/article_000.txt#0", "start", "end",
"sha1"}``, resolved here by reading the file with the ingest readers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..errors import CompareError
from ..ingest import read_path
from ..jsonl import read_objects
from ..records import RawDoc
from ..settings import Settings
from .align import QuoteSide
from .text import context_of

SAMPLE_ROOT = Path(__file__).parents[1] / "sample_corpus"


def read_jsonl(path: Path) -> Iterator[tuple[str, dict]]:
    """``(line locator, record)`` for each non-blank line; anything but a JSON object is an error."""
    for where, record in read_objects(path):
        if not isinstance(record, dict):
            raise CompareError("E601", source=str(path), locator=where, detail="not a JSON object")
        yield where, record


class SourceTexts:
    """Article texts named by ``sample:`` and ``shared:`` references, read once each."""

    def __init__(self, shared_root: Path | None = None) -> None:
        self.roots = {"sample": SAMPLE_ROOT, "shared": shared_root}
        self._docs: dict[Path, list[RawDoc]] = {}

    def text(self, reference: str) -> str:
        """The original text of ``scheme:path#index``."""
        scheme, _, rest = reference.partition(":")
        path_part, _, index_part = rest.partition("#")
        root = self.roots.get(scheme)
        if root is None or not path_part:
            raise ValueError(f"unknown source {reference!r} (sample:PATH#N or shared:PATH#N)")
        path = (root / path_part).resolve()
        if path not in self._docs:
            if not path.is_file():
                raise FileNotFoundError(f"{reference}: no file {path}")
            self._docs[path] = [d for d in read_path(path, Settings()) if isinstance(d, RawDoc)]
        docs, index = self._docs[path], int(index_part or 0)
        if not 0 <= index < len(docs):
            raise ValueError(f"{reference}: the file holds {len(docs)} documents")
        return docs[index].text


def side_text(side: dict, texts: SourceTexts | None) -> str:
    """The full text a side's offsets point into (resolving a ``source`` reference)."""
    if isinstance(side.get("text"), str):
        return side["text"]
    if isinstance(side.get("source"), str) and texts is not None:
        return texts.text(side["source"])
    raise ValueError('a side needs "text" (the article\'s full text) or "source"')


def quote_side(side: object, texts: SourceTexts | None = None) -> QuoteSide:
    """A ``QuoteSide`` from a record's side; ValueError says what is wrong."""
    if not isinstance(side, dict):
        raise ValueError("a side must be an object")
    text = side_text(side, texts)
    start, end = side.get("start", 0), side.get("end", len(text))
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise ValueError(f"start/end {start!r}/{end!r} do not fit a text of {len(text)} characters")
    if side.get("sha1") and hashlib.sha1(text[start:end].encode("utf-8")).hexdigest()[:10] != side["sha1"]:
        raise ValueError(f"the span {start}-{end} of {side.get('source')} is not the labelled text (sha1)")
    return QuoteSide(text=text[start:end], context=context_of(text, start, end), speaker=_str(side, "speaker"),
                     outlet=_str(side, "outlet"), published=side_date(side.get("date")))


def pair_sides(record: dict, where: str, source: str, texts: SourceTexts | None) -> tuple[QuoteSide, QuoteSide]:
    """Both sides of a record, or a CompareError naming the file and line."""
    try:
        return quote_side(record.get("a"), texts), quote_side(record.get("b"), texts)
    except (ValueError, OSError) as exc:
        raise CompareError("E601", source=source, locator=where, detail=str(exc)) from None


def _str(side: dict, key: str) -> str | None:
    value = side.get(key)
    return value if isinstance(value, str) and value.strip() else None


def side_date(value: object) -> date | None:
    """An ISO day ("2026-04-09", or the start of a timestamp) as a date; None when there is none."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
