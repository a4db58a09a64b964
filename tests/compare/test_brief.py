"""The story brief: the two shared sample articles, the sample corpus in a real SQLite store, the CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from presslens.cli import cli
from presslens.compare import brief_markdown, story_brief
from presslens.pipeline import ingest_paths, sample_corpus_paths
from presslens.settings import Settings
from presslens.store import Store


def _store(db, paths):
    settings = Settings(db_url=str(db))
    store = Store.open(settings.db_url)
    report = ingest_paths(paths, store, settings)
    assert report.ok, report.errors
    return store


@pytest.fixture(scope="module")
def samples_brief(tmp_path_factory):
    from ..conftest import SHARED
    samples = SHARED / "samples"
    if not samples.is_dir():
        pytest.skip("../shared/samples is not present")
    store = _store(tmp_path_factory.mktemp("brief") / "samples.db", [samples])
    assert store.count_stories() == 1
    brief = story_brief(store.story_material(store.list_stories()[0].story_id))
    store.close()
    return brief


def test_brief_both_outlets_quote_barmacks_edgy_remark(samples_brief):
    groups = [g for g in samples_brief.quote_groups if g.speaker == "Erik Barmack"]
    assert len(groups) == 1 and len(groups[0].outlets) == 2
    assert all("edgy" in v.text for v in groups[0].versions)


def test_brief_same_organisation_spelt_differently_different_voices(samples_brief):
    ncose = [o for o in samples_brief.organisations if o.entity_id.endswith("national-center-on-sexual-exploitation")]
    assert len(ncose) == 1 and ncose[0].different_voices
    assert sorted(p for people in ncose[0].speakers.values() for p in people) == ["Dawn Hawkins", "Lisa Thompson"]
    spellings = {s for forms in ncose[0].spellings.values() for s in forms}
    assert any("Centre" in s for s in spellings) and any("Center" in s for s in spellings)


def test_brief_letter_signatories_differ_between_outlets(samples_brief):
    letter = [f for f in samples_brief.facts if any("56 campaigners" in v.text for v in f.values)]
    assert len(letter) == 1 and letter[0].status == "differs"
    assert any(v.text.startswith("a group of") and "survivors" in v.text for v in letter[0].values)


def test_brief_lists_what_each_outlet_alone_reports(samples_brief):
    terms = {(u.outlet, t) for u in samples_brief.unique for t in u.terms}
    assert ("article_003.txt", "Mussolini") in terms
    assert ("article_003.txt", "Kevin Spacey") in terms
    assert ("article_000.txt", "Insatiable") in terms


def test_brief_markdown_names_everything(samples_brief):
    text = brief_markdown(samples_brief)
    for needle in ("Erik Barmack", "Lisa Thompson", "Dawn Hawkins", "56 campaigners", "a group of",
                   "Mussolini", "Kevin Spacey", "Insatiable", "## Only in one outlet"):
        assert needle in text


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("brief") / "corpus.db"
    _store(db, sample_corpus_paths()).close()
    return db


def test_brief_sample_corpus_story_flags_planted_conflicts(corpus_db):
    with Store.open(str(corpus_db)) as store:
        bridge = next(s for s in store.list_stories() if "Bridge" in s.title)
        material = store.story_material(bridge.story_id)
        brief = story_brief(material)
    assert brief.copies  # the wire copy is set aside, not compared
    crack = [f for f in brief.facts if f.dimension == "length" and any("crack" in v.text for v in f.values)]
    assert crack and crack[0].status == "conflict"
    articles = {a.article_id: a for a in material.articles}
    for fact in brief.facts:
        for value in fact.values:
            if value.article_id:
                assert value.text in articles[value.article_id].raw_text[value.start:value.end + 1]
    for group in brief.quote_groups:
        for version in group.versions:
            assert articles[version.article_id].raw_text[version.start:version.end] == version.text


def test_cli_story_format_md_and_json(corpus_db):
    runner = CliRunner()
    listing = runner.invoke(cli, ["--db", str(corpus_db), "stories", "--json"])
    story_id = json.loads(listing.output)[0]["story_id"]
    md = runner.invoke(cli, ["--db", str(corpus_db), "story", story_id[:8], "--format", "md"])
    assert md.exit_code == 0, md.output
    assert md.output.startswith("# ") and "## Outlets" in md.output and "## Facts and numbers" in md.output
    data = json.loads(runner.invoke(cli, ["--db", str(corpus_db), "story", story_id, "--format", "json"]).output)
    assert data["story_id"] == story_id
    assert {"outlets", "people", "quoted_by", "aligned_quotes", "facts", "unique"} <= set(data)
    missing = runner.invoke(cli, ["--db", str(corpus_db), "story", "zzzzzz", "--format", "md"])
    assert missing.exit_code != 0 and "E505" in str(missing.exception)
