"""Stories on a real stream: PolNeAR train and dev (a year of election coverage from seven outlets) streamed in
date order with their real publishers and dates, scored on the same-event groups of bench/data/polnear_events.jsonl.

The articles are ingested once (quotes off: the stories stage needs entities, headlines and text) into a cached
store under bench/results/; every run then streams them through the stories stage exactly as ``ingest`` does
(``presslens.stories.update``: lead text, body, canonical entities, headline embeddings), with the settings
given, and prints:

- the story size distribution (count, largest, 95th percentile, stories of 2+);
- pairwise recall of the labelled groups (pairs of one group in one story), per split;
- BCubed P/R/F1 on a split (gold: the labelled groups, every other article of the split a singleton);
- articles of no labelled event per labelled story (in the story holding most of each group), on average.

    .venv/bin/python bench/polnear_stories.py [--window-days 7] [--signals tfidf,entities,embeddings,events,time]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "polnear"
EVENTS = ROOT / "bench" / "data" / "polnear_events.jsonl"
RESULTS = ROOT / "bench" / "results"
CACHE = RESULTS / "polnear_stories.db"
HOST = "https://polnear.example/"


def corpus_jsonl(path: Path) -> Path:
    """PolNeAR train and dev as ingest input: text, title, outlet (the publisher), date, and the id in the URL."""
    with path.open("w", encoding="utf-8") as out:
        for split in ("train", "dev"):
            for line in (SHARED / f"{split}.jsonl").open(encoding="utf-8"):
                record = json.loads(line)
                out.write(json.dumps({"url": HOST + record["id"], "title": record.get("title"), "text": record["text"],
                                      "outlet": record["publisher"], "date": record["date"]}) + "\n")
    return path


def cached_store(settings):
    """The store holding every PolNeAR article (ingested once, stories left to each run)."""
    from presslens import pipeline
    from presslens.store import Store

    if not CACHE.exists():
        RESULTS.mkdir(parents=True, exist_ok=True)
        source = corpus_jsonl(RESULTS / "polnear_stories.jsonl")
        with Store.open(str(CACHE)) as store:
            pipeline.ingest_paths([source], store, settings)
    return Store.open(str(CACHE))


def stream(store, settings, signals=None) -> tuple[dict[str, str], dict[str, str]]:
    """Each article's story (by PolNeAR id) after streaming every stored article from scratch, and its split."""
    from presslens.stories import StoryStream
    from presslens.stories.update import ENCODER_NAME, _story_documents

    inputs = sorted(store.story_inputs(ENCODER_NAME), key=lambda i: (i.published is None, i.published))
    documents = _story_documents(store, inputs)
    stories = StoryStream(settings.story_window_days, *([signals] if signals else []))
    run = stories.extend(documents, [i.language or "en" for i in inputs])
    urls = {a.article_id: a.url for a in store.list_articles(limit=100_000)}
    story_of = {urls[link.article_id].removeprefix(HOST): link.story_id for link in run.links}
    split_of = {}
    for split in ("train", "dev"):
        for line in (SHARED / f"{split}.jsonl").open(encoding="utf-8"):
            split_of[json.loads(line)["id"]] = split
    return story_of, split_of


def scores(story_of: dict[str, str], split_of: dict[str, str], groups: list[dict], split: str) -> dict:
    """Pairwise recall, BCubed P/R/F1 and stray articles per labelled story, on one split."""
    groups = [g for g in groups if g["split"] == split]
    gold = {i: f"single:{i}" for i, s in split_of.items() if s == split and i in story_of}
    for g in groups:
        gold.update({i: g["event"] for i in g["ids"]})
    pairs = hits = 0
    for g in groups:
        ids = g["ids"]
        for a in range(len(ids)):
            for b in range(a + 1, len(ids)):
                pairs += 1
                hits += story_of[ids[a]] == story_of[ids[b]]
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for i, g in gold.items():
        by_pred[story_of[i]].add(i)
        by_gold[g].add(i)
    precision = sum(len(by_pred[story_of[i]] & by_gold[g]) / len(by_pred[story_of[i]]) for i, g in gold.items())
    recall = sum(len(by_pred[story_of[i]] & by_gold[g]) / len(by_gold[g]) for i, g in gold.items())
    precision, recall = precision / len(gold), recall / len(gold)
    labelled = {i for g in groups for i in g["ids"]}
    strays = []
    members = defaultdict(set)
    for i, s in story_of.items():
        if split_of.get(i) == split:
            members[s].add(i)
    for g in groups:
        story = Counter(story_of[i] for i in g["ids"]).most_common(1)[0][0]
        strays.append(len(members[story] - labelled))
    return {"split": split, "groups": len(groups), "pairwise_recall": round(hits / pairs, 3) if pairs else None,
            "bcubed_p": round(precision, 3), "bcubed_r": round(recall, 3),
            "bcubed_f1": round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0,
            "strays_per_story": round(sum(strays) / len(strays), 2) if strays else None}


def sizes(story_of: dict[str, str]) -> dict:
    counts = sorted(Counter(story_of.values()).values(), reverse=True)
    return {"stories": len(counts), "largest": counts[0], "p95": counts[int(0.05 * len(counts))],
            "stories_of_2_or_more": sum(1 for c in counts if c > 1), "top10": counts[:10]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--window-days", type=int, default=None, help="PRESSLENS_STORY_WINDOW_DAYS for the run")
    parser.add_argument("--label", default="current", help="name of this run in the JSON output")
    parser.add_argument("--signals", default=None, help="comma-separated stream signals [default: the stream's]")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"skipped: {SHARED} is not there", file=sys.stderr)
        return 0
    os.environ.setdefault("PRESSLENS_QUOTES", "off")
    from presslens.settings import Settings

    settings = Settings.from_env(story_window_days=args.window_days)
    groups = [json.loads(line) for line in EVENTS.open(encoding="utf-8")]
    with cached_store(settings) as store:
        started = time.perf_counter()
        story_of, split_of = stream(store, settings, args.signals.split(",") if args.signals else None)
        seconds = time.perf_counter() - started
    result = {"label": args.label, "signals": args.signals or "default", "window_days": settings.story_window_days,
              "articles": len(story_of),
              "seconds": round(seconds, 1), **sizes(story_of),
              "scores": [scores(story_of, split_of, groups, split) for split in ("train", "dev")]}
    print(json.dumps(result, indent=2))
    out = RESULTS / f"polnear_stories_{args.label}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
