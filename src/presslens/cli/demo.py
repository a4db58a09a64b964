"""``demo``: ingest the bundled sample corpus into a local SQLite file and summarise it."""

from __future__ import annotations

import os
import sys

import click
from rich.console import Console
from rich.markdown import Markdown

from ..compare import brief_markdown, story_brief
from ..pipeline import sample_corpus_paths
from .articles import print_ingest_report, run_ingest
from .main import Context
from .main import cli as group
from .output import console, print_table
from .serve import run_server
from .stories import print_story_table

DEMO_DB = "presslens-demo.db"


@group.command()
@click.option("--serve", "then_serve", is_flag=True, help="Then serve the web UI and API on localhost.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port for --serve.")
@click.pass_context
def demo(ctx: click.Context, then_serve: bool, port: int) -> None:
    """Ingest the sample corpus (all formats) and print what presslens found.

    Uses presslens-demo.db in the current folder unless --db or PRESSLENS_DB is set.
    With --serve, then serves the web UI on http://127.0.0.1:PORT/.
    """
    obj: Context = ctx.obj
    given_here = ctx.get_parameter_source("db_url") not in (None, click.core.ParameterSource.DEFAULT)
    if ctx.parent is not None and ctx.parent.params.get("db_url") is None and not given_here:
        from dataclasses import replace

        obj.settings = replace(obj.settings, db_url=DEMO_DB)
    report = run_ingest(obj, sample_corpus_paths(("en", "fr")))
    print_ingest_report(report)
    store = obj.writable_store
    console.print(f"\n[bold]{store.count_articles()} articles, {store.count_stories()} stories, "
                  f"{store.count_quotes()} quotes[/bold] in {obj.settings.db_url}\n")
    print_table("Articles per outlet", ["outlet", "articles"], store.outlet_counts())
    print_story_table("Stories (two articles or more)", store.list_stories(min_size=2, limit=12))
    speakers = store.top_speakers(limit=8)
    if speakers:
        print_table("Most quoted", ["speaker", "role", "quotes", "outlets"],
                    [(s.name, s.role, s.quotes, ", ".join(s.outlets)) for s in speakers])
    largest = store.list_stories(limit=1)
    if largest and largest[0].size > 1:
        console.print()
        brief = story_brief(store.story_material(largest[0].story_id))
        Console(highlight=False).print(Markdown(brief_markdown(brief, max_items=6)))
    program = os.path.relpath(sys.argv[0]) if sys.argv[0].endswith("presslens") else "presslens"
    console.print(f"\nTry: {program} --db {obj.settings.db_url} search bridge")
    console.print(f"     {program} --db {obj.settings.db_url} quotes --speaker okafor")
    console.print(f"     {program} --db {obj.settings.db_url} stories")
    thread = store.list_threads(limit=1)
    if thread:  # a storyline of several events (Glasshouse)
        console.print(f"     {program} --db {obj.settings.db_url} thread {thread[0].thread_id[:10]}")
    if largest:
        console.print(f"     {program} --db {obj.settings.db_url} story {largest[0].story_id[:10]} --format md")
    quoted = store.list_quotes(speaker="Reyne", limit=1) or store.list_quotes(limit=1)
    if quoted:
        console.print(f"     {program} --db {obj.settings.db_url} trace {quoted[0].quote_id}")
    console.print(f"     {program} --db {obj.settings.db_url} serve")
    if then_serve:
        run_server(obj, "127.0.0.1", port)
