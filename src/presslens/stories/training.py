"""Training the linker (``scripts/train_story_linker.py``): pair features from labelled streams, then a fit.

Follows Miranda et al. 2018: stream labelled documents, place each in its gold story, and record the
features of every candidate story with whether it is the gold one; a logistic regression on those pairs
gives the ``Linker``. Inference (``linker``, ``stream``) never imports this module.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence

from .features import StoryDocument, pair_features
from .linker import Linker, feature_names
from .stream import StreamClusterer

__all__ = ["fit", "training_pairs"]


def training_pairs(documents: Sequence[StoryDocument], gold: Sequence[Hashable], language: str,
                   signals: Iterable[str], window_days: float = 7.0) -> tuple[list[list[float]], list[int]]:
    """Features and labels of every (document, candidate story) pair met while streaming in gold stories."""
    names = feature_names(signals)
    placeholder = Linker(names, (0.0,) * len(names), 0.0)
    clusterer = StreamClusterer(language, placeholder, signals, window_days=window_days)
    story_of: dict[Hashable, int] = {}
    rows, labels = [], []
    for document, label in zip(documents, gold, strict=True):
        vectors = clusterer.vectorize(document)
        target = story_of.get(label)
        for story_id in clusterer.candidates(vectors):
            features = pair_features(vectors, clusterer.stories[story_id])
            rows.append([features[f] for f in names])
            labels.append(int(story_id == target))
        story_of[label] = clusterer.place(vectors, target if target in clusterer.stories else None)
    return rows, labels


def fit(rows: list[list[float]], labels: list[int], signals: Iterable[str], threshold: float = 0.5,
        weights: list[float] | None = None) -> Linker:
    """Logistic regression on the pairs (scikit-learn, L2), each pair weighted by ``weights`` (default 1)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit(rows, labels, sample_weight=weights)
    return Linker(feature_names(signals), tuple(float(c) for c in model.coef_[0]), float(model.intercept_[0]),
                  threshold)
