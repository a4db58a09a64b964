"""The tagging scheme: gold spans to token tags and back, windows, merging, Viterbi."""

from __future__ import annotations

import numpy as np

from presslens.quotes.tagging import (
    BEGIN,
    INSIDE,
    OUTSIDE,
    TaggedSpan,
    decode_tags,
    encode_tags,
    merge_window_logits,
    normalise_marks,
    tags_from_logits,
    viterbi_tags,
    windows,
)

TEXT = '"We are ready," she said, "and we will win."'


def word_offsets(text: str) -> list[tuple[int, int]]:
    import re

    return [m.span() for m in re.finditer(r"\w+|[^\w\s]", text)]


def test_tagging_round_trip_keeps_enclosing_and_inner_spans():
    offsets = word_offsets(TEXT)
    spans = [TaggedSpan("content", 0, len(TEXT)), TaggedSpan("source", 16, 19), TaggedSpan("cue", 20, 24)]
    tags = encode_tags(offsets, spans)
    assert sorted(decode_tags(offsets, tags), key=lambda s: s.layer) == sorted(spans, key=lambda s: s.layer)


def test_tagging_adjacent_spans_stay_apart():
    text = "a b c d"
    offsets = word_offsets(text)
    spans = [TaggedSpan("content", 0, 3), TaggedSpan("content", 4, 7)]
    tags = encode_tags(offsets, spans)
    assert list(tags[:, 0]) == [BEGIN, INSIDE, BEGIN, INSIDE]
    assert decode_tags(offsets, tags) == spans


def test_tagging_longer_span_wins_an_overlap():
    offsets = word_offsets("a b c d")
    tags = encode_tags(offsets, [TaggedSpan("content", 2, 5), TaggedSpan("content", 0, 7)])
    assert list(tags[:, 0]) == [BEGIN, INSIDE, INSIDE, INSIDE]


def test_tagging_windows_cover_every_token():
    assert windows(5, 10, 8) == [(0, 5)]
    spans = windows(25, 10, 8)
    assert spans[0] == (0, 10) and spans[-1][1] == 25
    covered = set().union(*(range(s, e) for s, e in spans))
    assert covered == set(range(25))


def test_tagging_merge_takes_the_most_central_window():
    spans = [(0, 4), (2, 6)]
    first = np.zeros((4, 9), dtype=np.float32)
    second = np.ones((4, 9), dtype=np.float32)
    merged = merge_window_logits(6, spans, [first, second])
    # token 2 is 2 from the first window's edge... and 0 from the second's: first wins
    assert merged[2, 0] == 0.0 and merged[3, 0] == 1.0 and merged[5, 0] == 1.0


def test_tagging_viterbi_never_starts_a_span_with_inside():
    logits = np.zeros((3, 9), dtype=np.float32)
    logits[:, 2] = 5.0  # content layer: "I" everywhere
    logits[1, 0] = 6.0  # ...but "O" in the middle
    assert list(tags_from_logits(logits)[:, 0]) == [INSIDE, OUTSIDE, INSIDE]
    assert INSIDE not in (viterbi_tags(logits)[0, 0], )
    tags = viterbi_tags(logits)[:, 0]
    assert all(not (tags[i] == INSIDE and (i == 0 or tags[i - 1] == OUTSIDE)) for i in range(3))


def test_tagging_mark_normalising_keeps_offsets():
    text = "“A” ‘b’ «c» „d“\nx"
    assert len(normalise_marks(text)) == len(text)
    assert normalise_marks(text) == "\"A\" 'b' \"c\" \"d\"¶x"
