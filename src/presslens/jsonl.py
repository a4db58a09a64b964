"""JSONL files given on the command line (labelled sets, records to score): one object a line,
and an error that names the file and line for anything else."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from .errors import IngestError


def read_objects(path: Path) -> Iterator[tuple[str, object]]:
    """``("line N", value)`` for each non-blank line; bad JSON or an unreadable file is an ``IngestError``."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise IngestError("E111", source=str(path), detail=exc.strerror or str(exc)) from None
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield f"line {number}", json.loads(line)
            except json.JSONDecodeError as exc:
                raise IngestError("E104", source=str(path), locator=f"line {number}", detail=exc.msg) from None
