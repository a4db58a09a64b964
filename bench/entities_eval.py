"""Canonical entities against the hand-labelled mentions in tests/data/entity_labels.jsonl.

Ingests the labelled documents (the sample corpus's txt and JSONL articles, and
../shared/samples when present) into a fresh SQLite store with the real pipeline,
then scores the stored mentions' entity ids: B-cubed and pairwise merge P/R/F1,
with the false and missed merges listed.

Run: .venv/bin/python bench/entities_eval.py [--json bench/results/entities.json]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from presslens.entities.evaluate import GoldMention, PredictedMention, corpus_doc_key, read_gold, score
from presslens.pipeline import ingest_paths, sample_corpus_paths
from presslens.settings import Settings
from presslens.store import Store

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "entity_labels.jsonl"
SHARED_SAMPLES = ROOT.parent / "shared" / "samples"


def evaluate(settings: Settings) -> tuple[dict, list[GoldMention]]:
    gold = read_gold(LABELS)
    corpus = {p.name: p for p in sample_corpus_paths()}
    paths = [corpus["txt"], corpus["jsonl"]] + ([SHARED_SAMPLES] if SHARED_SAMPLES.is_dir() else [])
    gold = [g for g in gold if not g.doc.startswith("shared:") or SHARED_SAMPLES.is_dir()]
    store = Store.open(settings.db_url)
    try:
        ingest_paths(paths, store, settings)
        predicted = []
        for summary in store.list_articles(limit=10_000):
            article = store.get_article(summary.article_id)
            key = corpus_doc_key(article.source)
            predicted += [PredictedMention(key, m["start"], m["end"], m["entity_id"])
                          for m in store.article_mentions(article.article_id)]
    finally:
        store.close()
    return score(gold, predicted).as_dict(), gold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        result, gold = evaluate(Settings.from_env(db_url=str(Path(folder) / "entities.db")))
    print(f"{result['mentions']} gold mentions in {len({g.doc for g in gold})} documents, "
          f"{len({g.entity for g in gold})} entities; {result['found']} found")
    for name in ("bcubed", "pairwise"):
        r = result[name]
        print(f"{name:9} P {r['p']:.3f}  R {r['r']:.3f}  F1 {r['f']:.3f}")
    print("false merges (predicted id: gold entities):")
    for predicted, entities in result["false_merges"]:
        print(f"  {predicted}: {', '.join(entities)}")
    print("missed merges (gold entity: predicted parts):")
    for entity, parts in result["missed_merges"]:
        print(f"  {entity}: {' | '.join(parts)}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
