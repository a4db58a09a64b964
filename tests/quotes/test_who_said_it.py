"""Who said it, on short articles of the kind users bring: the cases of the who-said-it issue, in our own texts."""

from __future__ import annotations

import pytest

import presslens
from presslens.quotes import is_quote
from presslens.quotes.linking import Attribution

LETTER = (
    "Council pauses depot plan\n\n"
    "In a letter to Priya Shah, the agency's area director, Fiona Carr, wrote that the depot would not open "
    "before the spring.\n\n"
    "Shah said the council would reply within a month."
)

URGED = (
    "Campaigners urge platform to drop drama\n\n"
    "More than 40 campaigners have urged Streamwell to pull the drama, saying it \"normalises the abuse of "
    "teenagers\".\n\n"
    "The group told Streamwell that the series was \"indefensible\". Streamwell said it stood by the series."
)

RELATIVE = (
    "Scandal returns to the screen\n\n"
    "At least 50 men paid for sex with two schoolgirls, including the husband of the granddaughter of Mussolini, "
    "who pleaded guilty to being a client.\n\n"
    "Mara Lenti, a lawyer for one of the families, said the case still haunts the city."
)

PASSIVE = (
    "New drama divides viewers\n\n"
    "The series, Harbour Lights, which begins streaming Friday, is described as exploring the lives of two "
    "teenagers in Lyon. The drama is inspired by a real case.\n\n"
    "Tomas Reyes, who directed it, said the story \"had to be told with care\"."
)


@pytest.fixture(scope="module")
def analysed():
    return {name: presslens.analyse(text) for name, text in
            (("letter", LETTER), ("urged", URGED), ("relative", RELATIVE), ("passive", PASSIVE))}


def _speakers(analysis) -> dict[str, str | None]:
    return {q.content.text: q.speaker_name for q in analysis.quotes}


def test_the_writer_of_a_letter_speaks_not_its_recipient(analysed):
    quote = next(q for q in analysed["letter"].quotes if "depot would not open" in q.content.text)
    assert quote.speaker_name == "Fiona Carr"
    assert quote.speaker_role == "agency's area director"


def test_a_company_urged_or_told_is_never_the_speaker(analysed):
    speakers = _speakers(analysed["urged"])
    assert speakers, "the campaigners' words are quotes"
    urged = [q for q in analysed["urged"].quotes if "abuse of teenagers" in q.content.text or
             "indefensible" in q.content.text]
    assert urged and all(q.speaker_name and "Streamwell" not in q.speaker_name for q in urged)
    own = next(q for q in analysed["urged"].quotes if "stood by the series" in q.content.text)
    assert own.speaker_name == "Streamwell"


def test_who_after_a_description_stands_for_the_description_not_the_name_inside_it(analysed):
    speakers = set(_speakers(analysed["relative"]).values())
    assert "Mussolini" not in speakers
    assert any(s and s.startswith("husband of") for s in speakers)
    assert "Mara Lenti" in speakers


def test_a_passive_description_with_no_speaker_is_no_quote(analysed):
    contents = [q.content.text for q in analysed["passive"].quotes]
    assert not any("described as" in c or "inspired" in c or c.startswith("The series") for c in contents)
    quote = next(q for q in analysed["passive"].quotes if "told with care" in q.content.text)
    assert quote.speaker_name == "Tomas Reyes"


@pytest.mark.parametrize(("text", "span", "kept"), [
    ("Officials confirmed the plan.", (20, 23), False),  # "the": one word, no marks
    ("Port officials said on Monday.", (0, 19), False),  # the reporting clause alone
    ("The paper has endorsed Hillary Clinton.", (23, 38), False),  # a name is spoken of, not said
    ("« », a-t-elle dit.", (0, 3), False),  # no words at all
    ("She called it “reckless” on Monday.", (14, 24), True),  # one word, in quotation marks
    ("He said the plan would cost more than promised.", (8, 46), True),
])
def test_junk_contents_are_not_quotes(text, span, kept):
    cue = (text.find("confirmed"), text.find("confirmed") + 9) if "confirmed" in text else (0, 2)
    assert is_quote(text, Attribution(span, None, cue)) is kept


def test_tagged_spans_never_cut_a_word():
    found = presslens.analyse("Residents of Melton Mowbray and Millbrook said the move was unexpected, "
                              "according to Ines Alvarado-Whitcombe, who chairs the parish council.")
    text = "Residents of Melton Mowbray and Millbrook said the move was unexpected, according to Ines " \
           "Alvarado-Whitcombe, who chairs the parish council."
    for quote in found.quotes:
        for span in (quote.content, quote.speaker, quote.cue):
            if span:
                assert not (span.start > 0 and text[span.start - 1].isalnum() and text[span.start].isalnum())
                assert not (span.end < len(text) and text[span.end].isalnum() and text[span.end - 1].isalnum())
