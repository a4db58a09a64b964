"""Clustering scores against gold stories: BCubed precision/recall/F1, NMI and ARI.

BCubed (Bagga and Baldwin 1998): for each document, precision is the share of its
predicted cluster that shares its gold story, recall the share of its gold story that
shares its predicted cluster; both are averaged over documents. NMI and ARI come from
scikit-learn.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import asdict, dataclass

from ..scoring import bcubed

__all__ = ["ClusterScores", "bcubed", "score_clusters"]


@dataclass(frozen=True, slots=True)
class ClusterScores:
    documents: int
    gold_stories: int
    predicted_stories: int
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    nmi: float
    ari: float

    def as_dict(self) -> dict:
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in asdict(self).items()}


def score_clusters(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> ClusterScores:
    """BCubed, NMI and ARI of predicted story labels against gold ones."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    precision, recall, f1 = bcubed(gold, predicted)
    gold_ids = _as_ints(gold)
    predicted_ids = _as_ints(predicted)
    return ClusterScores(len(gold), len(set(gold)), len(set(predicted)), precision, recall, f1,
                         float(normalized_mutual_info_score(gold_ids, predicted_ids)),
                         float(adjusted_rand_score(gold_ids, predicted_ids)))


def _as_ints(labels: Sequence[Hashable]) -> list[int]:
    index: dict[Hashable, int] = {}
    return [index.setdefault(label, len(index)) for label in labels]
