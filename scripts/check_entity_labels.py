"""Check the hand-labelled entity gold set in tests/data/entity_labels.jsonl.

Every line is one mention: {"doc", "start", "end", "text", "kind", "entity"}. Doc keys:

- ``txt/<name>``: a file of src/presslens/sample_corpus/txt, offsets into the whole file text;
- ``jsonl/articles.jsonl#<i>``: line i (0-based) of sample_corpus/jsonl/articles.jsonl, offsets into its "text";
- ``shared:samples/<name>``: a file of ../shared/samples next to the repository (skipped when absent).

The script checks that text[start:end] equals the labelled text, that kinds and entity ids are valid, that lines are
sorted with no duplicates and no overlapping spans of the same kind, then prints counts per kind and per doc, the
number of distinct entities and the entities that occur in more than one doc. Exit status 1 on any error.

Usage: python scripts/check_entity_labels.py [LABELS_PATH]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "tests" / "data" / "entity_labels.jsonl"
CORPUS = REPO / "src" / "presslens" / "sample_corpus"
SHARED = REPO.parent / "shared"
KINDS = ("person", "organisation", "work", "place")
ENTITY_RE = re.compile(r"^(person|organisation|work|place):[a-z0-9]+(?:-[a-z0-9]+)*$")
FIELDS = {"doc", "start", "end", "text", "kind", "entity"}

Label = dict[str, Any]


def load_labels(path: Path) -> list[Label]:
    """Read the JSONL labels file, one dict per non-empty line."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_doc(key: str) -> str | None:
    """Return the text a doc key points to, or None for an absent shared doc."""
    if key.startswith("txt/"):
        return (CORPUS / key).read_text(encoding="utf-8")
    if key.startswith("jsonl/"):
        name, index = key.split("#")
        lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
        return str(json.loads(lines[int(index)])["text"])
    if key.startswith("shared:"):
        path = SHARED / key.removeprefix("shared:")
        return path.read_text(encoding="utf-8") if path.exists() else None
    raise ValueError(f"unknown doc key: {key}")


def check_fields(label: Label) -> list[str]:
    """Errors in one line's fields: keys, types, kind and entity id."""
    if set(label) != FIELDS:
        return [f"bad keys {sorted(label)}"]
    errors = []
    if not (isinstance(label["start"], int) and isinstance(label["end"], int) and label["start"] < label["end"]):
        errors.append("start/end must be ints with start < end")
    if label["kind"] not in KINDS:
        errors.append(f"bad kind {label['kind']!r}")
    entity = str(label["entity"])
    if not ENTITY_RE.match(entity) or entity.split(":")[0] != label["kind"]:
        errors.append(f"bad entity id {entity!r} for kind {label['kind']!r}")
    return errors


def check_span(label: Label, text: str) -> list[str]:
    """Errors when the labelled text is not the document slice."""
    found = text[label["start"] : label["end"]]
    return [] if found == label["text"] else [f"text {label['text']!r} != doc slice {found!r}"]


def check_order(labels: list[Label]) -> list[str]:
    """Errors for unsorted lines, duplicates and same-kind overlaps."""
    errors = []
    keys = [(lab["doc"], lab["start"], lab["end"]) for lab in labels]
    if keys != sorted(keys):
        errors.append("lines are not sorted by doc, start")
    last_end: dict[tuple[str, str], int] = {}
    for lab in sorted(labels, key=lambda x: (x["doc"], x["start"], x["end"])):
        slot = (lab["doc"], lab["kind"])
        if lab["start"] < last_end.get(slot, -1):
            errors.append(f"{lab['doc']} {lab['start']}-{lab['end']}: duplicate or overlapping {lab['kind']} span")
        last_end[slot] = max(lab["end"], last_end.get(slot, -1))
    return errors


def validate(labels: list[Label]) -> tuple[list[str], set[str]]:
    """Run all checks; return the errors and the doc keys that were skipped."""
    errors = check_order(labels)
    texts: dict[str, str | None] = {}
    for number, label in enumerate(labels, start=1):
        problems = check_fields(label)
        doc = str(label.get("doc"))
        if not problems:
            if doc not in texts:
                texts[doc] = load_doc(doc)
            text = texts[doc]
            problems = check_span(label, text) if text is not None else []
        errors.extend(f"line {number} ({doc}): {p}" for p in problems)
    return errors, {doc for doc, text in texts.items() if text is None}


def report(labels: list[Label]) -> None:
    """Print counts per kind and per doc, distinct entities and cross-doc entities."""
    print(f"{len(labels)} mentions")
    for kind, count in sorted(Counter(str(lab["kind"]) for lab in labels).items()):
        print(f"  {kind:13s} {count}")
    docs = Counter(str(lab["doc"]) for lab in labels)
    print(f"{len(docs)} docs")
    for doc, count in sorted(docs.items()):
        print(f"  {count:4d}  {doc}")
    entity_docs: dict[str, set[str]] = defaultdict(set)
    for lab in labels:
        entity_docs[str(lab["entity"])].add(str(lab["doc"]))
    print(f"{len(entity_docs)} distinct entities")
    shared = {ent: ds for ent, ds in entity_docs.items() if len(ds) > 1}
    print(f"{len(shared)} entities in more than one doc")
    for ent, ds in sorted(shared.items(), key=lambda item: (-len(item[1]), item[0])):
        print(f"  {len(ds):2d}  {ent}")


def main(argv: list[str]) -> int:
    """Validate the labels file, print the report, return the exit status."""
    path = Path(argv[1]) if len(argv) > 1 else LABELS
    labels = load_labels(path)
    errors, skipped = validate(labels)
    for doc in sorted(skipped):
        print(f"skipped (document not found): {doc}")
    report(labels)
    for error in errors:
        print(f"ERROR {error}")
    print("FAILED" if errors else "OK")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
