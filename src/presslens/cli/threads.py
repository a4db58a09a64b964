"""``threads`` and ``thread ID``: running storylines above the stories."""

from __future__ import annotations

import click

from .main import Context, cli
from .options import heading, json_option
from .output import console, print_json, print_table
from .stories import print_story_table, span_text


@cli.command()
@click.option("--outlet", help="Only threads this outlet covers.")
@click.option("--recent", is_flag=True, help="Latest first instead of most stories first.")
@click.option("--limit", default=30, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--offset", default=0, type=click.IntRange(0))
@json_option
@click.pass_obj
def threads(obj: Context, outlet, recent, limit, offset, as_json) -> None:
    """List threads: running storylines, each a chain of stories (events) over weeks."""
    found = list(obj.archive.threads(outlet=outlet, order="recent" if recent else "size", limit=limit,
                                     offset=offset))
    if as_json:
        print_json([obj.store.get_thread(t.thread_id).as_dict() for t in found])
        return
    rows = [(t.thread_id[:10], t.title, t.size, t.articles, ", ".join(t.outlets), span_text(t)) for t in found]
    title = heading(len(found), obj.archive.count("threads", outlet=outlet), "thread")
    print_table(title, ["thread", "title", "stories", "articles", "outlets", "dates"], rows)


@cli.command()
@click.argument("key")
@json_option
@click.pass_obj
def thread(obj: Context, key: str, as_json: bool) -> None:
    """One thread (KEY: thread id, its first characters, or the id of one of its stories): its stories in
    time order."""
    found = obj.archive.thread(key)
    if as_json:
        print_json(found.as_dict())
        return
    console.print(f"[bold]{found.title}[/bold]  ({found.thread_id})", highlight=False)
    console.print(f"{found.size} stories, {found.articles} articles from {len(found.outlets)} outlets, "
                  f"{span_text(found)}", highlight=False)
    print_story_table("Stories in time order", found.stories)
