"""Token tagging scheme shared by the quote tagger's training and its runtime.

Each word piece carries three independent B/I/O tags, one per layer: content,
source (the speaker) and cue. Independent layers let a content span enclose its
own source and cue ("...," he said, "...") and let one attribution sit inside
another's content. Logits come as nine numbers per token, three per layer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

LAYERS = ("content", "source", "cue")
OUTSIDE, BEGIN, INSIDE = 0, 1, 2
NUM_LOGITS = 3 * len(LAYERS)

# One-to-one character swaps, so offsets stay valid: the word-piece vocabulary
# knows the straight marks better than the typographic ones.
_MARK_SWAPS = str.maketrans(
    {
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2039": "'", "\u203a": "'",
        "\u2032": "'", "\u2033": '"', "\u00a0": " ",
        # Line breaks become a token of their own: quotes often end with a paragraph.
        "\n": "\u00b6",
    }
)


def normalise_marks(text: str) -> str:
    """Swap typographic quotation marks for straight ones and line breaks for a pilcrow, keeping offsets."""
    return text.translate(_MARK_SWAPS)


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    """A span found by the tagger: layer name and character offsets (end exclusive)."""

    layer: str
    start: int
    end: int
    score: float = field(default=1.0, compare=False)  # the tagger's mean P(not outside) over the span's tokens


def encode_tags(offsets: Sequence[tuple[int, int]], spans: Iterable[TaggedSpan]) -> np.ndarray:
    """Tags (n_tokens x 3 layers) for gold spans given as character offsets.

    A token belongs to a span when its midpoint lies inside it. Where two spans of
    one layer overlap, the longer one wins (nested attributions are rare).
    """
    tags = np.zeros((len(offsets), len(LAYERS)), dtype=np.int64)
    starts = np.array([s for s, _ in offsets], dtype=np.int64)
    ends = np.array([e for _, e in offsets], dtype=np.int64)
    mids = (starts + ends) / 2.0
    ordered = sorted(spans, key=lambda sp: sp.end - sp.start, reverse=True)
    taken = np.zeros_like(tags, dtype=bool)
    for span in ordered:
        layer = LAYERS.index(span.layer)
        inside = np.nonzero((mids >= span.start) & (mids < span.end))[0]
        if len(inside) == 0 or taken[inside, layer].any():
            continue
        tags[inside, layer] = INSIDE
        tags[inside[0], layer] = BEGIN
        taken[inside, layer] = True
    return tags


def span_confidence(logits: np.ndarray) -> np.ndarray:
    """P(not outside) per token and layer, (n_tokens x 3), from (n_tokens x 9) logits."""
    per_layer = logits.reshape(len(logits), len(LAYERS), 3).astype(np.float64)
    per_layer -= per_layer.max(axis=2, keepdims=True)
    probs = np.exp(per_layer)
    return 1.0 - probs[:, :, OUTSIDE] / probs.sum(axis=2)


def decode_tags(offsets: Sequence[tuple[int, int]], tags: np.ndarray,
                confidence: np.ndarray | None = None) -> list[TaggedSpan]:
    """Spans from predicted tags: a run starts at B (or a stray I) and goes on over I. With ``confidence``
    (``span_confidence``), each span's score is its tokens' mean."""
    spans: list[TaggedSpan] = []
    for layer_index, layer in enumerate(LAYERS):
        for first, last in _runs(tags[:, layer_index].tolist()):  # Python ints: a loop over numpy scalars is slow
            score = float(confidence[first:last + 1, layer_index].mean()) if confidence is not None else 1.0
            spans.append(TaggedSpan(layer, offsets[first][0], offsets[last][1], score))
    return spans


def _runs(column: list[int]) -> list[tuple[int, int]]:
    """(first, last) token of each run in one layer's tags."""
    runs: list[tuple[int, int]] = []
    start = last = None
    for i, tag in enumerate(column):
        if tag == BEGIN or (tag == INSIDE and start is None):
            if start is not None:
                runs.append((start, last))
            start = last = i
        elif tag == INSIDE:
            last = i
        elif start is not None:
            runs.append((start, last))
            start = None
    if start is not None:
        runs.append((start, last))
    return runs


def snap_to_words(text: str, spans: Iterable[TaggedSpan]) -> list[TaggedSpan]:
    """Spans widened to whole words: word pieces never cut a name ("Melton Mow|bray")."""
    out = []
    for span in spans:
        start, end = span.start, span.end
        while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
            start -= 1
        while 0 < end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
            end += 1
        out.append(span if (start, end) == (span.start, span.end) else TaggedSpan(span.layer, start, end, span.score))
    return out


def windows(n_tokens: int, size: int, stride: int) -> list[tuple[int, int]]:
    """Token windows [start, end) of at most ``size`` tokens, ``stride`` apart, covering all tokens."""
    if n_tokens <= size:
        return [(0, n_tokens)]
    out = []
    start = 0
    while True:
        end = min(start + size, n_tokens)
        out.append((start, end))
        if end == n_tokens:
            return out
        start += stride


def merge_window_logits(n_tokens: int, spans: list[tuple[int, int]], logits: list[np.ndarray]) -> np.ndarray:
    """One logit row per token, taken from the window where the token sits furthest from an edge."""
    merged = np.zeros((n_tokens, NUM_LOGITS), dtype=np.float32)
    best = np.full(n_tokens, -1, dtype=np.int64)
    for (start, end), window_logits in zip(spans, logits, strict=True):
        positions = np.arange(start, end)
        margin = np.minimum(positions - start, end - 1 - positions)
        better = margin > best[start:end]
        merged[positions[better]] = window_logits[: end - start][better]
        best[start:end] = np.where(better, margin, best[start:end])
    return merged


def tags_from_logits(logits: np.ndarray) -> np.ndarray:
    """Argmax per layer: (n_tokens x 9) logits to (n_tokens x 3) tags."""
    return logits.reshape(len(logits), len(LAYERS), 3).argmax(axis=2)


# From state (row) to state (column): O, B, I. Only "O -> I" (and starting on I) is ruled out.
_ALLOWED = np.array([[0.0, 0.0, -np.inf], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]])


def viterbi_tags(logits: np.ndarray) -> np.ndarray:
    """Best valid B/I/O sequence per layer (no I straight after O), from (n_tokens x 9) logits.

    With three states and one forbidden move the recursion is a few comparisons per token, done
    on Python floats (the same IEEE doubles, ties to the lowest state as ``argmax`` breaks them):
    a numpy call per token costs more than the arithmetic.
    """
    n = len(logits)
    per_layer = logits.reshape(n, len(LAYERS), 3).astype(np.float64)
    log_probs = per_layer - np.logaddexp.reduce(per_layer, axis=2, keepdims=True)
    tags = np.zeros((n, len(LAYERS)), dtype=np.int64)
    for layer in range(len(LAYERS)):
        tags[:, layer] = _viterbi_layer(log_probs[:, layer, :].tolist())
    return tags


def _viterbi_layer(log_probs: list[list[float]]) -> list[int]:
    """One layer's best path; ``log_probs`` holds [O, B, I] per token. Entering I needs B or I
    before it (``_ALLOWED``); O and B may follow anything."""
    n = len(log_probs)
    from_any = [0] * n  # best previous state for O and B at each token
    from_bi = [0] * n  # best previous state for I
    first = log_probs[0]
    o, b, i = first[0], first[1], -np.inf
    for t in range(1, n):
        lo, lb, li = log_probs[t]
        if o >= b:
            best, state = (o, 0) if o >= i else (i, 2)
        else:
            best, state = (b, 1) if b >= i else (i, 2)
        from_any[t] = state
        if b >= i:
            inside, from_bi[t] = (b, 1 if b > -np.inf else 0)
        else:
            inside, from_bi[t] = (i, 2)
        o, b, i = best + lo, best + lb, inside + li
    state = (0 if o >= i else 2) if o >= b else (1 if b >= i else 2)
    path = [0] * n
    for t in range(n - 1, -1, -1):
        path[t] = state
        state = from_bi[t] if state == INSIDE else from_any[t]
    return path
