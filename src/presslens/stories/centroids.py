"""The nearest open stories to a document's embedding: the clusterer's embedding candidates.

Story centroids (unit length) live in one matrix, searched exactly: a matrix-vector product,
linear in the open stories, under half a millisecond up to 10,000 of them. A window wide enough
to hold more (an archive replayed at tens of thousands of stories a week) would make that the
cost of every article, so above ``exact_limit`` open stories the index also keeps an
approximate one and answers from it; below half the limit it drops it and is exact again.

The approximate index is an inverted file (faiss ``IndexIVFFlat``, inner product): k-means
cells over the centroids open when it is built, retrained each time as many stories again have
been added, one eighth of the cells searched per query. Unlike HNSW graphs it updates and removes in
place, which a story's centroid, moving with every new member, needs. It only proposes
candidates; the linker scores them against their true centroids.

Both paths are deterministic: the same puts and removals in the same order give the same
answers (faiss's k-means samples and seeds with a fixed seed; tests/stories/test_centroids.py
checks it across processes).
"""

from __future__ import annotations

import numpy as np

EXACT_LIMIT = 20_000  # open stories searched exactly; above this an inverted file answers
PROBE_SHARE = 8  # an inverted-file query searches this share (1/8) of its cells, at least 16


class CentroidIndex:
    """Unit story centroids, by story id, for nearest-neighbour search over open stories."""

    def __init__(self, dimensions: int = 384, exact_limit: int = EXACT_LIMIT):
        self.dimensions = dimensions
        self.exact_limit = exact_limit
        self.matrix = np.zeros((64, dimensions), dtype=np.float32)
        self.row_of: dict[int, int] = {}
        self.story_at: list[int | None] = []
        self.ann = None  # faiss.IndexIVFFlat while more than exact_limit stories are open
        self._added_since_training = self._trained_on = 0

    def __len__(self) -> int:
        return len(self.row_of)

    @property
    def approximate(self) -> bool:
        """Whether queries are answered by the inverted file (True) or exactly (False)."""
        return self.ann is not None

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        if self.ann is not None:
            import faiss

            state["ann"] = faiss.serialize_index(self.ann)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        if self.ann is not None:
            import faiss

            self.ann = faiss.deserialize_index(self.ann)

    def put(self, story_id: int, vector: np.ndarray) -> None:
        """Set a story's centroid (any length; it is stored at unit length)."""
        row = self.row_of.get(story_id)
        if row is None:
            if len(self.story_at) == len(self.matrix):
                self._grow()
            row = self.row_of[story_id] = len(self.story_at)
            self.story_at.append(story_id)
        self.matrix[row] = vector / (np.linalg.norm(vector) or 1.0)
        if self.ann is not None:
            self._index_rows(story_id, row)
        elif len(self.row_of) > self.exact_limit:
            self._build_ann()

    def remove(self, story_id: int) -> None:
        """Forget a story (closed)."""
        row = self.row_of.pop(story_id, None)
        if row is None:
            return
        self.matrix[row] = 0.0
        self.story_at[row] = None
        if self.ann is not None:
            self.ann.remove_ids(np.array([story_id], dtype=np.int64))
            if len(self.row_of) * 2 < self.exact_limit:
                self.ann = None
        if len(self.row_of) * 2 < len(self.story_at) and len(self.story_at) > 64:
            self._compact()

    def nearest(self, vector: np.ndarray, count: int) -> set[int]:
        """The ``count`` open stories whose centroids are most similar to ``vector`` (unit length)."""
        if not self.row_of or count <= 0:
            return set()
        if self.ann is not None:
            _, found = self.ann.search(vector.reshape(1, -1).astype(np.float32), count)
            return {int(story) for story in found[0] if story >= 0}
        similarity = self.matrix[:len(self.story_at)] @ vector
        if len(similarity) > count:  # the top rows in linear time; ties at the cut go to the lower row
            kth = similarity[np.argpartition(-similarity, count - 1)[count - 1]]
            top = np.flatnonzero(similarity >= kth)
            top = top[np.argsort(-similarity[top], kind="stable")[:count]]
        else:
            top = np.argsort(-similarity, kind="stable")[:count]
        return {self.story_at[r] for r in top if self.story_at[r] is not None}

    def _index_rows(self, story_id: int, row: int) -> None:
        """Put a story's current centroid in the inverted file (replacing its old one); retrain the
        cells once as many stories again as the last training saw have been added."""
        ids = np.array([story_id], dtype=np.int64)
        if self.ann.remove_ids(ids) == 0:
            self._added_since_training += 1
            if self._added_since_training > self._trained_on:
                self._build_ann()
                return
        self.ann.add_with_ids(self.matrix[row:row + 1], ids)

    def _build_ann(self) -> None:
        import faiss

        stories = np.array(sorted(self.row_of), dtype=np.int64)
        vectors = self.matrix[[self.row_of[s] for s in stories]]
        cells = max(1, int(np.sqrt(len(stories))))
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(self.dimensions), self.dimensions, cells,
                                   faiss.METRIC_INNER_PRODUCT)
        index.train(vectors)
        index.set_direct_map_type(faiss.DirectMap.Hashtable)
        index.add_with_ids(vectors, stories)
        index.nprobe = min(cells, max(16, cells // PROBE_SHARE))
        self.ann, self._added_since_training, self._trained_on = index, 0, len(stories)

    def _grow(self) -> None:
        bigger = np.zeros((len(self.matrix) * 2, self.dimensions), dtype=np.float32)
        bigger[: len(self.matrix)] = self.matrix
        self.matrix = bigger

    def _compact(self) -> None:
        live = [(story, row) for row, story in enumerate(self.story_at) if story is not None]
        matrix = np.zeros((max(64, 2 * len(live)), self.dimensions), dtype=np.float32)
        for new_row, (_, row) in enumerate(live):
            matrix[new_row] = self.matrix[row]
        self.matrix = matrix
        self.story_at = [story for story, _ in live]
        self.row_of = {story: row for row, story in enumerate(self.story_at)}
