"""The trained extractor on awkward input: never raises, every span inside the text."""

from __future__ import annotations

import pytest

from presslens.quotes import QuoteExtractor

ODD = [
    "", "   \n\n  ", '"', "“”‘’«»„", 'He said "unbalanced and never closed',
    "“Nested ‘single “double” inside’,” she said.",
    "« Nous sommes prêts », a déclaré la maire.", "„Wir sind bereit“, sagte sie.", "\u201c" * 500,
    "She said: “First paragraph.\n\n“Second paragraph,” she added.", "x" * 20_000,
    " ".join(f"“Quote number {i},” said Jane Doe." for i in range(400)),
]


@pytest.fixture(scope="module")
def extractor():
    return QuoteExtractor()


@pytest.mark.parametrize("text", ODD, ids=range(len(ODD)))
def test_extractor_never_raises_and_keeps_spans_inside(extractor, text):
    (found,) = extractor.extract([text])
    for quote in found:
        for span in (quote.content, quote.source, quote.cue):
            if span:
                assert 0 <= span[0] < span[1] <= len(text)
        assert quote.kind in {"direct", "mixed", "indirect"}


def test_extractor_finds_a_plain_attribution(extractor):
    text = '"We will fight this all the way," said Jane Doe, the mayor of Portmere.'
    (found,) = extractor.extract([text])
    (quote,) = found
    assert text[quote.source[0]:quote.source[1]].startswith("Jane Doe")
    assert (quote.speaker_name, quote.speaker_role) == ("Jane Doe", "mayor of Portmere")
    assert quote.kind == "direct"
