"""A longer fuzzing campaign than the test suite runs: ``--examples`` generated inputs per reader
(the strategies of tests/reliability/test_fuzz_readers.py), each read and cleaned. Counts documents
read, input errors and crashes (anything but presslens's own error). Prints a table and writes JSON.

    .venv/bin/python bench/fuzz_readers.py --examples 2000
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from presslens.clean import clean_document
from presslens.errors import PresslensError
from presslens.records import RawDoc
from tests.reliability import test_fuzz_readers as fuzz


def campaign(fmt: str, examples: int) -> dict:
    counts: Counter = Counter()
    crashes: list[str] = []

    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(data=fuzz.documents)
    def run(data: bytes) -> None:
        counts["inputs"] += 1
        try:
            for item in fuzz._read_all(data, fmt):
                if not isinstance(item, RawDoc):
                    counts["input errors"] += 1
                    continue
                counts["documents"] += 1
                try:
                    clean_document(item, fuzz.SETTINGS)
                except PresslensError:
                    counts["clean errors"] += 1
        except Exception as exc:
            crashes.append(f"{type(exc).__name__}: {exc}"[:200])

    started = time.perf_counter()
    run()
    return {"reader": fmt, **counts, "crashes": len(crashes), "first_crashes": crashes[:3],
            "seconds": round(time.perf_counter() - started, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=Path("bench/results/fuzz_readers.json"))
    args = parser.parse_args()
    rows = [campaign(fmt, args.examples) for fmt in fuzz.FORMATS]
    print(f"{'reader':<8} {'inputs':>7} {'documents':>10} {'input errors':>13} {'crashes':>8}")
    for row in rows:
        print(f"{row['reader']:<8} {row.get('inputs', 0):>7} {row.get('documents', 0):>10} "
              f"{row.get('input errors', 0):>13} {row['crashes']:>8}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
