"""Threads on a real stream: PolNeAR train and dev streamed into stories (the default signals, as ``ingest`` does),
then the thread layer over the stored stories, scored on the labelled threads of bench/data/polnear_threads.jsonl.

Each labelled event (bench/data/polnear_events.jsonl) is represented by its main story (the one holding most of its
articles). Reported: the threads (count, largest, stories in threads); pair recall (pairs of events of one labelled
thread whose main stories share a thread); and false joins (pairs of labelled events of different labelled threads,
or of no thread, whose main stories share a thread). Thread parameters can be varied for a sweep.

    .venv/bin/python bench/polnear_threads.py [--gap-days 21 45] [--min-share 0.4 0.3] [--min-embedding 0.45]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import Counter
from itertools import combinations, product
from pathlib import Path

import polnear_stories as bench

THREADS = Path(__file__).resolve().parent / "data" / "polnear_threads.jsonl"


def stored_profiles():
    """Story profiles of PolNeAR train and dev, streamed with the default signals (a copy of the bench's store)."""
    from presslens.settings import Settings
    from presslens.store import Store
    from presslens.stories.update import ENCODER_NAME, update_stories

    copy = bench.RESULTS / "polnear_threads.db"
    with bench.cached_store(Settings(quote_method="off")):
        pass
    shutil.copyfile(bench.CACHE, copy)
    settings = Settings(db_url=str(copy), quote_method="off")
    with Store.open(settings.db_url) as store:
        update_stories(store, settings, from_scratch=True)
        urls = {a.article_id: a.url.removeprefix(bench.HOST) for a in store.list_articles(limit=100_000)}
        story_of = {urls[a]: s.story_id for s in store.list_stories(limit=100_000) for a in store.story_article_ids(
            s.story_id)}
        return store.story_profiles(ENCODER_NAME), story_of


def score(stories, story_of, gap_days: float) -> dict:
    """The thread layer's threads over ``stories`` (with the module's bars as set), scored on the labels."""
    from presslens.stories import threads as layer

    found = layer.assign_threads(stories, gap_days)
    thread_of = {s: t.thread_id for t in found for s in t.story_ids}
    events = [json.loads(line) for line in bench.EVENTS.open(encoding="utf-8")]
    main_story = {e["event"]: Counter(story_of[i] for i in e["ids"]).most_common(1)[0][0] for e in events}
    labelled = {e["event"]: e["thread"] for e in events}
    same = joined = false_joins = 0
    for a, b in combinations(sorted(main_story), 2):
        first, second = main_story[a], main_story[b]
        together = first == second or (thread_of.get(first) is not None and thread_of.get(first) == thread_of.get(
            second))
        if labelled[a] and labelled[a] == labelled[b]:
            same += 1
            joined += together
        else:
            false_joins += together
    return {"gap_days": gap_days, "min_share": layer.MIN_ENTITY_SHARE, "min_embedding": layer.MIN_EMBEDDING,
            "stories": len(stories), "threads": len(found),
            "largest": max((len(t.story_ids) for t in found), default=0),
            "stories_in_threads": len(thread_of), "labelled_pairs": same, "labelled_pairs_joined": joined,
            "pair_recall": round(joined / same, 3) if same else None, "false_joins": false_joins,
            "threads_read": [{"title": t.title, "stories": len(t.story_ids), "first": str(t.first_seen),
                              "last": str(t.last_seen)} for t in found[:5]]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gap-days", type=float, nargs="+", default=[21.0])
    parser.add_argument("--min-share", type=float, nargs="+", default=[0.4])
    parser.add_argument("--min-embedding", type=float, nargs="+", default=[0.45])
    args = parser.parse_args()
    if not bench.SHARED.exists():
        print(f"skipped: {bench.SHARED} is not there", file=sys.stderr)
        return 0
    from presslens.stories import threads as layer

    profiles, story_of = stored_profiles()
    stories = [layer.ThreadStory(p.story_id, p.title, p.size, p.first_seen, p.last_seen, p.outlets, p.entities,
                                 p.embedding) for p in profiles]
    results = []
    for gap, share, embedding in product(args.gap_days, args.min_share, args.min_embedding):
        layer.MIN_ENTITY_SHARE, layer.MIN_EMBEDDING = share, embedding
        results.append(score(stories, story_of, gap))
        print({k: v for k, v in results[-1].items() if k != "threads_read"}, flush=True)
    if len(results) == 1:
        print(json.dumps(results[0], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
