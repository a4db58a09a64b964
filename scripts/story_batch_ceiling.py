"""A batch reference for story clustering: average-link clustering told the number of clusters.

Not a presslens method (it sees every document at once and is given k); it shows how far
headline representations can go on a labelled set.

    .venv/bin/python scripts/story_batch_ceiling.py ../shared/data/stories/uci_news_sample.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from presslens.stories.evaluate import encode_records
from presslens.stories.metrics import score_clusters


def main(path: str) -> None:
    records = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = [r["cluster"] for r in records]
    embeddings = encode_records(records)
    tfidf = TfidfVectorizer(sublinear_tf=True, stop_words="english", ngram_range=(1, 2)).fit_transform(
        [r["text"] for r in records]).toarray()
    true_k = len(set(gold))
    for name, vectors in (("embeddings", embeddings), ("tfidf", tfidf),
                          ("both", np.hstack([embeddings * 0.8, tfidf * 0.6]))):
        for k in (true_k, round(true_k * 1.7), round(true_k * 3.3)):
            labels = AgglomerativeClustering(n_clusters=k, metric="cosine", linkage="average").fit_predict(vectors)
            scores = score_clusters(gold, labels)
            print(f"{name:10} k={k:4}  BCubed F1 {scores.bcubed_f1:.3f}  NMI {scores.nmi:.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
