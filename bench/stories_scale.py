"""Clustering cost per article as the stream grows (issue 8): synthetic articles made from the sample
corpus's headlines and leads with perturbations, dated so that about --active stories are open at a
time, generated lazily in publication order (the input is never held in memory). Each article goes
through the near-duplicate finder (on a body of 40-70 words; 5% of articles are near-copies of the
one before) and the stream clusterer, both keeping a --window-days window. Each size runs in its own
process, so its peak resident memory (RSS) is its own. Prints wall and CPU time per article (over all, and over
the last tenth: the steady state) and peak RSS for each size, and writes JSON.

    .venv/bin/python bench/stories_scale.py --sizes 1000 10000 100000 1000000
"""

from __future__ import annotations

import argparse
import heapq
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

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


def run(size: int, active: int, window_days: float, seeds: list[str]) -> dict:
    """One stream of ``size`` articles through the near-duplicate finder and the clusterer; only their
    calls are timed (not the making of the synthetic articles)."""
    clusterer = StreamClusterer("en", window_days=window_days)
    duplicates = NearDuplicateFinder(window_days=window_days)
    stories, copies, spent, tail_spent, cpu = set(), 0, 0.0, 0.0, 0.0
    tail_from = size - max(1, size // 10)
    for n, document in enumerate(synthetic(size, active, random.Random(size), seeds)):
        started, cpu_started = time.perf_counter(), time.process_time()
        copy = duplicates.add(document.key, document.body, document.published)
        copies += copy is not None
        stories.add(clusterer.add(document).story_id)
        took = time.perf_counter() - started
        cpu += time.process_time() - cpu_started
        spent += took
        if n >= tail_from:
            tail_spent += took
    return {"articles": size, "stories": len(stories), "copies": copies, "seconds": round(spent, 2),
            "ms_per_article": round(1000 * spent / size, 3), "cpu_ms_per_article": round(1000 * cpu / size, 3),
            "last_tenth_ms_per_article": round(1000 * tail_spent / (size - tail_from), 3),
            "open_stories_at_end": len(clusterer.stories), "indexed_terms_at_end": len(clusterer._term_index),
            "documents_in_duplicate_window": len(duplicates.shingles),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--active", type=int, default=300, help="Stories open at a time.")
    parser.add_argument("--window-days", type=float, default=7)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # run one size in this process, print JSON
    parser.add_argument("--out", type=Path, default=Path("bench/results/stories_scale.json"))
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run(args.one, args.active, args.window_days, seed_texts())))
        return
    rows = []
    for size in args.sizes:
        child = subprocess.run([sys.executable, __file__, "--one", str(size), "--active", str(args.active),
                                "--window-days", str(args.window_days)], capture_output=True, text=True, check=True)
        rows.append(json.loads(child.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    base = next((r for r in rows if r["articles"] == 10000), rows[0])
    print(f"{'articles':>10} {'stories':>8} {'ms/article':>11} {'last tenth':>11} {'x 10k':>6} "
          f"{'CPU ms/article':>15} {'x 10k':>6} {'peak RSS MB':>12}")
    for row in rows:
        ratio = row["ms_per_article"] / base["ms_per_article"]
        cpu_ratio = row["cpu_ms_per_article"] / base["cpu_ms_per_article"]
        print(f"{row['articles']:>10} {row['stories']:>8} {row['ms_per_article']:>11} "
              f"{row['last_tenth_ms_per_article']:>11} {ratio:>6.2f} {row['cpu_ms_per_article']:>15} "
              f"{cpu_ratio:>6.2f} {row['peak_rss_mb']:>12}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"active": args.active, "window_days": args.window_days, "rows": rows},
                                   indent=2))


if __name__ == "__main__":
    main()
