"""What every benchmark ends with: its rows as a plain table on stdout, and as JSON under bench/results/."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path


def print_table(rows: Sequence[Mapping], columns: Sequence[str]) -> None:
    """One line per row, right-aligned under column names as wide as the widest cell."""
    width = max(len(str(cell)) for cell in [*columns, *(row[c] for row in rows for c in columns)])
    print(" ".join(f"{c:>{width}}" for c in columns))
    for row in rows:
        print(" ".join(f"{row[c]!s:>{width}}" for c in columns))


def print_fitted_table(rows: Sequence[Mapping], columns: Sequence[str]) -> None:
    """As ``print_table``, but each column as wide as its own widest cell: text left-aligned, numbers right."""
    widths = {c: max(len(str(cell)) for cell in [c, *(row[c] for row in rows)]) for c in columns}
    numeric = {c: all(isinstance(row[c], int | float) or row[c] in ("", "-") for row in rows) for c in columns}

    def line(cells: Mapping) -> str:
        return "  ".join(f"{cells[c]!s:>{widths[c]}}" if numeric[c] else f"{cells[c]!s:<{widths[c]}}"
                         for c in columns).rstrip()

    print(line({c: c for c in columns}))
    for row in rows:
        print(line(row))


def write_json(path: Path, payload: Mapping) -> None:
    """``payload`` as indented JSON at ``path`` (its folder made if missing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2))
