"""Time to build a story brief (compare stage) for every story of a store, models loaded beforehand.

Ingests the bundled sample corpus into a temporary SQLite file unless --db is given, then builds
each story's brief ``--rounds`` times and keeps the best. Prints a table and writes JSON.

    .venv/bin/python bench/brief_speed.py
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
from pathlib import Path

from presslens.compare import models, story_brief
from presslens.pipeline import ingest_paths, sample_corpus_paths
from presslens.settings import Settings
from presslens.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="An existing store (default: the sample corpus in a temporary file).")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("bench/results/brief_speed.json"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or str(Path(folder) / "bench.db")
        store = Store.open(Settings(db_url=db).db_url)
        if not args.db:
            ingest_paths(sample_corpus_paths(), store, Settings(db_url=db))
        started = time.perf_counter()
        models()
        load_seconds = time.perf_counter() - started
        rows = [_time_story(store, story.story_id, args.rounds) for story in store.list_stories(limit=1000)]
        store.close()
    print(f"models loaded in {load_seconds:.1f} s (once per process)")
    print(f"{'story':<48} {'articles':>8} {'quotes':>7} {'words':>7} {'brief ms':>9}")
    for row in rows:
        print(f"{row['title'][:48]:<48} {row['articles']:>8} {row['quotes']:>7} {row['words']:>7} "
              f"{row['brief_ms']:>9.0f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"machine": platform.machine(), "python": platform.python_version(),
                                    "model_load_seconds": round(load_seconds, 2), "stories": rows}, indent=2))
    print(f"written to {args.out}")


def _time_story(store: Store, story_id: str, rounds: int) -> dict:
    material = store.story_material(story_id)
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        story_brief(material)
        best = min(best, time.perf_counter() - started)
    return {"story_id": story_id, "title": material.story.title, "articles": len(material.articles),
            "quotes": len(material.quotes), "words": sum(len(a.clean_text.split()) for a in material.articles),
            "brief_ms": round(best * 1000, 1)}


if __name__ == "__main__":
    main()
