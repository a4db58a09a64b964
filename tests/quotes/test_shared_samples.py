"""``presslens extract`` on the two real articles in ../shared/samples (skips without them).

The expected list was written by reading the articles: every quotation and report
of what someone said or wrote, with the speaker a reader would name.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from presslens.clean import QUOTE_TABLE
from presslens.cli import cli

from ..conftest import SHARED

NCOSE = "National Center on Sexual Exploitation"
EXPECTED = {
    "article_000.txt": [
        (NCOSE, "portrays a group of teenagers entering into prostitution"),
        (NCOSE, "the mother of one of the teenagers was arrested"),
        ("Dawn Hawkins", "Despite being at ground zero of the #MeToo movement"),
        ("Dawn Hawkins", "Despite the outcry from survivors of sex trafficking"),
        ("Erik Barmack", "We are proud to continue to invest in original content"),
        ("Dawn Hawkins", "There is absolutely nothing 'edgy' about the sexual exploitation"),
    ],
    "article_003.txt": [
        ("56 campaigners, social-services providers and survivors", "There are no 'baby prostitutes'"),
        ("Lisa Thompson", "Netflix recently fired Kevin Spacey"),
        ("Erik Barmack", "edgy"),
        ("Netflix", "fictional coming-of-age story"),
    ],
}
ROLES = {
    "Dawn Hawkins": "executive director of the National Center on Sexual Exploitation",
    "Erik Barmack": "VP of International Originals at Netflix",
    "Lisa Thompson": "Vice President of the US based National Centre on Sexual Exploitation",
}


def _squash(text: str) -> str:
    return " ".join(text.translate(QUOTE_TABLE).split())


@pytest.fixture(scope="module")
def extracted():
    samples = SHARED / "samples"
    if not samples.is_dir():
        pytest.skip("../shared/samples is not present")
    runner = CliRunner()
    out = {}
    for name in EXPECTED:
        result = runner.invoke(cli, ["extract", str(samples / name)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        out[name] = json.loads(result.output)
    return out


@pytest.mark.parametrize("name, speaker, opening",
                         [(name, s, o) for name, pairs in EXPECTED.items() for s, o in pairs])
def test_shared_samples_every_quote_has_its_speaker(extracted, name, speaker, opening):
    quotes = extracted[name]["quotes"]
    matches = [q for q in quotes if _squash(opening) in _squash(q["content"]["text"])]
    assert matches, f"no quote holds {opening!r}: {[q['content']['text'][:50] for q in quotes]}"
    assert any(q["speaker_name"] == speaker for q in matches), [q["speaker_name"] for q in matches]


def test_shared_samples_roles_and_channel(extracted):
    quotes = [q for result in extracted.values() for q in result["quotes"]]
    for person, role in ROLES.items():
        assert any(q["speaker_name"] == person and q["speaker_role"] == role for q in quotes), person
    letter = next(q for q in quotes if "baby prostitutes" in q["content"]["text"])
    assert letter["channel"] == "letter"


def test_shared_samples_spans_point_into_the_file(extracted, shared_samples):
    for name, result in extracted.items():
        raw = (shared_samples / name).read_text(encoding="utf-8")
        for quote in result["quotes"]:
            for part in ("content", "speaker", "cue"):
                span = quote[part]
                if span:
                    assert raw[span["start"]:span["end"]] == span["text"]
        assert "netflix teen sex scandel" not in result["clean_text"]
