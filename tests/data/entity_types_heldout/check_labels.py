"""Sanity check for labels.jsonl: exact slices, no overlaps, valid kinds.

Run: python3 check_labels.py   (add --uncovered to list capitalised words
that no span covers, for a manual completeness review).
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"person", "organisation", "place", "work"}
FIELDS = ["doc", "start", "end", "text", "kind"]


def main():
    docs = sorted(f for f in os.listdir(HERE) if re.fullmatch(r"\d\d_[a-z0-9_]+\.txt", f))
    texts = {d: open(os.path.join(HERE, d), encoding="utf-8").read() for d in docs}
    for d, t in texts.items():
        lines = t.split("\n")
        assert re.fullmatch(r"date \d{4}-\d{2}-\d{2}", lines[0]), d
        assert lines[1].strip() and lines[2] == "", d
    with open(os.path.join(HERE, "labels.jsonl"), encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    by_doc = collections.defaultdict(list)
    errors = 0
    for i, r in enumerate(rows, 1):
        if list(r) != FIELDS:
            print("line", i, "bad fields", list(r))
            errors += 1
            continue
        if r["doc"] not in texts:
            print("line", i, "unknown doc", r["doc"])
            errors += 1
            continue
        if r["kind"] not in KINDS:
            print("line", i, "bad kind", r["kind"])
            errors += 1
        if not (isinstance(r["start"], int) and isinstance(r["end"], int) and 0 <= r["start"] < r["end"]):
            print("line", i, "bad offsets")
            errors += 1
            continue
        if texts[r["doc"]][r["start"]:r["end"]] != r["text"]:
            print("line", i, "slice mismatch", repr(texts[r["doc"]][r["start"]:r["end"]]), repr(r["text"]))
            errors += 1
        if r["start"] < len(texts[r["doc"]].split("\n", 1)[0]) + 1:
            print("line", i, "span on the date line")
            errors += 1
        by_doc[r["doc"]].append(r)
    for d, rs in by_doc.items():
        rs.sort(key=lambda r: r["start"])
        for a, b in zip(rs, rs[1:]):
            if b["start"] < a["end"]:
                print("overlap", d, a["text"], b["text"])
                errors += 1
    for d in docs:
        if d not in by_doc:
            print("no labels for", d)
            errors += 1

    kinds = collections.Counter(r["kind"] for r in rows)
    for k in sorted(KINDS):
        print(f"{k:13s} {kinds[k]}")
    print(f"{'total':13s} {len(rows)}")
    for d in docs:
        c = collections.Counter(r["kind"] for r in by_doc[d])
        print(f"  {d:30s} {len(by_doc[d]):3d}  " + " ".join(f"{k[:3]}={c[k]}" for k in sorted(KINDS)))

    if "--uncovered" in sys.argv:
        for d in docs:
            t = texts[d]
            spans = [(r["start"], r["end"]) for r in by_doc[d]]
            for m in re.finditer(r"\b[A-Z][\w'&-]*", t):
                if m.start() < len(t.split("\n", 1)[0]):
                    continue
                if not any(s <= m.start() < e for s, e in spans):
                    print("uncovered", d, m.start(), m.group(0))
    if errors:
        print(errors, "errors")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
