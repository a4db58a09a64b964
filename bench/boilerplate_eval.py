"""Precision and recall of boilerplate removal on the labelled sets in tests/data.

Run: .venv/bin/python bench/boilerplate_eval.py [--mistakes] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from presslens.clean.evaluate import read_jsonl, score_labelled_files, score_labelled_lines

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
CORPUS = ROOT / "src" / "presslens" / "sample_corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mistakes", action="store_true", help="list every wrong line")
    parser.add_argument("--json", type=Path, help="also write the scores here")
    args = parser.parse_args()
    scores = {
        "sample corpus txt lines (in context)": score_labelled_files(
            read_jsonl(DATA / "boilerplate_labels.jsonl"), CORPUS),
        "standalone tricky lines": score_labelled_lines(read_jsonl(DATA / "boilerplate_lines.jsonl")),
        "held-out standalone lines": score_labelled_lines(read_jsonl(DATA / "boilerplate_heldout.jsonl")),
    }
    print(f"{'set':40} {'lines':>6} {'P':>7} {'R':>7} {'F1':>7}")
    for name, score in scores.items():
        row = score.as_dict()
        print(f"{name:40} {row['lines']:>6} {row['precision']:>7.3f} {row['recall']:>7.3f} {row['f1']:>7.3f}")
        if args.mistakes:
            for mistake in score.mistakes:
                print("    " + mistake)
    if args.json:
        args.json.write_text(json.dumps({k: v.as_dict() for k, v in scores.items()}, indent=2))


if __name__ == "__main__":
    main()
