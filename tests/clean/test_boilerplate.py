"""Boilerplate removal, measured on labelled lines (floors, not exact scores)."""

import pytest

from presslens.clean import classify_paragraphs, is_boilerplate
from presslens.clean.evaluate import read_jsonl, score_labelled_files, score_labelled_lines

from ..conftest import SAMPLE_CORPUS, TEST_DATA


def test_boilerplate_in_context_on_the_sample_corpus():
    score = score_labelled_files(read_jsonl(TEST_DATA / "boilerplate_labels.jsonl"), SAMPLE_CORPUS)
    assert score.true_positive + score.false_negative >= 40
    assert score.precision >= 0.95, score.mistakes
    assert score.recall >= 0.95, score.mistakes


def test_boilerplate_on_standalone_tricky_lines():
    score = score_labelled_lines(read_jsonl(TEST_DATA / "boilerplate_lines.jsonl"))
    assert score.precision >= 0.95, score.mistakes
    assert score.recall >= 0.9, score.mistakes


def test_boilerplate_on_held_out_lines():
    path = TEST_DATA / "boilerplate_heldout.jsonl"
    if not path.exists():
        pytest.skip("held-out set not written yet")
    score = score_labelled_lines(read_jsonl(path))
    assert score.precision >= 0.85, score.mistakes
    assert score.recall >= 0.75, score.mistakes


def test_boilerplate_on_the_shared_samples(shared_samples):
    score = score_labelled_files(
        read_jsonl(TEST_DATA / "shared_samples_boilerplate_labels.jsonl"), shared_samples)
    assert (score.false_positive, score.false_negative) == (0, 0), score.mistakes


@pytest.mark.parametrize(("line", "kind"), [
    ("Share this article", "share"),
    ("Advertisement", "promo"),
    ("Sign up to our morning newsletter", "call to action"),
    ("Photo: Reuters/Jane Doe", "credit"),
    ("Here is the Glasshouse trailer:", "embed"),
    ("bridge-crack-photo 2", "image name"),
    ("Home > News > World", "navigation"),
    ("BREAKING NEWS", "banner"),
])
def test_boilerplate_rule_kinds(line: str, kind: str):
    assert is_boilerplate(line) == kind


@pytest.mark.parametrize("line", [
    "Shares in the company fell 3% on Monday.",
    "Subscribers will pay an extra £2 a month from April, the company said.",
    '"We are not going anywhere," he said.',
    "Watch this space, the minister told reporters.",
])
def test_boilerplate_prose_is_kept(line: str):
    assert is_boilerplate(line) is None


def test_boilerplate_caption_under_an_image_name_is_removed():
    kinds = classify_paragraphs(["site-photo 1", "Crowds gathered at the harbour on Monday.",
                                 "The council said the bridge would reopen."])
    assert kinds == ["image name", "caption", None]


def test_boilerplate_embed_lead_in_before_a_quote_is_prose():
    assert classify_paragraphs(["Watch the video below:", '"This is a disgrace," she said.']) \
        == [None, None]
