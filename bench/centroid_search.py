"""Cost of one nearest-centroid query in the stories stage's exact index, by number of open stories
(the question behind an approximate index: at what window size does exact search stop being cheap?).

    .venv/bin/python bench/centroid_search.py --open 1000 10000 100000
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from presslens.stories.stream import _EmbeddingIndex


def query_ms(open_stories: int, queries: int, rng: np.random.Generator) -> float:
    index = _EmbeddingIndex()
    for story in range(open_stories):
        index.put(story, rng.standard_normal(384).astype(np.float32))
    vectors = rng.standard_normal((queries, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index.nearest(vectors[0], 8)
    started = time.perf_counter()
    for vector in vectors:
        index.nearest(vector, 8)
    return 1000 * (time.perf_counter() - started) / queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--open", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--out", type=Path, default=Path("bench/results/centroid_search.json"))
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    rows = [{"open_stories": n, "ms_per_query": round(query_ms(n, args.queries, rng), 3)} for n in args.open]
    print(f"{'open stories':>13} {'ms/query':>9}")
    for row in rows:
        print(f"{row['open_stories']:>13} {row['ms_per_query']:>9}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"queries": args.queries, "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
