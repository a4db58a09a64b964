"""JSON Lines (or one JSON array/object): one article per object.

A line that is not JSON, nests too deeply or holds a number too long to read is one error; the next
lines are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..errors import IngestError
from ..records import RawDoc
from .dates import note_date
from .meta import decode, host_of
from .registry import Reader, register

_TEXT_KEYS = ("text", "content", "body")
_OUTLET_KEYS = ("outlet", "source", "publisher", "site_name", "sitename")
_DATE_KEYS = ("date", "published", "published_at", "pubdate")
_LANG_KEYS = ("language", "lang")
_NEWLINE = b"\n"


def read_jsonl(text: str, source: str) -> Iterator[RawDoc | IngestError]:
    """Articles from JSON Lines; a whole-file JSON array or object is accepted too."""
    stripped = text.lstrip()
    if stripped.startswith("[") or (stripped.startswith("{") and _is_single_json(stripped)):
        yield from _read_whole(stripped, source)
        return
    yield from read_json_lines(text, source)


def read_json_lines(text: str, source: str) -> Iterator[RawDoc | IngestError]:
    """Articles from JSON Lines, one record a line."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        locator = f"line {number}"
        try:
            record = load_json(line)
        except ValueError as exc:
            yield IngestError("E104", source=source, locator=locator, detail=_why(exc))
            continue
        yield record_to_doc(record, source, locator)


def load_json(text: str) -> object:
    """``json.loads``, with nesting too deep for the parser raised as a ``ValueError`` like any bad JSON."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _why(exc: ValueError) -> str:
    return exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc).split(":", 1)[0]


def _is_single_json(text: str) -> bool:
    try:
        load_json(text)
    except ValueError:
        return False
    return True


def _read_whole(text: str, source: str) -> Iterator[RawDoc | IngestError]:
    try:
        data = load_json(text)
    except ValueError as exc:
        line = exc.lineno if isinstance(exc, json.JSONDecodeError) else 1
        yield IngestError("E104", source=source, locator=f"line {line}", detail=_why(exc))
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        yield record_to_doc(record, source, f"record {index}")


def _first(record: dict, keys: tuple[str, ...]) -> object:
    for key in keys:
        value = record.get(key)
        if value not in (None, ""):
            return value
    return None


def record_to_doc(record: object, source: str, locator: str) -> RawDoc | IngestError:
    if not isinstance(record, dict):
        return IngestError("E105", source=source, locator=locator)
    body = _first(record, _TEXT_KEYS)
    if not isinstance(body, str) or not body.strip():
        return IngestError("E105", source=source, locator=locator)
    fields = {k: _first(record, keys) for k, keys in
              (("title", ("title", "headline")), ("url", ("url", "link")),
               ("outlet", _OUTLET_KEYS), ("language", _LANG_KEYS))}
    for key, value in fields.items():
        if value is not None and not isinstance(value, str):
            return IngestError("E112", source=source, locator=locator, field=key,
                               detail=f"expected a string, got {type(value).__name__}")
    url = fields["url"]
    doc = RawDoc(
        source=source, locator=locator, fmt="jsonl", text=body,
        title=(fields["title"] or "").strip() or None, url=url,
        outlet=fields["outlet"] or host_of(url),
        language=fields["language"],
    )
    note_date(doc, _first(record, _DATE_KEYS))
    return doc


def read_before_limit(data: bytes, source: str) -> tuple[Iterator[RawDoc | IngestError], str]:
    """A JSON Lines file cut at its size limit: the records of its whole lines, and the line it was cut in."""
    data = data[:data.rfind(_NEWLINE) + 1]
    return _whole_lines(data, source), f"line {data.count(_NEWLINE) + 1}"


def _whole_lines(data: bytes, source: str) -> Iterator[RawDoc | IngestError]:
    first = data.split(_NEWLINE, 1)[0]
    if not first.strip() or not _is_single_json(first.decode("utf-8", "replace")):
        return  # one big JSON document cut short, not JSON Lines: nothing to keep
    try:
        text = decode(data, source)
    except IngestError as exc:
        yield exc
        return
    yield from read_json_lines(text, source)


register(Reader("jsonl", read_jsonl, extensions=(".jsonl", ".ndjson", ".json"), starts=(b"{", b"["), sniff_order=20,
                records=True, partial=read_before_limit))
