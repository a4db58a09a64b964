"""``stories``, ``story ID`` and ``eval stories``."""

from __future__ import annotations

import time
from pathlib import Path

import click

from ..compare import brief_markdown
from ..pipeline import update_stories
from ..stories.evaluate import ORDERS, arrival_order, gold_documents, stream_labels
from ..stories.features import DEFAULT_SIGNALS, SIGNALS
from ..stories.linker import Linker
from ..stories.metrics import score_clusters
from ..stories.stream import StreamClusterer
from .main import Context, cli
from .options import heading, json_option, outlet_option, plural, since_option, until_option
from .output import console, print_json, print_table
from .quotes import eval_group, read_records


@cli.command()
@outlet_option
@since_option
@until_option
@click.option("--search", help="Words in the story's headlines.")
@click.option("--min-size", default=1, show_default=True, type=click.IntRange(1), help="Fewest articles.")
@click.option("--recent", is_flag=True, help="Latest first instead of biggest first.")
@click.option("--recluster", is_flag=True, help="Re-cluster every stored article from scratch first.")
@click.option("--limit", default=30, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--offset", default=0, type=click.IntRange(0))
@json_option
@click.pass_obj
def stories(obj: Context, outlet, since, until, search, min_size, recent, recluster, limit, offset, as_json) -> None:
    """List stories: groups of articles on one event, across outlets (with --since/--until: those whose days
    overlap that span)."""
    if recluster:
        update_stories(obj.store, obj.settings, from_scratch=True)
    filters = {"outlet": outlet, "since": since, "until": until, "search": search, "min_size": min_size}
    found = list(obj.archive.stories(**filters, order="recent" if recent else "size", limit=limit, offset=offset))
    if as_json:
        members = obj.store.articles_of_stories([s.story_id for s in found])
        print_json([{**s.as_dict(), "article_ids": members[s.story_id]} for s in found])
        return
    print_story_table(heading(len(found), obj.archive.count("stories", **filters), "story", "stories"), found)


def print_story_table(title: str, found) -> None:
    rows = [(s.story_id[:10], s.title, s.size, s.duplicates or "", ", ".join(s.outlets), span_text(s)) for s in found]
    print_table(title, ["story", "title", "articles", "copies", "outlets", "dates"], rows)


@cli.command()
@click.argument("key")
@click.option("--format", "fmt", type=click.Choice(["timeline", "md", "json"]), default="timeline",
              show_default=True, help="timeline: articles by date; md or json: the brief, outlet by outlet.")
@json_option
@click.pass_obj
def story(obj: Context, key: str, fmt: str, as_json: bool) -> None:
    """One story (KEY: story id, its first characters, or an article id).

    By default its articles by time and outlet; with --format md or json its brief: who is quoted by
    which outlet, the same quotes across outlets and how they changed, conflicting facts, and what only
    one outlet reports.
    """
    if as_json and fmt == "md":
        raise click.UsageError("--json and --format md ask for two formats: give one")
    if fmt != "timeline":
        brief = obj.archive.story(key).brief()
        if fmt == "json":
            print_json(brief.as_dict())
        else:
            click.echo(brief_markdown(brief))
        return
    found = obj.archive.story(key).summary
    if as_json:
        print_json({**found.as_dict(), "thread_id": obj.store.thread_of_story(found.story_id)})
        return
    console.print(f"[bold]{found.title}[/bold]  ({found.story_id})")
    console.print(f"{plural(found.size, 'article')} from {plural(len(found.outlets), 'outlet')}, {span_text(found)}")
    thread_id = obj.store.thread_of_story(found.story_id)
    if thread_id:
        console.print(f"Part of thread {thread_id[:10]}: {obj.store.get_thread(thread_id, with_stories=False).title}",
                      highlight=False)
    rows = [(m.published, m.outlet, m.title, m.article_id[:10],
             f"copy of {m.duplicate_of[:10]} ({m.containment:.0%})" if m.duplicate_of else "")
            for m in found.members]
    print_table("Timeline", ["date", "outlet", "title", "article", "near-duplicate"], rows)


def span_text(found) -> str:
    """A story's or thread's dates: one day, a range, or undated."""
    if not found.first_seen:
        return "undated"
    if found.first_seen == found.last_seen:
        return found.first_seen.isoformat()
    return f"{found.first_seen.isoformat()} to {found.last_seen.isoformat()}"


@eval_group.command(name="stories")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help="JSONL records {id, title?, text, date?, outlet?, cluster}.")
@click.option("--language", default=None, help="Language of the texts [default: PRESSLENS_LANGUAGE or en].")
@click.option("--signals", default=",".join(DEFAULT_SIGNALS), show_default=True,
              help="Comma-separated signals to use (for ablation): " + ", ".join(SIGNALS) + ".")
@click.option("--order", type=click.Choice(ORDERS), default="file", show_default=True,
              help="Arrival order: as in the file, shuffled (--seed), or by date.")
@click.option("--seed", default=1, show_default=True, type=int)
@click.option("--threshold", default=None, type=click.FloatRange(0, 1),
              help="Join probability a document needs [default: the linker's].")
@click.option("--window-days", default=None, type=click.FloatRange(0),
              help="Days a story stays open [default: PRESSLENS_STORY_WINDOW_DAYS].")
@json_option
@click.pass_obj
def eval_stories(obj: Context, gold: Path, language, signals, order, seed, threshold, window_days,
                 as_json: bool) -> None:
    """Stream the gold documents into stories and score them (BCubed, NMI, ARI)."""
    chosen = [s.strip() for s in signals.split(",") if s.strip()]
    unknown = set(chosen) - set(SIGNALS)
    if unknown or "tfidf" not in chosen:
        raise click.BadParameter(f"choose from {', '.join(SIGNALS)}, with tfidf", param_hint="--signals")
    language = language or obj.settings.default_language
    records = list(read_records(gold))
    if any("cluster" not in r for r in records):
        raise click.UsageError(f"{gold}: every record needs a 'cluster'")
    linker = None  # the stream's own: the full one for dated documents, the one without events for undated ones
    if threshold is not None:
        linker = Linker.load(chosen, language=language)
        linker = Linker(linker.features, linker.coefficients, linker.intercept, threshold)
    clusterer = StreamClusterer(language, linker, chosen,
                                window_days=window_days if window_days is not None else obj.settings.story_window_days)
    started = time.perf_counter()
    documents = gold_documents(records, language, chosen)
    prepared = time.perf_counter()
    indices = arrival_order(records, order, seed)
    predicted = stream_labels([documents[i] for i in indices], clusterer)
    finished = time.perf_counter()
    scores = score_clusters([records[i]["cluster"] for i in indices], predicted)
    used = clusterer.linker if any(d.published for d in documents) else clusterer.undated_linker
    result = {**scores.as_dict(), "signals": chosen, "order": order, "threshold": used.threshold,
              "documents_per_second": round(len(records) / max(finished - started, 1e-9), 1),
              "clustering_documents_per_second": round(len(records) / max(finished - prepared, 1e-9), 1)}
    if as_json:
        print_json(result)
        return
    console.print(f"{result['documents']} documents ({order} order), signals {'+'.join(chosen)}: "
                  f"{result['predicted_stories']} stories found, {result['gold_stories']} in the gold set")
    console.print(f"BCubed P {result['bcubed_precision']:.3f}  R {result['bcubed_recall']:.3f}  "
                  f"F1 {result['bcubed_f1']:.3f}   NMI {result['nmi']:.3f}   ARI {result['ari']:.3f}")
    console.print(f"{result['documents_per_second']} documents/s end to end (entities and embeddings included); "
                  f"clustering alone {result['clustering_documents_per_second']} documents/s")
