"""Clustering cost per article as the stream grows (issue 8): synthetic articles made from the
sample corpus's headlines and leads with perturbations, dated so that about --active stories are
open at a time; the stream keeps a --window-days window. Prints time per article for each size and
the peak resident memory, and writes JSON.

    .venv/bin/python bench/stories_scale.py --sizes 1000 10000 100000
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from presslens.ingest import read_path
from presslens.pipeline import sample_corpus_paths
from presslens.records import RawDoc
from presslens.settings import Settings
from presslens.stories import lead_text
from presslens.stories.features import StoryDocument
from presslens.stories.stream import StreamClusterer

START = datetime(2026, 1, 1)


def seed_texts() -> list[str]:
    """Headline plus lead of every sample-corpus article: the vocabulary the synthetic stories draw on."""
    texts = []
    for folder in sample_corpus_paths():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            texts += [lead_text(d.title or "", d.text) for d in read_path(path, Settings()) if isinstance(d, RawDoc)]
    return texts


def synthetic(count: int, active: int, rng: random.Random, seeds: list[str]) -> list[StoryDocument]:
    """``count`` articles in stories of 3 to 12 articles each, ``active`` stories open at a time."""
    documents, story, made = [], 0, 0
    per_day = max(1, active // 3)
    while made < count:
        seed = rng.choice(seeds).split()
        names = [f"{rng.choice(['Kor', 'Vel', 'Ash', 'Bri', 'Tam'])}{story}x{rng.randrange(99)}" for _ in range(6)]
        base = rng.sample(seed, min(14, len(seed))) + names
        centre = np.random.default_rng(story).standard_normal(384).astype(np.float32)
        day = START + timedelta(days=story // per_day)
        for member in range(min(rng.randint(3, 12), count - made)):
            words = [w for w in base if rng.random() > 0.15] + rng.sample(names, 2)
            rng.shuffle(words)
            vector = centre + 0.6 * np.random.default_rng(made).standard_normal(384).astype(np.float32)
            text = " ".join(words[:60])
            documents.append(StoryDocument(key=f"a{made}", text=text, title=" ".join(words[:12]),
                                           published=day + timedelta(hours=rng.uniform(0, 72)),
                                           outlet=f"outlet{member % 7}", entities=tuple(n.lower() for n in names[:2]),
                                           embedding=vector / np.linalg.norm(vector)))
            made += 1
        story += 1
    documents.sort(key=lambda d: d.published)
    return documents


def run(size: int, active: int, window_days: float, seeds: list[str]) -> dict:
    documents = synthetic(size, active, random.Random(size), seeds)
    clusterer = StreamClusterer("en", window_days=window_days)
    started = time.perf_counter()
    stories = {clusterer.add(d).story_id for d in documents}
    seconds = time.perf_counter() - started
    last = documents[-min(1000, size):]
    tail_started = time.perf_counter()
    tail = StreamClusterer("en", window_days=window_days)  # cost of the last 1,000 alone, for comparison
    for d in last:
        tail.add(d)
    return {"articles": size, "stories": len(stories), "seconds": round(seconds, 2),
            "ms_per_article": round(1000 * seconds / size, 3),
            "last_1000_alone_ms_per_article": round(1000 * (time.perf_counter() - tail_started) / len(last), 3),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--active", type=int, default=300, help="Stories open at a time.")
    parser.add_argument("--window-days", type=float, default=7)
    parser.add_argument("--out", type=Path, default=Path("bench/results/stories_scale.json"))
    args = parser.parse_args()
    seeds = seed_texts()
    rows = [run(size, args.active, args.window_days, seeds) for size in args.sizes]
    print(f"{'articles':>10} {'stories':>8} {'ms/article':>11} {'peak RSS MB':>12}")
    for row in rows:
        print(f"{row['articles']:>10} {row['stories']:>8} {row['ms_per_article']:>11} {row['peak_rss_mb']:>12}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"active": args.active, "window_days": args.window_days, "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
