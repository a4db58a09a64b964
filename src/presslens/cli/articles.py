"""``ingest``, ``articles``, ``show``, ``search``."""

from __future__ import annotations

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..pipeline import IngestReport
from ..store import display_title
from .main import Context, cli
from .options import heading, json_option, outlet_option, plural, since_option, until_option
from .output import console, error_console, print_json, print_table


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--outlet", help="Outlet name for every article (overrides the documents' own).")
@json_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_obj
def ingest(obj: Context, paths: tuple[str, ...], outlet: str | None, as_json: bool,
           quiet: bool) -> None:
    """Read articles from files, folders or globs (txt, JSONL, HTML, RSS/Atom, WARC), or http(s) URLs of
    feeds (entries that carry only a summary are completed from their pages) and pages.

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
    archive = obj.writable_archive
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=error_console,
                  disable=not show_progress, transient=True) as progress:
        task = progress.add_task("ingesting", total=None)

        def on_file(path, total: int) -> None:
            if path is None:
                progress.update(task, total=total)
            else:
                progress.update(task, advance=1, description=f"ingesting {path.name}")

        report = archive.ingest(list(paths), outlet=outlet, on_file=on_file)
    for warning in report.warnings:
        error_console.print(f"[yellow]warning:[/yellow] {warning}", markup=True, highlight=False)
    for error in report.errors:
        error_console.print(f"[red]error:[/red] {error}", markup=True, highlight=False)
    return report


def print_ingest_report(report: IngestReport) -> None:
    formats = ", ".join(f"{fmt} {n}" for fmt, n in sorted(report.added_by_format.items()))
    rate = report.documents / report.seconds if report.seconds else 0.0
    console.print(
        f"{plural(report.files, 'file')}, {plural(report.documents, 'article')} read: {report.added:,} added"
        f"{f' ({formats})' if formats else ''}, {report.already_stored:,} already stored, "
        f"{len(report.errors):,} failed; {rate:.0f} articles/s"
    )


@cli.command()
@outlet_option
@click.option("--language", help="Only this language (ISO code, e.g. en).")
@since_option
@until_option
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--offset", default=0, type=click.IntRange(0))
@json_option
@click.pass_obj
def articles(obj: Context, outlet, language, since, until, limit, offset, as_json) -> None:
    """List stored articles, newest first."""
    filters = {"outlet": outlet, "language": language, "since": since, "until": until}
    rows = list(obj.archive.articles(**filters, limit=limit, offset=offset))
    if as_json:
        story_of = obj.store.stories_of_articles([r.article_id for r in rows])
        print_json([{**r.as_dict(), "story_id": story_of.get(r.article_id)} for r in rows])
        return
    print_table(heading(len(rows), obj.archive.count("articles", **filters), "article"),
                ["id", "date", "outlet", "title", "words"],
                ((r.article_id, r.published, r.outlet, r.title, r.word_count) for r in rows))


@cli.command()
@json_option
@click.pass_obj
def outlets(obj: Context, as_json: bool) -> None:
    """List outlets with their number of articles, largest first."""
    counts = obj.archive.outlets()
    if as_json:
        print_json([{"outlet": name, "articles": n} for name, n in counts])
        return
    print_table(plural(len(counts), "outlet"), ["outlet", "articles"], counts)


@cli.command()
@click.argument("article_id")
@click.option("--raw", is_flag=True, help="Print the original text instead of the clean text.")
@json_option
@click.pass_obj
def show(obj: Context, article_id: str, raw: bool, as_json: bool) -> None:
    """Show one article (its id or a unique prefix of at least 4 characters)."""
    article = obj.archive.article(article_id)
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
@outlet_option
@since_option
@until_option
@click.option("--exact", is_flag=True, help="Match words as written (by default floods finds flood too).")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@json_option
@click.pass_obj
def search(obj: Context, query: str, outlet, since, until, exact: bool, limit: int, as_json: bool) -> None:
    """Full-text search over article titles and text, best first (FTS5 syntax welcome: "a phrase", OR, NOT,
    title:word, word*). Words match in any of their forms unless --exact."""
    hits = obj.archive.search(query, limit=limit, exact=exact, outlet=outlet, since=since, until=until)
    if as_json:
        print_json([h.as_dict() for h in hits])
        return
    more = " (the best ones: --limit for more)" if len(hits) == limit else ""
    print_table(f"{plural(len(hits), 'article')} match {query!r}{more}", ["id", "outlet", "title", "snippet"],
                ((h.article.article_id, h.article.outlet, h.article.title, h.snippet)
                 for h in hits))
