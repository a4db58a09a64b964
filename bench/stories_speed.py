"""Clustering speed of the stories stage alone: embeddings and entities computed once, beforehand.

Times ``assign_stories`` (near-duplicate check + streaming linker) and the stream alone over
labelled headline sets, shuffled, repeated ``--rounds`` times. Prints a table and writes JSON.

    .venv/bin/python bench/stories_speed.py \
        --set ../shared/data/stories/uci_news_sample.jsonl:en --set ../shared/data/stories/fr_google_news.jsonl:fr
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

from presslens.stories import assign_stories
from presslens.stories.evaluate import arrival_order, gold_documents, stream_labels
from presslens.stories.stream import StreamClusterer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", action="append", required=True, help="PATH:LANGUAGE")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("bench/results/stories_speed.json"))
    args = parser.parse_args()
    rows = []
    for spec in args.set:
        path, language = spec.rsplit(":", 1)
        records = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
        documents = gold_documents(records, language)
        ordered = [documents[i] for i in arrival_order(records, "shuffled", 1)]
        steps = (("stream only", lambda d=ordered, lang=language: stream_labels(d, StreamClusterer(lang))),
                 ("stage (near-duplicates + stream)",
                  lambda d=ordered, lang=language: assign_stories(d, [lang] * len(d))))
        for step, run in steps:
            best = min(_timed(run) for _ in range(args.rounds))
            rows.append({"set": Path(path).name, "step": step, "documents": len(ordered),
                         "seconds": round(best, 3), "documents_per_second": round(len(ordered) / best, 1)})
            print(f"{rows[-1]['set']:28} {step:34} {len(ordered):6} docs  {best:7.3f} s  "
                  f"{rows[-1]['documents_per_second']:8.1f} docs/s", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                                    "rounds": args.rounds, "results": rows}, indent=1))


def _timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
