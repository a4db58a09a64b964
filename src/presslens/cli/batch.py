"""``batch`` (the pipeline on Apache Spark, to Parquet) and ``load`` (its output into the store)."""

from __future__ import annotations

from pathlib import Path

import click

from .articles import print_ingest_report
from .main import Context, cli
from .options import json_option
from .output import console, error_console, print_json


@cli.command()
@click.option("--input", "inputs", multiple=True, required=True, metavar="PATH_OR_GLOB",
              help="Files, folders or globs to read (repeat for more).")
@click.option("--output", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the Parquet tables (must be new or empty).")
@click.option("--master", default="local[2]", show_default=True,
              help="Spark master: local[N], local[*] or spark://host:port.")
@click.option("--outlet", help="Outlet name for every article (overrides the documents' own).")
@click.option("--load", "then_load", is_flag=True, help="Then load the output into the store (--db).")
@json_option
@click.pass_obj
def batch(obj: Context, inputs: tuple[str, ...], output: Path, master: str, outlet: str | None, then_load: bool,
          as_json: bool) -> None:
    """Ingest, clean, find entities and quotes on Spark; write Parquet (articles, quotes, mentions).

    The output is stored with "presslens load OUTPUT" (or --load), which links people across
    articles and clusters stories: the same store "presslens ingest" makes from the same input.
    Exits with status 1 when any document could not be read or cleaned.
    """
    from ..batch import run_batch

    report = run_batch(list(inputs), output, obj.settings, master=master, outlet=outlet)
    for error in report.errors:
        error_console.print(f"[red]error:[/red] {error}", markup=True, highlight=False)
    loaded = _load(obj, output) if then_load else None
    if as_json:
        print_json({"batch": report.as_dict(), "load": loaded.as_dict() if loaded else None})
    else:
        rate = report.articles / report.seconds if report.seconds else 0.0
        console.print(f"{report.files} files, {report.documents} documents read on {master}: {report.articles} "
                      f"articles, {report.quotes} quotes in {report.batches} batches, {len(report.errors)} failed; "
                      f"{rate:.1f} articles/s -> {output}")
        if loaded:
            print_ingest_report(loaded)
    if report.errors:
        raise click.exceptions.Exit(1)


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@json_option
@click.pass_obj
def load(obj: Context, directory: Path, as_json: bool) -> None:
    """Store the output of "presslens batch" (in ingest order) and cluster stories."""
    report = _load(obj, directory)
    if as_json:
        print_json(report.as_dict())
    else:
        print_ingest_report(report)


def _load(obj: Context, directory: Path):
    from ..batch import load_output

    return load_output(directory, obj.writable_store, obj.settings)
