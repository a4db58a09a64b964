"""The quote metrics on tiny hand-made cases, checked by hand."""

from __future__ import annotations

import pytest

from presslens.quotes.metrics import PRF, QuoteScores, trim, word_tokens

TEXT = 'Smith said that taxes will rise. "We are ready," Jones told reporters.'
#       0    5    10   15   20   25   30   35   40   45   50   55   60   65


def span(text: str, part: str, prefix: str) -> dict:
    start = text.index(part)
    return {f"{prefix}_start": start, f"{prefix}_end": start + len(part)}


def quote(content: str, speaker: str | None = None, cue: str | None = None, kind: str = "indirect") -> dict:
    out = {**span(TEXT, content, "quote"), "quote_kind": kind}
    out.update(span(TEXT, speaker, "speaker") if speaker else {"speaker_start": None, "speaker_end": None})
    out.update(span(TEXT, cue, "cue") if cue else {"cue_start": None, "cue_end": None})
    return out


GOLD = [
    quote("that taxes will rise", "Smith", "said"),
    quote('"We are ready,"', "Jones", "told", kind="direct"),
]


def test_metrics_trim_drops_edge_punctuation_and_marks():
    start, end = trim(TEXT, TEXT.index('"We'), TEXT.index(',"') + 2)
    assert TEXT[start:end] == "We are ready"


def test_metrics_word_tokens_are_absolute_offsets():
    tokens = word_tokens(TEXT, 0, 10)
    assert {TEXT[s:e] for s, e in tokens} == {"Smith", "said"}


def test_metrics_perfect_prediction_scores_one():
    scores = QuoteScores()
    scores.add(TEXT, GOLD, GOLD)
    metrics = scores.metrics()
    for name in ("content_exact", "content_overlap", "speaker_exact", "cue_exact"):
        assert metrics[name] == PRF(1.0, 1.0, 1.0), name


def test_metrics_exact_ignores_quotation_marks_and_comma():
    predicted = [GOLD[0], quote("We are ready", "Jones", "told")]
    scores = QuoteScores()
    scores.add(TEXT, GOLD, predicted)
    assert scores.metrics("direct")["content_exact"].f1 == 1.0


def test_metrics_partial_content_counts_overlap_not_exact():
    predicted = [quote("taxes will rise", "Smith", "said")]  # misses "that"
    scores = QuoteScores()
    scores.add(TEXT, GOLD, predicted)
    metrics = scores.metrics()
    assert metrics["content_exact"] == PRF(0.0, 0.0, 0.0)
    # 3 predicted tokens all in gold; gold has 4 + 3 tokens.
    assert metrics["content_overlap"].precision == 1.0
    assert metrics["content_overlap"].recall == pytest.approx(3 / 7)
    # speaker is scored on the paired quote: right speaker, 1 of 2 gold speakers found
    assert metrics["speaker_exact"] == PRF.of(1, 1, 2)
    assert metrics["cue_exact"] == PRF.of(1, 1, 2)


def test_metrics_wrong_speaker_and_missing_cue():
    predicted = [quote("that taxes will rise", "taxes"), quote('"We are ready,"', "Jones", "told")]
    scores = QuoteScores()
    scores.add(TEXT, GOLD, predicted)
    metrics = scores.metrics()
    assert metrics["speaker_exact"] == PRF.of(1, 2, 2)
    assert metrics["speaker_overlap"] == PRF.of(1, 2, 2)
    assert metrics["cue_exact"] == PRF.of(1, 1, 2)
    assert metrics["content_exact"] == PRF(1.0, 1.0, 1.0)


def test_metrics_spurious_prediction_counts_only_overall():
    predicted = [*GOLD, quote("reporters")]
    scores = QuoteScores()
    scores.add(TEXT, GOLD, predicted)
    assert scores.metrics()["content_exact"] == PRF.of(2, 3, 2)
    assert scores.metrics("direct")["content_exact"] == PRF(1.0, 1.0, 1.0)
    assert scores.metrics("indirect")["content_exact"] == PRF(1.0, 1.0, 1.0)


def test_metrics_pairing_is_one_to_one_by_shared_tokens():
    # Two predictions overlap the same gold quote: only the larger overlap pairs with it.
    predicted = [quote("taxes"), quote("that taxes will rise")]
    scores = QuoteScores()
    scores.add(TEXT, GOLD[:1], predicted)
    counts = scores.counts["all"]
    assert counts.exact == 1
    assert counts.pred == 2
    assert counts.shared_tokens == 4


def test_metrics_nothing_predicted_scores_zero_without_error():
    scores = QuoteScores()
    scores.add(TEXT, GOLD, [])
    assert scores.metrics()["content_exact"] == PRF(0.0, 0.0, 0.0)
    assert scores.as_dict()["all"]["gold"] == 2
