"""Train the stories stage's linker (``src/presslens/stories/model/linker.json``) and measure it.

For each signal set of the ablation (TF-IDF; + entities; + embeddings; + time), pairs
are gathered by streaming each labelled set in shuffled orders into its gold stories
(``stories.training.training_pairs``), a logistic regression is fitted, and the join
threshold is the one that gives the best mean BCubed F1 when streaming the training
sets. Reported scores:

- story halves: the stories of each set are split in two at random (seed 7); a linker
  trained on one half of both sets streams the other half (shuffled), and back; the mean
  of the two. Unseen stories, same kind of data: the honest figure.
- cross-set: trained on the other set only (the two sets draw story lines at very
  different grain, so this shows how much the threshold depends on that).
- in-sample: trained on all of both sets (the shipped model), streamed in file order and
  shuffled.

    .venv/bin/python scripts/train_story_linker.py \
        --set uci=../shared/data/stories/uci_news_sample.jsonl:en \
        --set fr=../shared/data/stories/fr_google_news.jsonl:fr --write
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from presslens.stories.evaluate import arrival_order, gold_documents, stream_labels
from presslens.stories.features import SIGNALS as ALL_SIGNALS
from presslens.stories.linker import LINKER_FILE, Linker, signal_key
from presslens.stories.metrics import score_clusters
from presslens.stories.stream import StreamClusterer
from presslens.stories.training import fit, training_pairs

# The headline signal set (undated documents are linked with it); ``events`` has its own script
# (scripts/train_event_linker.py), whose model this one keeps.
SIGNALS = tuple(s for s in ALL_SIGNALS if s != "events")
ABLATION = [("tfidf",), ("tfidf", "entities"), ("tfidf", "entities", "embeddings"), SIGNALS]
THRESHOLDS = [0.03, 0.05, 0.08, 0.12, 0.16, 0.2, 0.3, 0.4, 0.5]
TRAIN_SEEDS = (0, 1, 2)
CACHE = Path("build/story-embeddings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", action="append", required=True, help="NAME=PATH:LANGUAGE")
    parser.add_argument("--full-only", action="store_true", help="skip the ablation: all signals only")
    parser.add_argument("--write", action="store_true", help="write the models trained on all sets")
    parser.add_argument("--out", type=Path, default=Path("bench/results/story_linker.json"))
    args = parser.parse_args()
    sets = {}
    for spec in args.set:
        name, rest = spec.split("=", 1)
        path, language = rest.rsplit(":", 1)
        records = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
        sets[name] = (records, language, gold_documents(records, language, SIGNALS, _embeddings(name, records)))
    results, shipped = [], {}
    for signals in ([SIGNALS] if args.full_only else ABLATION):
        key = signal_key(signals)
        pairs = {name: _pairs(sets[name][2], sets[name], signals) for name in sets}
        results += _story_halves(key, sets, signals)
        for target in sets:
            others = [n for n in sets if n != target]
            if others:
                linker = _train([pairs[n] for n in others], [sets[n] for n in others], signals)
                results += _measure(key, f"trained on {'+'.join(others)}", target, sets[target], signals, linker)
        linker = _train(list(pairs.values()), list(sets.values()), signals)
        shipped[key] = linker
        for target in sets:
            results += _measure(key, "trained on all (in-sample)", target, sets[target], signals, linker)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1))
    if args.write:
        LINKER_FILE.parent.mkdir(parents=True, exist_ok=True)
        kept = json.loads(LINKER_FILE.read_text()) if LINKER_FILE.exists() else {"models": {}}
        kept.update({"version": "story-linker-1",
                     "trained_on": {name: len(records) for name, (records, _, _) in sets.items()},
                     "command": "python " + " ".join(sys.argv)})
        kept["models"].update({key: linker.as_dict() for key, linker in shipped.items()})
        LINKER_FILE.write_text(json.dumps(kept, indent=1) + "\n")
        print(f"wrote {LINKER_FILE}")


def _embeddings(name: str, records: list[dict]) -> np.ndarray:
    from presslens.stories.evaluate import encode_records

    path = CACHE / f"{name}-{len(records)}.npy"
    if path.exists():
        return np.load(path)
    vectors = encode_records(records)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def _pairs(documents, dataset, signals):
    records, language, _ = dataset
    rows, labels = [], []
    for seed in TRAIN_SEEDS:
        order = arrival_order(records, "shuffled", seed)
        r, lab = training_pairs([documents[i] for i in order], [records[i]["cluster"] for i in order],
                                language, signals)
        rows += r
        labels += lab
    return rows, labels


def _train(pairs, datasets, signals) -> Linker:
    rows = [row for r, _ in pairs for row in r]
    labels = [label for _, lab in pairs for label in lab]
    linker = fit(rows, labels, signals)
    def mean_f1(threshold: float) -> float:
        return float(np.mean([_score(d, signals, _with_threshold(linker, threshold), "shuffled", 0).bcubed_f1
                              for d in datasets]))

    best = max(THRESHOLDS, key=mean_f1)
    return _with_threshold(linker, best)


def _story_halves(key, sets, signals):
    """Train on half of the stories of every set, stream the other half; both ways, mean scores."""
    halves = {name: _halves(records) for name, (records, _, _) in sets.items()}
    scores: dict[str, list] = {name: [] for name in sets}
    for test in (0, 1):
        subsets = {name: _subset(sets[name], halves[name][1 - test]) for name in sets}
        pairs = [_pairs(d[2], d, signals) for d in subsets.values()]
        linker = _train(pairs, list(subsets.values()), signals)
        for name in sets:
            scores[name].append((linker.threshold, _score(_subset(sets[name], halves[name][test]), signals, linker,
                                                          "shuffled", 1)))
    rows = []
    for name, pair in scores.items():
        mean = {f: round(float(np.mean([getattr(s, f) for _, s in pair])), 4)
                for f in ("bcubed_precision", "bcubed_recall", "bcubed_f1", "nmi", "ari")}
        rows.append({"signals": key, "training": "story halves", "set": name, "order": "shuffled",
                     "threshold": [t for t, _ in pair], **mean})
        print(f"{key:32} {'story halves (unseen stories)':28} {name:4} shuffled th {pair[0][0]}/{pair[1][0]}  "
              f"P {mean['bcubed_precision']:.3f} R {mean['bcubed_recall']:.3f} F1 {mean['bcubed_f1']:.3f} "
              f"NMI {mean['nmi']:.3f}", flush=True)
    return rows


def _halves(records):
    import random

    stories = sorted({r["cluster"] for r in records})
    random.Random(7).shuffle(stories)
    first = set(stories[::2])
    return [[i for i, r in enumerate(records) if (r["cluster"] in first) == flag] for flag in (True, False)]


def _subset(dataset, indices):
    records, language, documents = dataset
    return [records[i] for i in indices], language, [documents[i] for i in indices]


def _with_threshold(linker: Linker, threshold: float) -> Linker:
    return Linker(linker.features, linker.coefficients, linker.intercept, threshold)


def _score(dataset, signals, linker, order, seed):
    records, language, documents = dataset
    indices = arrival_order(records, order, seed)
    predicted = stream_labels([documents[i] for i in indices], StreamClusterer(language, linker, signals))
    return score_clusters([records[i]["cluster"] for i in indices], predicted)


def _measure(key, training, target, dataset, signals, linker):
    rows = []
    for order, seed in (("file", 0), ("shuffled", 1)):
        scores = _score(dataset, signals, linker, order, seed)
        row = {"signals": key, "training": training, "set": target, "order": order, "threshold": linker.threshold,
               **scores.as_dict()}
        print(f"{key:32} {training:28} {target:4} {order:8} th {linker.threshold}  P {scores.bcubed_precision:.3f} "
              f"R {scores.bcubed_recall:.3f} F1 {scores.bcubed_f1:.3f} NMI {scores.nmi:.3f} "
              f"stories {scores.predicted_stories}/{scores.gold_stories}", flush=True)
        rows.append(row)
    return rows


if __name__ == "__main__":
    main()
