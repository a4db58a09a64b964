"""Canonical entities and their kinds against hand-labelled mentions.

Sets (``--set``):

- ``corpus`` (default): tests/data/entity_labels.jsonl over the sample corpus's txt and JSONL
  articles and ../shared/samples when present; scores merges (B-cubed and pairwise P/R/F1, with
  the false and missed merges listed) and kinds.
- ``types``: tests/data/entity_types/ (own news texts written for typing, tuned on); kinds.
- ``heldout``: tests/data/entity_types_heldout/ (written by a helper, scored once); kinds.

Each set is ingested into a fresh SQLite store with the real pipeline; a gold mention takes the
entity id (and so the kind) of the stored mention overlapping it most.

Run: .venv/bin/python bench/entities_eval.py [--set corpus|types|heldout] [--json OUT.json]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from presslens.entities.evaluate import (
    GoldMention,
    PredictedMention,
    corpus_doc_key,
    read_gold,
    score,
    score_kinds,
)
from presslens.pipeline import ingest_paths, sample_corpus_paths
from presslens.settings import Settings
from presslens.store import Store

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "entity_labels.jsonl"
SHARED_SAMPLES = ROOT.parent / "shared" / "samples"
TYPING_SETS = {"types": ROOT / "tests" / "data" / "entity_types",
               "heldout": ROOT / "tests" / "data" / "entity_types_heldout"}


def evaluate(settings: Settings, which: str = "corpus") -> tuple[dict, list[GoldMention]]:
    """Scores of one labelled set (see the module docstring) and its gold mentions."""
    if which == "corpus":
        gold = read_gold(LABELS)
        corpus = {p.name: p for p in sample_corpus_paths()}
        paths = [corpus["txt"], corpus["jsonl"]] + ([SHARED_SAMPLES] if SHARED_SAMPLES.is_dir() else [])
        gold = [g for g in gold if not g.doc.startswith("shared:") or SHARED_SAMPLES.is_dir()]
        doc_key = corpus_doc_key
    else:
        folder = TYPING_SETS[which]
        gold, paths = read_gold(folder / "labels.jsonl"), sorted(folder.glob("*.txt"))
        doc_key = lambda source: Path(source.partition(":")[0]).name  # noqa: E731
    predicted = _stored_mentions(paths, settings, doc_key)
    result = {"kinds": score_kinds(gold, predicted).as_dict()}
    if which == "corpus":
        result |= score(gold, predicted).as_dict()
    return result, gold


def _stored_mentions(paths, settings: Settings, doc_key) -> list[PredictedMention]:
    store = Store.open(settings.db_url)
    try:
        ingest_paths(paths, store, settings)
        predicted = []
        for summary in store.list_articles(limit=10_000):
            article = store.get_article(summary.article_id)
            key = doc_key(article.source)
            predicted += [PredictedMention(key, m["start"], m["end"], m["entity_id"])
                          for m in store.article_mentions(article.article_id)]
    finally:
        store.close()
    return predicted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=("corpus", *TYPING_SETS), default="corpus")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        result, gold = evaluate(Settings.from_env(db_url=str(Path(folder) / "entities.db")), args.set)
    kinds = result["kinds"]
    print(f"{kinds['mentions']} gold mentions in {len({g.doc for g in gold})} documents; {kinds['found']} found")
    print(f"typing accuracy {kinds['accuracy']:.3f} (over found mentions {kinds['accuracy_found']:.3f})")
    for doc, text, gold_kind, kind in kinds["errors"]:
        print(f"  {doc}: {text!r} {gold_kind} -> {kind}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    if args.set != "corpus":
        return
    print(f"{len({g.entity for g in gold})} entities")
    for name in ("bcubed", "pairwise"):
        r = result[name]
        print(f"{name:9} P {r['p']:.3f}  R {r['r']:.3f}  F1 {r['f']:.3f}")
    print("false merges (predicted id: gold entities):")
    for predicted, entities in result["false_merges"]:
        print(f"  {predicted}: {', '.join(entities)}")
    print("missed merges (gold entity: predicted parts):")
    for entity, parts in result["missed_merges"]:
        print(f"  {entity}: {' | '.join(parts)}")


if __name__ == "__main__":
    main()
