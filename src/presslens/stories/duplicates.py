"""Near-duplicates: syndicated copies and light rewrites, found with MinHash LSH (datasketch).

Texts become sets of word 5-shingles. LSH proposes earlier documents whose estimated
Jaccard similarity may pass ``candidate_threshold``; each proposal is then checked
exactly by containment (shared shingles over the smaller set), so a copy with a new
headline or a trimmed ending still matches its original. A copy links to the earliest
document of its group (the original), never to another copy.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

SHINGLE_WORDS = 5
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    """``key`` repeats ``original``; ``containment`` is the share of the shorter text's shingles in both."""

    key: str
    original: str
    containment: float


class NearDuplicateFinder:
    """Feed documents in arrival order; each is checked against those seen before."""

    def __init__(self, containment: float = 0.8, candidate_threshold: float = 0.5, permutations: int = 128,
                 minimum_shingles: int = 20, window_days: float | None = None):
        from datasketch import MinHashLSH

        self.containment = containment
        self.permutations = permutations
        self.minimum_shingles = minimum_shingles
        self.window = timedelta(days=window_days) if window_days else None
        self.lsh = MinHashLSH(threshold=candidate_threshold, num_perm=permutations)
        self.shingles: dict[str, frozenset[str]] = {}
        self.original_of: dict[str, str] = {}
        self.order: dict[str, int] = {}
        self._expiry: list[tuple[datetime, int, str]] = []  # dated documents, oldest first
        self._newest: datetime | None = None
        self._arrivals = 0

    def add(self, key: str, text: str, published: datetime | None = None) -> NearDuplicate | None:
        """The document this one repeats, if any (it is indexed either way). With a window, documents
        published more than ``window_days`` before the newest seen are forgotten."""
        from datasketch import MinHash

        shingles = shingle(text)
        self._forget_before(published)
        if len(shingles) < self.minimum_shingles or key in self.shingles:
            return None
        self.order[key] = self._arrivals = self._arrivals + 1
        signature = MinHash(num_perm=self.permutations, seed=1)
        signature.update_batch(s.encode("utf-8") for s in sorted(shingles))
        best: NearDuplicate | None = None
        for other in sorted(self.lsh.query(signature), key=self.order.__getitem__):
            score = len(shingles & self.shingles[other]) / min(len(shingles), len(self.shingles[other]))
            if score >= self.containment and (best is None or score > best.containment):
                best = NearDuplicate(key, self.original_of.get(other, other), round(score, 4))
        self.lsh.insert(key, signature)
        self.shingles[key] = shingles
        if best is not None:
            self.original_of[key] = best.original
        if self.window and published is not None:
            heapq.heappush(self._expiry, (published, self.order[key], key))
        return best

    def _forget_before(self, published: datetime | None) -> None:
        if not self.window or published is None:
            return
        self._newest = max(filter(None, (self._newest, published)))
        cutoff = self._newest - self.window
        while self._expiry and self._expiry[0][0] < cutoff:
            _, _, key = heapq.heappop(self._expiry)
            self.lsh.remove(key)
            del self.shingles[key], self.order[key]
            self.original_of.pop(key, None)


def shingle(text: str, size: int = SHINGLE_WORDS) -> frozenset[str]:
    """Lower-cased word n-grams of a text."""
    words = _WORD.findall(text.lower())
    return frozenset(" ".join(words[i:i + size]) for i in range(max(len(words) - size + 1, 0)))
