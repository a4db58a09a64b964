"""``export``: a table of the store as CSV, JSONL or Parquet, streamed to a file or stdout."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..export import FORMATS, export_chunks
from ..store import EXPORT_COLUMNS, EXPORT_TABLES, ExportFilters
from .main import Context, cli
from .options import outlet_option, plural, since_option, until_option
from .output import error_console

SINGULAR = {"articles": "article", "quotes": "quote", "mentions": "mention", "entities": "entity",
            "stories": "story", "threads": "thread"}


@cli.command()
@click.argument("table", type=click.Choice(EXPORT_TABLES))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format [default: from the --out suffix, else jsonl].")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="File to write [default: stdout].")
@since_option
@until_option
@outlet_option
@click.option("--story", help="Only this story (id, id prefix, or the id of one of its articles).")
@click.option("--speaker", help="Quotes of this speaker only (name or words, any part, any case).")
@click.option("--bom", is_flag=True, help="Start a CSV with a UTF-8 byte order mark (for Excel).")
@click.pass_obj
def export(obj: Context, table: str, fmt: str | None, out: Path | None, since, until, outlet, story, speaker,
           bom: bool) -> None:
    """Write every row of TABLE (no limit), streamed at constant memory.

    Quotes carry their quote, article, story and speaker entity ids and their offsets into the article's
    original text; stories carry their article ids, threads their story ids. CSV cells hold lists as JSON
    arrays. A file is written under a temporary name and renamed when complete.
    """
    fmt = fmt or _format_of(out)
    if fmt == "parquet" and out is None and sys.stdout.isatty():
        raise click.UsageError("Parquet is binary: give --out FILE or redirect stdout")
    filters = ExportFilters(since=since, until=until, outlet=outlet, story_id=story, speaker=speaker)
    rows = _counted(obj.archive.store.export(table, filters))
    chunks = export_chunks(rows, EXPORT_COLUMNS[table], fmt, bom=bom)
    if out is None:
        for chunk in chunks:
            sys.stdout.buffer.write(chunk)
        sys.stdout.buffer.flush()
    else:
        _write_file(out, chunks)
    where = str(out) if out else "stdout"
    error_console.print(f"exported {plural(rows.count, SINGULAR[table], table)} to {where} ({fmt})", highlight=False)


def _format_of(out: Path | None) -> str:
    suffix = out.suffix.lower().lstrip(".") if out else ""
    return {"csv": "csv", "parquet": "parquet", "pq": "parquet", "tsv": "csv"}.get(suffix, "jsonl")


class _counted:
    """An iterator that counts what passes through it."""

    def __init__(self, rows) -> None:
        self.rows, self.count = iter(rows), 0

    def __iter__(self):
        return self

    def __next__(self):
        row = next(self.rows)
        self.count += 1
        return row


def _write_file(out: Path, chunks) -> None:
    """Write ``chunks`` to ``out`` through a temporary file beside it, so a stopped export leaves no half file."""
    partial = out.with_name(f".{out.name}.partial")
    try:
        with partial.open("wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
