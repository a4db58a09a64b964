"""Clustering cost per article as the stream grows (issue 8). Synthetic articles are made from the
sample corpus's headlines and leads with perturbations, dated so that about --active stories are open
at a time, and generated lazily in publication order (the input is never held in memory). Each article
goes through the near-duplicate finder (on a body of 40-70 words; 5% of articles are near-copies of the
one before) and the stream clusterer, both keeping a --window-days window. One stream runs to the
largest size; at each size it reports the wall and CPU time per article over the tenth of the stream
just before that size (the cost at that size), the resident memory then and the peak so far. Prints
a table and writes JSON.

    .venv/bin/python bench/stories_scale.py --sizes 1000 10000 100000 1000000
"""

from __future__ import annotations

import argparse
import heapq
import json
import random
import resource
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from report import print_table, write_json
from threadpoolctl import threadpool_limits

from presslens.ingest import read_path
from presslens.pipeline import sample_corpus_paths
from presslens.records import RawDoc
from presslens.settings import Settings
from presslens.stories import lead_text
from presslens.stories.duplicates import NearDuplicateFinder
from presslens.stories.features import StoryDocument
from presslens.stories.stream import StreamClusterer

START = datetime(2026, 1, 1)
COPIES = 0.05  # share of articles that are near-copies of the one before (syndication)


def seed_texts() -> list[str]:
    """Headline plus lead of every sample-corpus article: the vocabulary the synthetic stories draw on."""
    texts = []
    for folder in sample_corpus_paths():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            texts += [lead_text(d.title or "", d.text) for d in read_path(path, Settings()) if isinstance(d, RawDoc)]
    return texts


def synthetic(count: int, active: int, rng: random.Random, seeds: list[str]) -> Iterator[StoryDocument]:
    """``count`` articles in stories of 3 to 12 articles each, ``active`` stories open at a time, in
    publication order. A story's articles come within 72 hours of its start day, so once the next
    story starts on a later day, every article dated before that day can be let out."""
    pending: list[tuple[datetime, int, StoryDocument]] = []
    story, made = 0, 0
    per_day = max(1, active // 3)
    while made < count:
        day = START + timedelta(days=story // per_day)
        while pending and pending[0][0] < day:
            yield heapq.heappop(pending)[2]
        seed = rng.choice(seeds).split()
        names = [f"{rng.choice(['Kor', 'Vel', 'Ash', 'Bri', 'Tam'])}{story}x{rng.randrange(99)}" for _ in range(6)]
        base = rng.sample(seed, min(14, len(seed))) + names
        centre = np.random.default_rng(story).standard_normal(384).astype(np.float32)
        body = ""
        for member in range(min(rng.randint(3, 12), count - made)):
            words = [w for w in base if rng.random() > 0.15] + rng.sample(names, 2)
            rng.shuffle(words)
            vector = centre + 0.6 * np.random.default_rng(made).standard_normal(384).astype(np.float32)
            text = " ".join(words[:60])
            if body and rng.random() < COPIES:  # a syndicated copy of the previous article, one word changed
                body_words = body.split()
                body_words[rng.randrange(len(body_words))] = rng.choice(names)
            else:  # an article of its own: the story's words in a lead-length text of another article's words
                body_words = [w for w in rng.choice(seeds).split() + base if rng.random() > 0.1]
                rng.shuffle(body_words)
            body = " ".join(body_words)
            published = day + timedelta(hours=rng.uniform(0, 72))
            document = StoryDocument(key=f"a{made}", text=text, title=" ".join(words[:12]), published=published,
                                     outlet=f"outlet{member % 7}", entities=tuple(n.lower() for n in names[:2]),
                                     embedding=vector / np.linalg.norm(vector), body=body)
            heapq.heappush(pending, (published, made, document))
            made += 1
        story += 1
    while pending:
        yield heapq.heappop(pending)[2]


def run(sizes: list[int], active: int, window_days: float, seeds: list[str]) -> list[dict]:
    """One stream of max(sizes) articles through the near-duplicate finder and the clusterer (one BLAS
    thread: their products are too small to split); only their calls are timed, not the making of the
    synthetic articles. At each size, a row: the cost per article over the tenth of the stream just
    before it (the cost at that size) and over the whole stream so far, and the memory then."""
    clusterer = StreamClusterer("en", window_days=window_days)
    duplicates = NearDuplicateFinder(window_days=window_days)
    wall, cpu = [], []
    rows, stories, copies = [], set(), 0
    with threadpool_limits(1):
        for n, document in enumerate(synthetic(max(sizes), active, random.Random(max(sizes)), seeds), start=1):
            started, cpu_started = time.perf_counter(), time.process_time()
            copies += duplicates.add(document.key, document.body, document.published) is not None
            stories.add(clusterer.add(document).story_id)
            wall.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
            if n in sizes:
                rows.append(checkpoint(n, wall, cpu, len(stories), copies, clusterer, duplicates))
                print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    return rows


def checkpoint(n: int, wall: list[float], cpu: list[float], stories: int, copies: int, clusterer: StreamClusterer,
               duplicates: NearDuplicateFinder) -> dict:
    tenth = max(1, n // 10)
    return {"articles": n, "stories": stories, "copies": copies,
            "ms_per_article": round(1000 * sum(wall[-tenth:]) / tenth, 3),
            "cpu_ms_per_article": round(1000 * sum(cpu[-tenth:]) / tenth, 3),
            "ms_per_article_whole_run": round(1000 * sum(wall) / n, 3),
            "open_stories": len(clusterer.stories), "indexed_terms": len(clusterer._term_index),
            "documents_in_duplicate_window": len(duplicates.shingles), "rss_mb": rss_mb(),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def rss_mb() -> float:
    """Resident memory now (Linux), MB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return round(pages * resource.getpagesize() / 2**20, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--active", type=int, default=300, help="Stories open at a time.")
    parser.add_argument("--window-days", type=float, default=7)
    parser.add_argument("--out", type=Path, default=Path("bench/results/stories_scale.json"))
    args = parser.parse_args()
    rows = run(sorted(args.sizes), args.active, args.window_days, seed_texts())
    base = next((r for r in rows if r["articles"] == 10000), rows[0])
    for row in rows:
        row["x_10k"] = round(row["ms_per_article"] / base["ms_per_article"], 2)
        row["cpu_x_10k"] = round(row["cpu_ms_per_article"] / base["cpu_ms_per_article"], 2)
    print_table(rows, ("articles", "stories", "ms_per_article", "x_10k", "cpu_ms_per_article", "cpu_x_10k",
                       "ms_per_article_whole_run", "open_stories", "rss_mb", "peak_rss_mb"))
    write_json(args.out, {"active": args.active, "window_days": args.window_days, "rows": rows})


if __name__ == "__main__":
    main()
