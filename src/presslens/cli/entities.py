"""``entities`` and ``entities show``."""

from __future__ import annotations

from collections import defaultdict

import click

from ..entities import KINDS
from .main import Context, cli
from .options import heading, json_option
from .output import console, print_json, print_table


@cli.group(invoke_without_command=True)
@click.option("--kind", type=click.Choice(KINDS))
@click.option("--search", help="Words in the name or any surface form.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--offset", default=0, type=click.IntRange(0))
@json_option
@click.pass_context
def entities(ctx: click.Context, kind, search, limit, offset, as_json) -> None:
    """List canonical entities (people, organisations, works, places), most mentioned first."""
    if ctx.invoked_subcommand:
        return
    obj: Context = ctx.obj
    found = list(obj.archive.entities(kind=kind, search=search, limit=limit, offset=offset))
    if as_json:
        print_json([e.as_dict() for e in found])
        return
    rows = [(e.name, e.kind, e.roles[0] if e.roles else "", e.mentions, len(e.outlets)) for e in found]
    total = obj.archive.count("entities", kind=kind, search=search)
    print_table(f"{heading(len(found), total, 'entity', 'entities')} (--json for ids, forms and outlets)",
                ["name", "kind", "role", "mentions", "outlets"], rows)


@entities.command()
@click.argument("key")
@json_option
@click.pass_obj
def show(obj: Context, key: str, as_json: bool) -> None:
    """One entity (by id, or words of its name): mentions by outlet, roles, and quotes."""
    entity = obj.archive.entity(key)
    mentions = obj.store.entity_mentions(entity.entity_id)
    quotes = list(obj.archive.quotes(speaker_entity_id=entity.entity_id, limit=1000))
    if as_json:
        print_json({**entity.as_dict(), "mentions_list": mentions, "quotes": [q.as_dict() for q in quotes]})
        return
    console.print(f"[bold]{entity.name}[/bold]  ({entity.kind}, {entity.entity_id})")
    if entity.roles:
        console.print("role: " + "; ".join(entity.roles))
    console.print("also written: " + ", ".join(entity.forms))
    by_outlet: dict[str, list[dict]] = defaultdict(list)
    for mention in mentions:
        by_outlet[mention["outlet"] or "(unknown)"].append(mention)
    print_table("Mentions by outlet", ["outlet", "mentions", "articles", "evidence"],
                [(outlet, len(ms), len({m["article_id"] for m in ms}),
                  next((m["evidence"] for m in ms if m["evidence"]), "")) for outlet, ms in sorted(by_outlet.items())])
    if quotes:
        print_table(f"{len(quotes)} quotes", ["outlet", "date", "quote", "cue"],
                    [(q.outlet, q.published, " ".join(q.content.split()), q.cue) for q in quotes])
