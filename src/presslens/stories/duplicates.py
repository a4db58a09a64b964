"""Near-duplicates: syndicated copies and light rewrites, found with MinHash LSH (datasketch).

Texts become sets of word 5-shingles. LSH proposes earlier documents whose estimated
Jaccard similarity may pass ``candidate_threshold``; each proposal is then checked
exactly by containment (shared shingles over the smaller set), so a copy with a new
headline or a trimmed ending still matches its original. A copy links to the earliest
document of its group (the original), never to another copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
                 minimum_shingles: int = 20):
        from datasketch import MinHashLSH

        self.containment = containment
        self.permutations = permutations
        self.minimum_shingles = minimum_shingles
        self.lsh = MinHashLSH(threshold=candidate_threshold, num_perm=permutations)
        self.shingles: dict[str, frozenset[str]] = {}
        self.original_of: dict[str, str] = {}
        self.order: dict[str, int] = {}

    def add(self, key: str, text: str) -> NearDuplicate | None:
        """The document this one repeats, if any (it is indexed either way)."""
        from datasketch import MinHash

        shingles = shingle(text)
        self.order[key] = len(self.order)
        if len(shingles) < self.minimum_shingles or key in self.shingles:
            return None
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
        return best


def shingle(text: str, size: int = SHINGLE_WORDS) -> frozenset[str]:
    """Lower-cased word n-grams of a text."""
    words = _WORD.findall(text.lower())
    return frozenset(" ".join(words[i:i + size]) for i in range(max(len(words) - size + 1, 0)))
