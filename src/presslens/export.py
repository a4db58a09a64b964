"""Exports: a table's rows as CSV, JSONL or Parquet, written in chunks as they stream from the store.

``export_chunks`` turns rows into bytes a batch at a time (the CLI writes them to a file, the REST API sends
them as they come), so memory stays flat at any number of rows. CSV cells hold lists as JSON arrays and
empty values as empty cells; Parquet keeps the types (dates, integers, lists of strings).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import islice

import pyarrow as pa
import pyarrow.parquet as pq

from .errors import ConfigError

__all__ = ["FORMATS", "MEDIA_TYPES", "export_chunks"]

FORMATS = ("csv", "jsonl", "parquet")
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
               "parquet": "application/vnd.apache.parquet"}
BATCH_ROWS = 5000
_ARROW_TYPES = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
                "date": pa.date32(), "list": pa.list_(pa.string())}

Columns = Sequence[tuple[str, str]]


def export_chunks(rows: Iterable[dict], columns: Columns, fmt: str, *, bom: bool = False) -> Iterator[bytes]:
    """The bytes of ``rows`` in format ``fmt`` (csv, jsonl, parquet), a batch of rows at a time.

    ``columns`` are the table's ``(name, type)``: they fix the CSV header and the Parquet schema, so an
    export of no rows is still a readable file with the table's columns. ``bom`` starts a CSV with a UTF-8
    byte order mark, which spreadsheet programs need to read it as UTF-8.
    """
    if fmt == "csv":
        return _csv_chunks(rows, columns, bom)
    if fmt == "jsonl":
        return _jsonl_chunks(rows, columns)
    if fmt == "parquet":
        return _parquet_chunks(rows, columns)
    raise ConfigError("E006", what=fmt, allowed=", ".join(FORMATS))


def _batches(rows: Iterable[dict]) -> Iterator[list[dict]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, BATCH_ROWS)):
        yield batch


def _csv_chunks(rows: Iterable[dict], columns: Columns, bom: bool) -> Iterator[bytes]:
    names = [name for name, _ in columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    yield ("\ufeff" if bom else "").encode() + _drain(buffer)
    for batch in _batches(rows):
        writer.writerows([_csv_cell(row.get(name)) for name in names] for row in batch)
        yield _drain(buffer)


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _drain(buffer: io.StringIO) -> bytes:
    data = buffer.getvalue().encode("utf-8", "surrogatepass")
    buffer.seek(0)
    buffer.truncate()
    return data


def _jsonl_chunks(rows: Iterable[dict], columns: Columns) -> Iterator[bytes]:
    names = [name for name, _ in columns]
    for batch in _batches(rows):
        yield "".join(json.dumps({name: row.get(name) for name in names}, ensure_ascii=False,
                                 default=_iso) + "\n" for row in batch).encode("utf-8", "surrogatepass")


def _iso(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


class _Sink:
    """A write-only file that keeps what Parquet writes until the next chunk is taken."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.closed = False

    def write(self, data) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def take(self) -> bytes:
        data, self.parts = b"".join(self.parts), []
        return data


def _parquet_chunks(rows: Iterable[dict], columns: Columns) -> Iterator[bytes]:
    schema = pa.schema([(name, _ARROW_TYPES[kind]) for name, kind in columns])
    sink = _Sink()
    with pq.ParquetWriter(pa.PythonFile(sink, mode="w"), schema, compression="zstd") as writer:
        for batch in _batches(rows):
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
            yield sink.take()
    yield sink.take()
