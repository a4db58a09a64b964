"""Does a wrong API token's answer time say how much of it was right? Median time of 401 answers for
tokens that share no prefix with the real one against tokens that share all but the last character.

    .venv/bin/python bench/token_timing.py --rounds 3000
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from presslens.api import create_app
from presslens.settings import Settings

TOKEN = "s3cret-token-" + "x" * 51


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3000)
    parser.add_argument("--out", type=Path, default=Path("bench/results/token_timing.json"))
    args = parser.parse_args()
    guesses = {"no common prefix": "Z" * len(TOKEN), "all but the last character": TOKEN[:-1] + "Z",
               "empty": "", "much longer": TOKEN * 4}
    with tempfile.TemporaryDirectory() as folder, \
            TestClient(create_app(Settings(db_url=str(Path(folder) / "t.db"), api_token=TOKEN),
                                  with_web=False)) as client:
        times: dict[str, list[float]] = {name: [] for name in guesses}
        for _ in range(args.rounds):
            for name, guess in guesses.items():  # interleaved, so drift hits every guess alike
                started = time.perf_counter_ns()
                status = client.post("/api/v1/articles", json={"text": "x"},
                                     headers={"Authorization": f"Bearer {guess}"}).status_code
                times[name].append((time.perf_counter_ns() - started) / 1000)
                assert status == 401
    rows = {name: round(statistics.median(values), 1) for name, values in times.items()}
    print(f"{'wrong token':<28} {'median µs':>10}")
    for name, value in rows.items():
        print(f"{name:<28} {value:>10}")
    spread = max(rows.values()) - min(rows.values())
    print(f"spread of medians: {spread:.1f} µs over {args.rounds} rounds (hmac.compare_digest)")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"rounds": args.rounds, "median_us": rows, "spread_us": spread}, indent=2))


if __name__ == "__main__":
    main()
