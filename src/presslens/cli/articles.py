"""``ingest``, ``articles``, ``show``, ``search``."""

from __future__ import annotations

from datetime import date

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..pipeline import IngestReport, ingest_paths
from ..store import display_title
from .main import Context, cli
from .output import console, error_console, print_json, print_table

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--outlet", help="Outlet name for every article (overrides the documents' own).")
@json_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_obj
def ingest(obj: Context, paths: tuple[str, ...], outlet: str | None, as_json: bool,
           quiet: bool) -> None:
    """Read articles from files, folders or globs (txt, JSONL, HTML, RSS/Atom, WARC).

    Exits with status 1 when any document could not be read; the rest are stored.
    """
    report = run_ingest(obj, paths, outlet=outlet, show_progress=not (quiet or as_json))
    if as_json:
        print_json(report.as_dict())
    else:
        print_ingest_report(report)
    if not report.ok:
        raise click.exceptions.Exit(1)


def run_ingest(obj: Context, paths, *, outlet: str | None = None,
               show_progress: bool = True) -> IngestReport:
    """Ingest with a progress bar over files; errors go to stderr as they come."""
    store = obj.writable_store
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=error_console,
                  disable=not show_progress, transient=True) as progress:
        task = progress.add_task("ingesting", total=None)

        def on_file(path, total: int) -> None:
            if path is None:
                progress.update(task, total=total)
            else:
                progress.update(task, advance=1, description=f"ingesting {path.name}")

        report = ingest_paths(paths, store, obj.settings, outlet=outlet, on_file=on_file)
    for warning in report.warnings:
        error_console.print(f"[yellow]warning:[/yellow] {warning}", markup=True, highlight=False)
    for error in report.errors:
        error_console.print(f"[red]error:[/red] {error}", markup=True, highlight=False)
    return report


def print_ingest_report(report: IngestReport) -> None:
    formats = ", ".join(f"{fmt} {n}" for fmt, n in sorted(report.added_by_format.items()))
    rate = report.documents / report.seconds if report.seconds else 0.0
    console.print(
        f"{report.files} files, {report.documents} articles read: {report.added} added"
        f"{f' ({formats})' if formats else ''}, {report.already_stored} already stored, "
        f"{len(report.errors)} failed; {rate:.0f} articles/s"
    )


@cli.command()
@click.option("--outlet", help="Only this outlet.")
@click.option("--language", help="Only this language (ISO code, e.g. en).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Published on or after.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Published on or before.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--offset", default=0, type=click.IntRange(0))
@json_option
@click.pass_obj
def articles(obj: Context, outlet, language, since, until, limit, offset, as_json) -> None:
    """List stored articles, newest first."""
    rows = obj.store.list_articles(outlet=outlet, language=language, since=_day(since),
                                   until=_day(until), limit=limit, offset=offset)
    if as_json:
        story_of = obj.store.stories_of_articles([r.article_id for r in rows])
        print_json([{**r.as_dict(), "story_id": story_of.get(r.article_id)} for r in rows])
        return
    print_table(f"{len(rows)} articles", ["id", "date", "outlet", "title", "words"],
                ((r.article_id, r.published, r.outlet, r.title, r.word_count) for r in rows))


def _day(value) -> date | None:
    return value.date() if value else None


@cli.command()
@click.argument("article_id")
@click.option("--raw", is_flag=True, help="Print the original text instead of the clean text.")
@json_option
@click.pass_obj
def show(obj: Context, article_id: str, raw: bool, as_json: bool) -> None:
    """Show one article (its id or a unique prefix of at least 4 characters)."""
    article = obj.store.get_article(article_id)
    if as_json:
        print_json(article.as_dict())
        return
    console.print(f"[bold]{display_title(article.title, article.clean_text)}[/bold]")
    console.print(f"{article.outlet or '(unknown outlet)'} · {article.published or 'no date'} · "
                  f"{article.language} · {article.fmt} · id {article.article_id}")
    if article.url:
        console.print(article.url)
    console.print()
    console.print(article.raw_text if raw else article.clean_text, markup=False)
    if article.removed and not raw:
        console.print(f"\n[dim]{len(article.removed)} boilerplate lines removed:[/dim]")
        for span in article.removed:
            console.print(f"[dim]  - {span.text[:100]}[/dim]", markup=True, highlight=False)


@cli.command()
@click.argument("query")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@json_option
@click.pass_obj
def search(obj: Context, query: str, limit: int, as_json: bool) -> None:
    """Full-text search over article titles and text (FTS5 syntax welcome)."""
    hits = obj.store.search(query, limit=limit)
    if as_json:
        print_json([h.as_dict() for h in hits])
        return
    print_table(f"{len(hits)} articles match {query!r}", ["id", "outlet", "title", "snippet"],
                ((h.article.article_id, h.article.outlet, h.article.title, h.snippet)
                 for h in hits))
