"""``watch``: follow feeds live, and ``feeds``: what is followed and how each feed is doing."""

from __future__ import annotations

import json
import signal
import threading
from pathlib import Path

import click

from ..ingest.web import is_url, iter_lines
from ..watch import Poll, Watcher, parse_every
from .main import Context, cli
from .options import json_option, plural
from .output import console, error_console, print_json, print_table


@cli.command()
@click.argument("urls", nargs=-1)
@click.option("--feeds", "feeds_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A file of feed URLs, one a line (# comments).")
@click.option("--every", default="15m", show_default=True, help="How often to poll each feed: 30s, 15m, 2h, 1d.")
@click.option("--once", is_flag=True, help="Poll each feed once now and stop (for cron); a feed backing off after "
              "failures waits its turn.")
@click.option("--outlet", help="Outlet name for every article (overrides the feeds' own).")
@json_option
@click.pass_obj
def watch(obj: Context, urls: tuple[str, ...], feeds_file: Path | None, every: str, once: bool,
          outlet: str | None, as_json: bool) -> None:
    """Follow RSS/Atom feeds (or pages): poll each on a schedule and store what is new.

    Requests are conditional (ETag, Last-Modified); an entry already stored is not fetched again; an entry
    that carries only a summary is completed from its page. A failing feed backs off (every x 2^failures, at
    most 6 h). Each feed's state is kept in the store, so a stopped watch goes on where it was. Ctrl-C or
    SIGTERM stops after the feed being stored. With --once, exits 1 when a feed failed.
    """
    targets = list(urls) + (list(iter_lines(feeds_file.read_text(encoding="utf-8"))) if feeds_file else [])
    if not targets:
        raise click.UsageError("give feed URLs, or --feeds FILE")
    if bad := [t for t in targets if not is_url(t)]:
        raise click.UsageError(f"not an http(s) URL: {bad[0]}")
    interval = parse_every(every)
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: _stopping(stop, as_json))
    report = (lambda p: print(json.dumps(p.as_dict()), flush=True)) if as_json else _print_poll
    watcher = Watcher(targets, obj.writable_store, obj.settings, interval, stop=stop, on_poll=report, outlet=outlet)
    if not as_json:
        error_console.print(f"watching {plural(len(watcher.urls), 'feed')} every {every}"
                            f"{'' if once else ' (Ctrl-C to stop)'}", highlight=False)
    try:
        if once:
            polls, waiting = watcher.poll_now()
            for state in waiting:
                error_console.print(f"{state.url}: backing off after {plural(state.failures, 'failure')}, next try "
                                    f"{state.next_poll_at:%Y-%m-%d %H:%M:%S} UTC", highlight=False)
        else:
            polls = watcher.run()
    finally:
        watcher.close()
    if once and any(p.outcome == "failed" for p in polls):
        raise click.exceptions.Exit(1)


def _stopping(stop: threading.Event, quiet: bool) -> None:
    if not stop.is_set() and not quiet:
        error_console.print("stopping after the current feed ...", highlight=False)
    stop.set()


def _print_poll(poll: Poll) -> None:
    when = poll.next_poll_at.strftime("%Y-%m-%d %H:%M:%S")
    if poll.outcome == "failed":
        error_console.print(f"[red]{poll.url}[/red]: {poll.errors[0]}; retry at {when} UTC "
                            f"({plural(poll.failures, 'failure')} in a row)", markup=True, highlight=False)
        return
    pages = f", {plural(poll.pages_fetched, 'page')} fetched" if poll.pages_fetched else ""
    console.print(f"{poll.url}: {plural(poll.added, 'new article')}{pages}; next poll {when} UTC", highlight=False)
    for line in poll.errors:
        error_console.print(f"  {line}", highlight=False, markup=False)


@cli.command()
@json_option
@click.pass_obj
def feeds(obj: Context, as_json: bool) -> None:
    """List the feeds watch follows: last poll, next poll, failures, articles added."""
    states = list(obj.store.feed_states().values())
    if as_json:
        print_json([s.as_dict() for s in states])
        return
    print_table(plural(len(states), "feed"), ["url", "last poll", "next poll", "failures", "articles", "last error"],
                ((s.url, s.last_polled_at, s.next_poll_at, s.failures, s.articles_added, s.last_error or "")
                 for s in states))
