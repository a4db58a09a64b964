"""Batch mode on Spark against the single-process ingest, on the same ~600-word articles (issue 8).

Articles come from ``pipeline_speed.article_texts`` (PolNeAR dev texts cut to 550-650 words when
../shared is present, else the sample corpus), written as plain-text files. Each side runs as the
command a user would type, in its own process, wall clock from start to exit (so model loading
and Spark's start are in; use enough articles that they are a small part):

- single: ``presslens ingest FOLDER`` (read, clean, NER, entities, quotes, store, stories);
- spark: ``presslens batch --input FOLDER --output OUT --master local[2]``, then
  ``presslens load OUT`` (linking, store, stories), timed apart and together.

Sides alternate for ``--repeats`` rounds; medians are reported. Prints a table, writes JSON.

    .venv/bin/python bench/spark_speed.py --articles 400 --repeats 1
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pipeline_speed import article_texts, write_files

PRESSLENS = [sys.executable, "-m", "presslens"]


def timed(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return time.perf_counter() - started


def one_round(folder: Path, work: Path, master: str, env: dict) -> dict:
    for stale in ("single.db", "spark.db", "out"):
        shutil.rmtree(work / stale, ignore_errors=True) if stale == "out" else (work / stale).unlink(missing_ok=True)
    single = timed([*PRESSLENS, "--db", str(work / "single.db"), "ingest", "-q", str(folder)], env)
    batch = timed([*PRESSLENS, "--db", str(work / "spark.db"), "batch", "--input", str(folder), "--output",
                   str(work / "out"), "--master", master], env)
    load = timed([*PRESSLENS, "--db", str(work / "spark.db"), "load", str(work / "out")], env)
    return {"single_s": single, "batch_s": batch, "load_s": load}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--json", type=Path, default=Path("bench/results/spark_speed.json"))
    args = parser.parse_args()
    texts, origin = article_texts(args.articles)
    env = {**os.environ, "PRESSLENS_BATCH_SIZE": os.environ.get("PRESSLENS_BATCH_SIZE", "200")}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = write_files(texts, work / "articles")
        rounds = [one_round(folder, work, args.master, env) for _ in range(args.repeats)]
    median = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
    n = len(texts)
    rows = [("single process (presslens ingest)", median["single_s"]),
            (f"spark {args.master}: batch", median["batch_s"]),
            (f"spark {args.master}: batch + load", median["batch_s"] + median["load_s"])]
    print(f"{n} articles ({origin}), {os.cpu_count()} CPUs, batch size {env['PRESSLENS_BATCH_SIZE']}")
    print(f"{'path':<40} {'seconds':>8} {'articles/s':>11} {'x single':>9}")
    for name, seconds in rows:
        print(f"{name:<40} {seconds:>8.1f} {n / seconds:>11.2f} {seconds / median['single_s']:>9.2f}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"articles": n, "origin": origin, "cpus": os.cpu_count(), "master": args.master,
                                     "batch_size": int(env["PRESSLENS_BATCH_SIZE"]), "rounds": rounds,
                                     "median": median, "rows": [{"path": name, "seconds": round(s, 2),
                                                                 "articles_per_second": round(n / s, 3)}
                                                                for name, s in rows]}, indent=2))


if __name__ == "__main__":
    main()
