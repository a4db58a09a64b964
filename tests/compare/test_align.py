"""Quote alignment: classes, speakers, occasions, diffs, the fuzzy baseline, pair records and the CLI."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from presslens.cli import cli
from presslens.compare.align import QuoteSide, align, align_pairs, fuzzy_baseline, speakers_agree
from presslens.compare.text import fold
from presslens.errors import CompareError

FULL = ("We trust teenagers. They know the difference between a story and a lesson plan, and frankly they are "
        "tired of being told what they can handle.")


def side(text, speaker="Adrian Feld", context="", published=None, speaker_id=None):
    return QuoteSide(text, context or text, speaker, speaker_id, None, published)


@pytest.mark.parametrize(("other", "kind"), [
    ("“We trust Teenagers. They know the difference between a story and a lesson-plan, and frankly they are "
     "tired of being told what they can handle”", "verbatim"),
    ("They know the difference between a story and a lesson plan", "trimmed"),
    ("We trust teenagers ... they are tired of being told what they can handle.", "trimmed"),
    ("We trust young people. They know the difference between a story and a lesson plan, and they are "
     "tired of being told what they can handle.", "altered"),
    ("Nobody in Glasshouse gets away clean.", "different"),
])
def test_align_classes_without_embeddings(other, kind):
    result = align(side(FULL), side(other))
    assert result.kind == kind
    assert result.same_quote is (kind != "different")


def test_align_paraphrase_needs_meaning_and_a_known_speaker():
    paraphrase = "young viewers can tell drama from instruction and resent being patronised"
    assert align(side(FULL), side(paraphrase), cosine=None).kind == "different"
    same_speaker = align(side(FULL), side(paraphrase), cosine=0.8)
    assert same_speaker.kind == "paraphrase" and same_speaker.same_quote
    unknown = align(side(FULL), side(paraphrase, speaker=None), cosine=0.8)
    assert unknown.kind == "paraphrase" and not unknown.same_quote


def test_align_dropped_word_is_an_alteration_and_the_diff_shows_it():
    result = align(side("There is absolutely nothing edgy about the sexual exploitation of minors."),
                   side("There is absolutely nothing edgy about sexual exploitation of minors"))
    assert result.kind == "altered"
    assert [(d.op, d.a, d.b) for d in result.diff if d.op != "equal"] == [("delete", "the", "")]


def test_align_same_words_different_speakers_is_flagged_not_merged():
    result = align(side(FULL, speaker="Adrian Feld"), side(FULL, speaker="Tomas Reyne"))
    assert result.kind == "verbatim" and result.speaker_conflict and not result.same_quote
    assert align(side(FULL, speaker="Feld"), side(FULL, speaker="Adrian Feld")).same_quote
    assert align(side(FULL, speaker="she"), side(FULL, speaker="Adrian Feld")).same_quote


def test_align_repeated_line_at_another_event_is_another_quote():
    first = side(FULL, context=f"“{FULL}” he told the Gazette.", published=date(2026, 3, 6))
    conference = side(FULL, context=f"Speaking at the industry conference in Paris, Feld said: “{FULL}”",
                      published=date(2026, 3, 12))
    interview = side(FULL, context=f"At a screening in London, Feld said: “{FULL}”", published=date(2026, 3, 12))
    next_day = side(FULL, context=f"“{FULL}” Feld said.", published=date(2026, 3, 13))
    assert align(conference, next_day).same_quote  # one event named, the other silent: may well be it
    assert align(first, conference).same_quote  # the same words from Feld: one event named on one side is no proof
    reworded = FULL.replace("frankly", "honestly").replace("tired", "sick").replace("handle", "cope with")
    assert not align(side(reworded, context=f"“{reworded}” he told the Gazette.", published=date(2026, 3, 6)),
                     conference).same_quote  # words changed, published before the conference: cannot quote it
    result = align(conference, interview)
    assert result.other_occasion and not result.same_quote
    months_later = side(FULL, published=date(2026, 6, 1))
    assert align(first, months_later).same_quote  # the same words from one speaker: dates alone do not split
    reworded = side(FULL.replace("frankly they", "they"), published=date(2026, 6, 1))
    assert align(first, reworded).same_quote
    assert not align(side("We trust teenagers and their judgement", published=date(2026, 3, 6)),
                     side("We trust teenagers, and we trust their judgement on what to watch",
                          published=date(2026, 6, 1))).same_quote  # other words months apart: another occasion
    recalled = side(FULL, context=f"Feld had previously said: “{FULL}”", published=date(2026, 6, 1))
    assert align(first, recalled).same_quote


def test_speakers_agree_uses_ids_surnames_and_affiliation():
    assert speakers_agree(side("x", "Dawn Hawkins", speaker_id="person:dawn-hawkins"),
                          side("x", "Ms Hawkins", speaker_id="person:dawn-hawkins")) is True
    assert speakers_agree(side("x", "Dawn Hawkins"), side("x", "Lisa Thompson")) is False
    assert speakers_agree(side("x", None), side("x", "Lisa Thompson")) is None
    barmack = side("x", "Erik Barmack", context="Erik Barmack, VP of International Originals at Netflix, said")
    assert speakers_agree(barmack, side("x", "Netflix")) is True
    assert speakers_agree(side("x", "Dawn Hawkins", context="survivors of sex trafficking said"),
                          side("x", "survivors of sex trafficking")) is None


def test_fold_makes_spelling_and_marks_equal():
    assert fold("Glamorised") == fold("glamorized")
    assert fold("Centre") == fold("center")
    assert fold("15,000") == "15000"


def test_fuzzy_baseline_ignores_speakers():
    same, kind, score = fuzzy_baseline(side(FULL, "Adrian Feld"), side(FULL, "Tomas Reyne"))
    assert same and kind == "verbatim" and score == 1.0


def test_align_pairs_uses_embeddings_once_per_text():
    class CountingEncoder:
        calls = 0

        def encode(self, texts):
            import numpy as np
            CountingEncoder.calls += 1
            vectors = np.array([[1.0, float(len(t) % 3)] for t in texts], dtype=np.float32)
            return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    results = align_pairs([(side(FULL), side(FULL)), (side(FULL), side("other words entirely here"))],
                          CountingEncoder())
    assert CountingEncoder.calls == 1
    assert results[0].cosine == pytest.approx(1.0) and results[0].kind == "verbatim"


def _record(text_a, span_a, text_b, span_b, **extra):
    def part(text, span):
        start = text.index(span)
        return {"text": text, "start": start, "end": start + len(span), "speaker": "Adrian Feld"}
    return {"a": part(text_a, span_a), "b": part(text_b, span_b), **extra}


def test_cli_align_writes_one_result_per_pair(tmp_path):
    article_a = f"Feld said: “{FULL}”\nMore text."
    article_b = "He added that they know the difference between a story and a lesson plan, in his view."
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("\n".join(json.dumps(r) for r in [
        _record(article_a, FULL, article_b, "they know the difference between a story and a lesson plan"),
        _record(article_a, "More text", article_b, "in his view"),
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["align", "--pairs", str(pairs), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["same_quote"] for r in rows] == [True, False]
    assert rows[0]["class"] == "trimmed" and rows[1]["class"] == "different"
    assert {"score", "diff", "speaker_conflict"} <= set(rows[0])


def test_cli_align_bad_records_name_file_and_line(tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text('{"a": {"text": "abc", "start": 0, "end": 99}, "b": {"text": "abc"}}\n{oops\n',
                     encoding="utf-8")
    result = CliRunner().invoke(cli, ["align", "--pairs", str(pairs), "--out", str(tmp_path / "o.jsonl")])
    message = str(result.exception)
    assert isinstance(result.exception, CompareError)
    assert "E601" in message and "pairs.jsonl:line 1" in message and "do not fit" in message
    pairs.write_text('{"a": {"text": "abc"}, "b": {"text": "abd"}}\n{oops\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["align", "--pairs", str(pairs), "--out", str(tmp_path / "o.jsonl")])
    assert "E104" in str(result.exception) and "line 2" in str(result.exception)
    assert not (tmp_path / "o.jsonl").exists()


def test_one_person_spelt_two_ways_is_one_voice_but_two_people_of_one_surname_are_two():
    assert speakers_agree(side("x", "Raphael Sousa"), side("x", "Rafael Sousa")) is True
    assert speakers_agree(side("x", "Juergen Albers"), side("x", "Jürgen Albers")) is True
    assert speakers_agree(side("x", "John Smith"), side("x", "Jane Smith")) is False
    assert speakers_agree(side("x", "Daniel Okoro"), side("x", "Danielle Okoro")) is False


def test_class_accuracy_on_three_classes_counts_a_paraphrased_same_quote_as_altered():
    from presslens.compare.evaluate import score_alignments

    gold_same, gold_class = [True, True, True, False], ["altered", "trimmed", "verbatim", None]
    scores = score_alignments(gold_same, gold_class, [True, True, True, False],
                              ["paraphrase", "paraphrase", "verbatim", "different"])
    assert scores["class_accuracy"] == 1 / 3 and scores["class_accuracy_three"] == 2 / 3
    four = score_alignments([True], ["altered"], [True], ["paraphrase"])
    assert four["class_accuracy_three"] == 1.0
    labelled_paraphrase = score_alignments([True, True], ["paraphrase", "altered"], [True, True],
                                           ["paraphrase", "paraphrase"])
    assert labelled_paraphrase["class_accuracy_three"] == labelled_paraphrase["class_accuracy"] == 0.5


def test_a_word_or_two_quoted_from_the_whole_sentence_is_a_trimmed_version():
    whole = side("“The new closure plan is a disaster for the harbour towns,” said Helen Okafor.", "Helen Okafor")
    lifted = side("that the plan was a “disaster” for the towns along the coast", "Helen Okafor")
    result = align(whole, lifted, cosine=0.8)
    assert result.same_quote and result.kind == "trimmed"
    elsewhere = side("that the plan was a “catastrophe” for the towns along the coast", "Helen Okafor")
    assert align(whole, elsewhere, cosine=0.8).kind == "paraphrase"  # the word quoted is not in the sentence


def test_a_word_or_two_quoted_from_the_whole_sentence_is_trimmed():
    whole = side("“The council has treated this town like a spoiled child and it is not a serious plan,” Mora said.",
                 "Ines Mora")
    lifted = side('Mora accused the council of acting like a "spoiled child."', "Ines Mora")
    assert align(whole, lifted).kind == "trimmed"
    reworded = side('it would be “very hard” for the club to stay up if it loses on Saturday', "Ines Mora")
    said = side('"it will be very hard for us to stay up" if the club loses again', "Ines Mora")
    assert align(reworded, said).kind == "trimmed"
    other_speaker = side('Vance accused the council of acting like a "spoiled child."', "Piet Vance")
    assert not align(whole, other_speaker).same_quote


def test_two_reports_around_one_quoted_phrase_are_altered_not_trimmed():
    a = side("the spill had been “heavily diluted” by the time it reached the bay", "Ines Mora")
    b = side("the spill was „heavily diluted“ by the time it reached the bay at Portmere", "Ines Mora")
    assert align(a, b).kind == "altered"


def test_a_wrong_mark_for_an_apostrophe_is_still_verbatim():
    a = side('"Donald Trump\'s view could make both our countries less safe -- it plays into extremists\' hands,"')
    b = side("Donald Trump‘s view could make both our countries less safe - it plays into extremists’ hands,”")
    assert align(a, b).kind == "verbatim"


def test_an_organisation_the_person_speaks_of_is_not_theirs():
    lynch = side("the inquiry is free of political influence", "Loretta Lynch",
                 context="Attorney General Loretta Lynch is reaffirming that the FBI's inquiry is free of influence.")
    assert speakers_agree(lynch, side("x", "the FBI")) is None
    comey = side("x", "James Comey", context="James Comey, the director of the FBI, told reporters")
    assert speakers_agree(comey, side("x", "the FBI")) is True


def test_a_speech_and_an_interview_are_two_occasions():
    line = "We are the only campaign that has beaten him and can beat him"
    speech = side(f"“{line},”", "Ted Cruz", context=f"“{line},” Cruz said in a speech to supporters in Houston.")
    interview = side(f"“{line},”", "Ted Cruz", context=f"“{line},” Cruz said in an interview on ABC News.")
    assert align(speech, speech).same_quote
    assert not align(speech, interview).same_quote
