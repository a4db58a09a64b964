"""Nearest-centroid search in the stories stage, by number of open stories: exact search against the
approximate index (faiss inverted file) that ``CentroidIndex`` switches to past its exact limit.

Stories are built the way the clusterer builds them, one member at a time (each member moves its
story's centroid: a put), around random centres; queries are new members of those stories. For each
size it reports the cost of a query and of a put on both paths, and how many of the exact eight
nearest the approximate index finds (recall@8) and how often it finds the story a query came from.

    .venv/bin/python bench/centroid_search.py --open 1000 10000 100000
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
from report import print_table, write_json

from presslens.stories.centroids import CentroidIndex

DIMENSIONS = 384


def build(index: CentroidIndex, centres: np.ndarray, rng: np.random.Generator) -> float:
    """Two to four members per story; returns ms per put."""
    sums = np.zeros_like(centres)
    started, puts = time.perf_counter(), 0
    for round_ in range(4):
        for story in range(len(centres)):
            if round_ < 2 + story % 3:
                sums[story] += centres[story] + 0.7 * rng.standard_normal(DIMENSIONS).astype(np.float32)
                index.put(story, sums[story])
                puts += 1
    return 1000 * (time.perf_counter() - started) / puts


def query_ms(index: CentroidIndex, queries: np.ndarray) -> tuple[float, list[set[int]]]:
    index.nearest(queries[0], 8)
    started = time.perf_counter()
    found = [index.nearest(q, 8) for q in queries]
    return 1000 * (time.perf_counter() - started) / len(queries), found


def measure(open_stories: int, queries: int, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((open_stories, DIMENSIONS)).astype(np.float32)
    asked = rng.choice(open_stories, size=queries, replace=False)
    probes = centres[asked] + 0.7 * rng.standard_normal((queries, DIMENSIONS)).astype(np.float32)
    probes /= np.linalg.norm(probes, axis=1, keepdims=True)
    row = {"open_stories": open_stories}
    answers = {}
    for name, limit in (("exact", 10**12), ("approximate", min(open_stories - 1, 20_000))):
        index = CentroidIndex(DIMENSIONS, exact_limit=limit)
        row[f"{name}_put_ms"] = round(build(index, centres, np.random.default_rng(seed + 1)), 4)
        assert index.approximate == (name == "approximate")
        took, answers[name] = query_ms(index, probes)
        row[f"{name}_query_ms"] = round(took, 3)
    pairs = zip(answers["approximate"], answers["exact"], strict=True)
    row["recall_at_8"] = round(float(np.mean([len(a & e) / 8 for a, e in pairs])), 4)
    found = [int(s) in a for s, a in zip(asked, answers["approximate"], strict=True)]
    row["own_story_found"] = round(float(np.mean(found)), 4)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--open", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--out", type=Path, default=Path("bench/results/centroid_search.json"))
    args = parser.parse_args()
    rows = [measure(n, min(args.queries, n)) for n in args.open]
    columns = ("open_stories", "exact_query_ms", "approximate_query_ms", "exact_put_ms", "approximate_put_ms",
               "recall_at_8", "own_story_found")
    print_table(rows, columns)
    write_json(args.out, {"queries": args.queries, "rows": rows})


if __name__ == "__main__":
    main()
