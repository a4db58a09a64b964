"""Thread-layer cost per story as the stream grows: synthetic stories (about --per-day a day, each naming a few
common names, a few of its storyline's and a few of its own, with a random headline embedding) streamed through
``ThreadStream``. At each size it reports the time per story (wall and CPU) over the tenth of the stream just
before that size, the open threads, and the size of the saved state (what ``update_threads`` stores and reloads
each update).

    .venv/bin/python bench/threads_scale.py --sizes 10000 100000 1000000
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from report import print_table, write_json

from presslens.stories.threads import ThreadStory, ThreadStream

COMMON = [f"person:common-{n}" for n in range(20)]


def stories(total: int, per_day: int, seed: int = 5):
    """Stories in order of first day: storylines live 10-60 days; each story names 2 common names, 3 of its
    storyline's 12 and 4 of its own."""
    rng = np.random.default_rng(seed)
    pick = random.Random(seed)
    start, lines = date(2020, 1, 1), []
    for n in range(total):
        day = start + timedelta(days=n // per_day)
        lines = [line for line in lines if line[1] >= day]
        if not lines or pick.random() < 0.3:
            lines.append((len(lines) + n, day + timedelta(days=pick.randint(10, 60)),
                          rng.standard_normal(384).astype(np.float32)))
        key, _, centre = pick.choice(lines)
        vector = centre + 0.8 * rng.standard_normal(384).astype(np.float32)
        entities = (pick.sample(COMMON, 2) + [f"person:line-{key}-{pick.randint(0, 11)}" for _ in range(3)]
                    + [f"place:own-{n}-{k}" for k in range(4)])
        yield ThreadStory(f"s{n:08d}", f"story {n}", pick.randint(1, 8), day, day + timedelta(days=pick.randint(0, 3)),
                          ("Outlet",), tuple(sorted(set(entities))), vector / np.linalg.norm(vector))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--per-day", type=int, default=100)
    parser.add_argument("--out", type=Path, default=Path("bench/results/threads_scale.json"))
    args = parser.parse_args()
    sizes, rows = sorted(args.sizes), []
    stream, timings, cpu = ThreadStream(), [], []
    for n, story in enumerate(stories(sizes[-1], args.per_day), start=1):
        began, began_cpu = time.perf_counter(), time.process_time()
        stream.add(story)
        timings.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
        if n in sizes:
            tail, tail_cpu = timings[-max(1, n // 10):], cpu[-max(1, n // 10):]
            state = stream.dumps()
            rows.append({"stories": n, "ms_per_story": round(1000 * sum(tail) / len(tail), 3),
                         "cpu_ms_per_story": round(1000 * sum(tail_cpu) / len(tail_cpu), 3),
                         "open_threads": len(stream.open), "threads_so_far": len(stream.closed) + len(stream.open),
                         "state_kb": round(len(state) / 1024, 1)})
            stream.closed.clear()  # stored and never changed: the state does not keep them
            print(rows[-1], flush=True)
    print_table(rows, list(rows[0]))
    write_json(args.out, {"per_day": args.per_day, "results": rows})


if __name__ == "__main__":
    main()
