"""Stories in the store: the sample corpus's intended stories, the wire copy, determinism, the CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from presslens.cli import cli
from presslens.pipeline import ingest_paths, sample_corpus_paths, update_stories
from presslens.settings import Settings
from presslens.store import Store

from ..test_sample_corpus import ARTICLES, _stored_by_key


def _ingest(db, groups):
    settings = Settings(db_url=str(db))
    store = Store.open(settings.db_url)
    for paths in groups:
        report = ingest_paths(paths, store, settings)
        assert report.ok, report.errors
    return store, settings


@pytest.fixture(scope="module")
def story_store(tmp_path_factory):
    store, _ = _ingest(tmp_path_factory.mktemp("stories") / "stories.db", [sample_corpus_paths()])
    yield store
    store.close()


def _partition(store):
    stories = {}
    for article_id, story_id in ((a, s.story_id) for s in store.list_stories(limit=1000)
                                 for a in store.story_article_ids(s.story_id)):
        stories[article_id] = story_id
    return stories


def test_stories_sample_corpus_clusters_into_its_intended_storylines(story_store):
    """Each of the four storylines is one story, or events (stories of at most a few days) joined by one thread;
    no story or thread mixes two storylines. Glasshouse and the bridge run ten and seven days: several events."""
    by_key = _stored_by_key(story_store)
    predicted = _partition(story_store)
    unit_of = {story: story_store.thread_of_story(story) or story for story in set(predicted.values())}
    units: dict[str, set[str]] = {}
    events: dict[str, set[str]] = {}
    for key, expected in ARTICLES.items():
        story = predicted[by_key[key].article_id]
        units.setdefault(expected["story"], set()).add(unit_of[story])
        events.setdefault(expected["story"], set()).add(story)
    assert all(len(found) == 1 for found in units.values()), units
    assert len({next(iter(found)) for found in units.values()}) == len(units) == 4
    assert len(events["glasshouse"]) >= 2 and len(events["bridge"]) >= 2
    assert len(events["avel"]) == len(events["rovers"]) == 1
    for story in story_store.list_stories(limit=1000):
        assert (story.last_seen - story.first_seen).days <= 5, story


def test_stories_wire_copy_is_linked_to_its_original(story_store):
    by_key = _stored_by_key(story_store)
    copy, original = by_key["txt/northfieldecho_bridge_wire.txt#0"], by_key["jsonl/articles.jsonl#1"]
    story = story_store.get_story(copy.article_id)
    members = {m.article_id: m for m in story.members}
    assert members[copy.article_id].duplicate_of == original.article_id
    assert members[copy.article_id].containment >= 0.8
    assert sum(1 for m in story.members if m.duplicate_of) == 1 and story.duplicates == 1
    assert story.title and story.first_seen <= story.last_seen
    assert [m.published for m in story.members] == sorted(m.published for m in story.members)


def test_stories_same_whether_ingested_at_once_in_parts_or_reclustered(story_store, tmp_path):
    paths = sample_corpus_paths()
    parts, settings = _ingest(tmp_path / "parts.db", [paths[2:], paths[:2]])
    try:
        assert _partition(parts) == _partition(story_store)
        update_stories(parts, settings)
        assert _partition(parts) == _partition(story_store)
        assert [s.title for s in parts.list_stories()] == [s.title for s in story_store.list_stories()]
    finally:
        parts.close()


def test_stories_cli_lists_shows_and_filters_quotes(story_store, tmp_path):
    db = str(story_store.engine.url.database)
    listed = CliRunner().invoke(cli, ["--db", db, "stories", "--json"], catch_exceptions=False)
    assert listed.exit_code == 0, listed.output
    stories = json.loads(listed.output)
    assert [s["size"] for s in stories] == sorted((s["size"] for s in stories), reverse=True)
    biggest = stories[0]
    shown = CliRunner().invoke(cli, ["--db", db, "story", biggest["story_id"][:8], "--json"],
                               catch_exceptions=False)
    detail = json.loads(shown.output)
    assert detail["story_id"] == biggest["story_id"] and len(detail["articles"]) == biggest["size"]
    assert set(detail["outlets"]) == {a["outlet"] for a in detail["articles"]}
    missing = CliRunner().invoke(cli, ["--db", db, "story", "zzzzzz"])
    assert missing.exit_code != 0 and "no story matches" in str(missing.exception)
    searched = json.loads(CliRunner().invoke(cli, ["--db", db, "stories", "--search", "Glasshouse", "--json"]).output)
    assert len(searched) == 3 and all("Glasshouse" in s["title"] for s in searched)  # the storyline's three events
    quoted = json.loads(CliRunner().invoke(cli, ["--db", db, "quotes", "--story", searched[0]["story_id"], "--limit",
                                                 "1000", "--json"], catch_exceptions=False).output)
    members = set(story_store.story_article_ids(searched[0]["story_id"]))
    assert quoted and {q["article_id"] for q in quoted} <= members
    assert len(quoted) < story_store.count_quotes()
