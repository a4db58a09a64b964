"""Check labels.jsonl of the entity-type tuning set against the article files in this folder.

Checks that every row has exactly the expected fields, names an existing article, has a valid kind,
that its text equals the slice of the file at its offsets, and that no two spans in one article
overlap. Prints the number of mentions per kind and exits with status 1 on any problem.

Run: python check_labels.py
"""

import itertools
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIELDS = {"doc", "start", "end", "text", "kind"}
KINDS = {"person", "organisation", "place", "work"}


def check(rows):
    """Return a list of problems found in the label rows."""
    problems = []
    texts = {}
    spans = {}
    for number, row in enumerate(rows, 1):
        if set(row) != FIELDS:
            problems.append(f"row {number}: fields {sorted(row)}")
            continue
        if row["kind"] not in KINDS:
            problems.append(f"row {number}: bad kind {row['kind']!r}")
        path = HERE / row["doc"]
        if not path.is_file():
            problems.append(f"row {number}: no file {row['doc']}")
            continue
        text = texts.setdefault(row["doc"], path.read_text(encoding="utf-8"))
        start, end = row["start"], row["end"]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            problems.append(f"row {number}: bad offsets {start}..{end}")
            continue
        if text[start:end] != row["text"]:
            problems.append(f"row {number}: {row['text']!r} != slice {text[start:end]!r}")
        spans.setdefault(row["doc"], []).append((start, end, number))
    for doc, doc_spans in spans.items():
        doc_spans.sort()
        for (_, end, first), (start, _, second) in itertools.pairwise(doc_spans):
            if start < end:
                problems.append(f"{doc}: rows {first} and {second} overlap")
    return problems


def main():
    """Check labels.jsonl and print counts per kind."""
    with open(HERE / "labels.jsonl", encoding="utf-8") as source:
        rows = [json.loads(line) for line in source if line.strip()]
    problems = check(rows)
    for problem in problems:
        print(problem)
    counts = Counter(row.get("kind") for row in rows)
    for kind in sorted(KINDS):
        print(f"{kind}: {counts[kind]}")
    print(f"total: {len(rows)}")
    if problems:
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
