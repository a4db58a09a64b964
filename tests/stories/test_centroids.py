"""The stories stage's centroid index: exact nearest open stories (as a full stable sort ranks them),
and past its limit an HNSW graph that finds nearly the same ones, deterministically."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np

from presslens.stories.centroids import CentroidIndex


def ranked_by_sort(index: CentroidIndex, vector: np.ndarray, count: int) -> set[int]:
    similarity = index.matrix[:len(index.story_at)] @ vector
    return {index.story_at[r] for r in np.argsort(-similarity, kind="stable")[:count]
            if index.story_at[r] is not None}


def test_nearest_matches_a_stable_sort_with_ties_and_closed_stories():
    rng = np.random.default_rng(7)
    index = CentroidIndex(dimensions=16)
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


def stream_of_stories(index: CentroidIndex, stories: int, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Stories whose members scatter around a centre; every fifth story closes again. Returns the
    centres and a query near each centre."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((stories, 32)).astype(np.float32)
    for story, centre in enumerate(centres):
        total = np.zeros(32, dtype=np.float32)
        for _ in range(1 + story % 6):
            total += centre + 0.5 * rng.standard_normal(32).astype(np.float32)
            index.put(story, total)
        if story % 5 == 4:
            index.remove(story)
    queries = centres + 0.5 * rng.standard_normal(centres.shape).astype(np.float32)
    return centres, queries / np.linalg.norm(queries, axis=1, keepdims=True)


def test_past_the_limit_an_inverted_file_finds_nearly_the_exact_neighbours():
    exact, approximate = CentroidIndex(dimensions=32, exact_limit=10**9), CentroidIndex(dimensions=32, exact_limit=300)
    _, queries = stream_of_stories(exact, 2000)
    stream_of_stories(approximate, 2000)
    assert approximate.approximate and not exact.approximate
    assert len(approximate) == len(exact) == 1600
    found = [len(approximate.nearest(q, 8) & exact.nearest(q, 8)) / 8 for q in queries]
    own = [story in approximate.nearest(q, 8) for story, q in enumerate(queries) if story % 5 != 4]
    assert np.mean(found) >= 0.85  # the far end of the eight is near-random here: 32-d noise around the centres
    assert np.mean(own) >= 0.98  # the story a query was drawn from
    # a closed story is never proposed
    assert all(story % 5 != 4 for q in queries[:200] for story in approximate.nearest(q, 8))


def test_the_inverted_file_is_dropped_below_half_the_limit_and_search_is_exact_again():
    index = CentroidIndex(dimensions=32, exact_limit=300)
    _, queries = stream_of_stories(index, 400)
    assert index.approximate
    for story in range(400):
        if len(index) < 150:
            break
        index.remove(story)
    assert not index.approximate
    assert index.nearest(queries[-1], 8) == ranked_by_sort(index, queries[-1], 8)


SEPARATE_PROCESS = """
import json, sys
sys.path.insert(0, {tests!r})
from presslens.stories.centroids import CentroidIndex
from test_centroids import stream_of_stories
index = CentroidIndex(dimensions=32, exact_limit=300)
_, queries = stream_of_stories(index, 1500)
print(json.dumps([sorted(index.nearest(q, 8)) for q in queries[::7]]))
"""


def test_the_inverted_file_gives_the_same_answers_in_another_process():
    index = CentroidIndex(dimensions=32, exact_limit=300)
    _, queries = stream_of_stories(index, 1500)
    here = [sorted(int(s) for s in index.nearest(q, 8)) for q in queries[::7]]
    code = SEPARATE_PROCESS.format(tests=str(__import__("pathlib").Path(__file__).parent))
    there = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                      check=True).stdout)
    assert here == there
