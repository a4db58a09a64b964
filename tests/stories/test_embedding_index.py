"""The stories stage's centroid index: the nearest open stories, as a full stable sort would rank them."""

from __future__ import annotations

import numpy as np

from presslens.stories.stream import _EmbeddingIndex


def ranked_by_sort(index: _EmbeddingIndex, vector: np.ndarray, count: int) -> set[int]:
    similarity = index.matrix[:len(index.story_at)] @ vector
    return {index.story_at[r] for r in np.argsort(-similarity, kind="stable")[:count]
            if index.story_at[r] is not None}


def test_nearest_matches_a_stable_sort_with_ties_and_closed_stories():
    rng = np.random.default_rng(7)
    index = _EmbeddingIndex(dimensions=16)
    base = rng.standard_normal(16).astype(np.float32)
    for story in range(300):
        # every third story repeats the same direction: many exact ties at the top
        index.put(story, base if story % 3 == 0 else rng.standard_normal(16).astype(np.float32))
    for story in range(0, 300, 7):
        index.remove(story)
    query = base / np.linalg.norm(base)
    for count in (1, 8, 50):
        nearest = index.nearest(query, count)
        assert nearest == ranked_by_sort(index, query, count)
        # among the tied stories, the lowest rows win, as in a stable sort
        assert len(nearest) == min(count, sum(1 for s in range(0, 300, 3) if s % 7))
    for _ in range(20):
        probe = rng.standard_normal(16).astype(np.float32)
        assert index.nearest(probe, 8) == ranked_by_sort(index, probe, 8)
