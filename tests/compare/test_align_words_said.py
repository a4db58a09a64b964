"""Quote alignment compares the words said: quoted words of mixed quotes, no inner reporting clause, typography
folded; the same words from one speaker stay one utterance unless the text says otherwise; "he" is resolved."""

from __future__ import annotations

from datetime import date

import pytest

from presslens.compare.align import QuoteSide, align, with_named_speaker, words_said

LINE = "We are not closing the station, and we never planned to close it"


def side(text: str, speaker: str | None = "Ana Ortiz", context: str | None = None,
         published: date | None = None) -> QuoteSide:
    return QuoteSide(text=text, context=context if context is not None else text, speaker=speaker,
                     published=published)


def test_mixed_quotes_are_verbatim_as_far_as_the_quotation_goes():
    a = side('The mayor called the plan "a reckless gamble with public money"', "Jo Reed")
    b = side('Reed described the council\'s scheme as "a reckless gamble with public money."', "Jo Reed")
    result = align(a, b)
    assert result.kind == "verbatim" and result.same_quote


def test_a_scare_quote_is_not_a_quotation():
    """One quoted word ("edgy") is no quotation to compare on: all the words count."""
    a = side('dubbed the show as representative of "edgy" programming', "Erik Barmack")
    b = side("“There is absolutely nothing edgy about the exploitation of minors,”", "Dawn Hawkins")
    assert words_said(a.text) == a.text
    assert align(a, b).kind == "different"


def test_the_reporting_clause_inside_a_span_is_left_out():
    inner = side('"We are not closing the station," the minister said, "and we never planned to close it."')
    plain = side(f"“{LINE}.”")
    assert align(inner, plain).kind == "verbatim"
    indirect = side("The station, the minister said, would stay open all winter")
    assert align(indirect, side("the station would stay open all winter")).kind == "verbatim"


@pytest.mark.parametrize(("a", "b"), [
    ("the repairs will cost £4.5million", "the repairs will cost £4.5 million"),
    ("a crack – a serious one – was found", "a crack — a serious one — was found"),
    ("we will reopen it… when it is safe", "we will reopen it ... when it is safe"),
    ("[The bridge] will reopen when it is safe", "will reopen when it is safe"),
    ("[T]he bridge will reopen", "The bridge will reopen"),
    ("St James's Park will host it", "St James' Park will host it"),
])
def test_typography_does_not_change_the_words(a, b):
    result = align(side(a), side(b))
    assert result.kind in ("verbatim", "trimmed"), result.diff
    assert result.same_quote


def test_the_same_words_from_one_speaker_days_apart_are_one_utterance():
    first = side(f"“{LINE}”", published=date(2026, 3, 2))
    later = side(f"“{LINE}”", context=f"At the rally on Saturday, Ortiz said: “{LINE}”", published=date(2026, 3, 20))
    result = align(first, later)
    assert result.same_quote and not result.other_occasion


def test_a_line_said_again_is_another_utterance():
    first = side(f"“{LINE}”", published=date(2026, 3, 2))
    again = side(f"“{LINE}”", context=f"“{LINE}”, Ortiz said, repeating the line she used when the row began.",
                 published=date(2026, 3, 5))
    result = align(first, again)
    assert result.other_occasion and not result.same_quote
    paris = side(f"“{LINE}”", context=f"Speaking at the conference in Paris, Ortiz said: “{LINE}”")
    london = side(f"“{LINE}”", context=f"At a screening in London, Ortiz said: “{LINE}”")
    assert not align(paris, london).same_quote


def test_a_pronoun_speaker_is_resolved_from_its_context_before_speakers_are_compared():
    told = side(f"“{LINE}”", speaker="he",
                context=f"Transport minister Luis Marin was asked about the closure. “{LINE},” he said.")
    assert with_named_speaker(told).speaker == "Luis Marin"
    result = align(told, side(f"“{LINE}”", speaker="Ana Ortiz"))
    assert result.speaker_conflict and not result.same_quote
    assert align(told, side(f"“{LINE}”", speaker="Luis Marin")).same_quote


def test_the_best_threshold_baseline_is_tuned_on_the_pairs_it_is_scored_on():
    from presslens.compare.evaluate import best_threshold

    threshold, scores = best_threshold([True, True, False, False, True], [0.9, 0.7, 0.75, 0.3, 0.95])
    assert threshold == 0.7 and (scores["precision"], scores["recall"]) == (0.75, 1.0)
