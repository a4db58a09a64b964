"""Quotation-mark scanning, the rule baseline, linking and speaker resolution."""

from __future__ import annotations

import pytest

from presslens.quotes import quote_kind
from presslens.quotes.linking import Attribution, link
from presslens.quotes.rules import find_quotes, quoted_segments
from presslens.quotes.speakers import Person, Speaker, apposition_role, find_channel, resolve_speaker
from presslens.quotes.tagging import TaggedSpan


def segment_texts(text: str) -> list[str]:
    return [text[s.start:s.end] for s in quoted_segments(text)]


@pytest.mark.parametrize("text, expected", [
    ('He said "yes we can" today.', ['"yes we can"']),
    ("He said “yes we can” today.", ["“yes we can”"]),
    ("Il a dit « oui nous pouvons » hier.", ["« oui nous pouvons »"]),
    ("Er sagte „ja wir können“ gestern.", ["„ja wir können“"]),
    ("“There are no ‘baby prostitutes’ here,” she said.", ["“There are no ‘baby prostitutes’ here,”"]),
])
def test_rules_quoted_segments_handle_every_mark(text, expected):
    assert segment_texts(text) == expected


def test_rules_quote_running_over_paragraphs_continues_at_reopening_mark():
    text = "She said: “First paragraph of the quote.\n\n“Second paragraph,” she went on.\n\nAfter."
    (segment,) = quoted_segments(text)
    assert text[segment.start:segment.end] == "“First paragraph of the quote.\n\n“Second paragraph,”"
    assert segment.closed


@pytest.mark.parametrize("text", [
    'An "unbalanced quote that never ends', '"""', "“”", '" " "', "‘’‘", "«", "\n\n“\n\n”", "",
    'He said "a" "b" "c', "a" * 5 + "“" * 100 + "b",
])
def test_rules_never_raise_on_odd_marks(text):
    for segment in quoted_segments(text):
        assert 0 <= segment.start < segment.end <= len(text)
    for found in find_quotes(text):
        assert 0 <= found.content[0] <= found.content[1] <= len(text)


def test_rules_find_direct_quote_with_speaker_after():
    text = '"We will fight this all the way," said Jane Doe, the mayor.'
    (found,) = find_quotes(text)
    assert text[found.source[0]:found.source[1]] == "Jane Doe"
    assert text[found.cue[0]:found.cue[1]] == "said"


def test_rules_find_colon_introduced_quote():
    text = 'To which Hawkins now replies: "There is absolutely nothing edgy about it."'
    (found,) = find_quotes(text)
    assert text[found.source[0]:found.source[1]] == "Hawkins"
    assert text[found.cue[0]:found.cue[1]] == "replies"


def test_rules_find_reported_speech():
    text = "The minister said that the bridge would reopen in May."
    (found,) = find_quotes(text)
    assert text[found.content[0]:found.content[1]].startswith("the bridge would reopen")
    assert text[found.source[0]:found.source[1]] == "The minister"


def test_linking_joins_content_to_nearest_cue_and_its_source():
    text = "Smith said that taxes will rise. Jones added that they would not."
    spans = [TaggedSpan("source", 0, 5), TaggedSpan("cue", 6, 10), TaggedSpan("content", 11, 31),
             TaggedSpan("source", 33, 38), TaggedSpan("cue", 39, 44), TaggedSpan("content", 45, 64)]
    first, second = link(text, spans)
    assert (first.source, first.cue) == ((0, 5), (6, 10))
    assert (second.source, second.cue) == ((33, 38), (39, 44))


def test_linking_prefers_cue_inside_a_split_quote():
    text = '"We are ready," she said, "and we will win."'
    spans = [TaggedSpan("content", 0, len(text)), TaggedSpan("source", 16, 19), TaggedSpan("cue", 20, 24)]
    (found,) = link(text, spans)
    assert found.cue == (20, 24) and found.source == (16, 19)


def test_linking_crosses_a_paragraph_after_a_colon_only():
    text = "Caddell continued:\n\nThe issue is partisan.\n\nOther news."
    spans = [TaggedSpan("source", 0, 7), TaggedSpan("cue", 8, 18), TaggedSpan("content", 20, 42),
             TaggedSpan("content", 44, 55)]
    first, second = link(text, spans)
    assert first.cue == (8, 18) and first.source == (0, 7)
    assert second.cue is None


@pytest.mark.parametrize("text, kind", [
    ('"We are ready," she said.', "direct"),
    ('She said the plan was "ready" and safe.', "mixed"),
    ("She said the plan was ready.", "indirect"),
    ('"We are ready," she said, "and we will win."', "direct"),
])
def test_quote_kind_from_marks(text, kind):
    source = text.find("she")
    cue = text.find("said")
    attribution = Attribution((0, len(text)), (source, source + 3) if source >= 0 else None, (cue, cue + 4))
    if kind != "direct":
        attribution = Attribution((text.index("the plan"), len(text) - 1))
    assert quote_kind(text, attribution) == kind


TEXT = ("Dawn Hawkins, executive director of the National Center on Sexual Exploitation, spoke. "
        "Later Hawkins replied. Then she added more.")
PEOPLE = [Person(0, 12, "Dawn Hawkins"), Person(TEXT.index("Hawkins replied"), TEXT.index(" replied"), "Hawkins"),
          Person(TEXT.index("the National"), TEXT.index(", spoke"), "the National Center on Sexual Exploitation",
                 "organisation")]


def test_speakers_surname_resolves_to_full_name_with_role():
    start = TEXT.index("Hawkins replied")
    speaker = resolve_speaker(TEXT, (start, start + 7), PEOPLE)
    assert speaker == Speaker("Dawn Hawkins", "executive director of the National Center on Sexual Exploitation")


def test_speakers_pronoun_resolves_to_nearest_person():
    start = TEXT.index("she added")
    assert resolve_speaker(TEXT, (start, start + 3), PEOPLE).name == "Dawn Hawkins"


def test_speakers_generic_noun_resolves_to_organisation():
    text = TEXT + " The organization claims otherwise."
    start = text.index("The organization")
    speaker = resolve_speaker(text, (start, start + len("The organization")), PEOPLE)
    assert speaker.name == "National Center on Sexual Exploitation"


def test_speakers_role_prefix_inside_span():
    text = "White House spokesman Josh Earnest said so."
    speaker = resolve_speaker(text, (0, 34), [Person(22, 34, "Josh Earnest")])
    assert speaker == Speaker("Josh Earnest", "White House spokesman")


def test_speakers_apposition_needs_a_role_word():
    text = "Erik Barmack, VP of International Originals at Netflix, said"
    assert apposition_role(text, 12) == "VP of International Originals at Netflix"
    assert apposition_role("Erik Barmack, who smiled, said", 12) is None


def test_speakers_channel_from_the_cue_sentence():
    text = "In a letter to executives, the survivors accused Netflix of double standards."
    assert find_channel(text, 0, len(text)) == "letter"
    assert find_channel("She tweeted that it was fine.", 0, 28) == "tweet"
    assert find_channel("She said it was fine.", 0, 20) is None


def test_a_pronoun_speaker_is_a_whole_word_not_the_start_of_a_name():
    from presslens.quotes.rules import find_quotes

    text = '"The ferry is late," said Helen Okafor. "It will run again," said he.'
    speakers = [text[a.source[0]:a.source[1]] for a in find_quotes(text)]
    assert speakers[0].startswith("Helen Okafor") and speakers[1] == "he"
