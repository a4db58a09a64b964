"""Threads on a real store (SQLite and PostgreSQL): a storyline cut into two stories is joined again by one thread,
stored, and served by the CLI and the REST API."""

from __future__ import annotations

from click.testing import CliRunner
from fastapi.testclient import TestClient

from presslens.api import create_app
from presslens.cli import cli
from presslens.cli.main import exit_status
from presslens.records import Story, StoryLink
from presslens.settings import Settings
from presslens.store import Store
from presslens.stories.update import update_threads


def _split_biggest_story(store: Store) -> tuple[str, str, str]:
    """Cut the biggest story (the Glasshouse storyline) in two at its middle date; returns both ids and another."""
    stories = store.list_stories(limit=100)
    biggest, other = stories[0], stories[1]
    members = sorted(store.get_story(biggest.story_id).members, key=lambda m: (m.published, m.position))
    half = len(members) // 2
    parts = [members[:half], members[half:]]
    kept = [s for s in stories if s.story_id != biggest.story_id]
    records = [Story(s.story_id, s.title, store.story_article_ids(s.story_id), s.outlets, s.first_seen, s.last_seen)
               for s in kept]
    links = [StoryLink(a, s.story_id, n) for s in records for n, a in enumerate(s.article_ids)]
    for part in parts:
        ids = [m.article_id for m in part]
        records.append(Story(ids[0], part[0].title, ids, sorted({m.outlet for m in part}), part[0].published,
                             part[-1].published))
        links += [StoryLink(a, ids[0], n) for n, a in enumerate(ids)]
    store.replace_stories(records, links)
    return parts[0][0].article_id, parts[1][0].article_id, other.story_id


def test_a_storyline_cut_into_two_stories_is_one_thread_in_the_store_cli_and_api(corpus_copy):
    url = corpus_copy()
    with Store.open(url) as store:
        first, second, other = _split_biggest_story(store)
        assert update_threads(store) >= 1
        thread_id = store.thread_of_story(first)
        assert thread_id == first and store.thread_of_story(second) == thread_id
        assert store.thread_of_story(other) != thread_id
        thread = store.get_thread(second)  # a story id finds its thread
        assert [s.story_id for s in thread.stories] == [first, second] and thread.size == 2
        assert thread.first_seen <= thread.last_seen and thread.articles == sum(s.size for s in thread.stories)
        assert thread_id in {t.thread_id for t in store.list_threads()}

    listing = CliRunner().invoke(cli, ["--db", url, "threads", "--json"], catch_exceptions=False)
    assert listing.exit_code == 0 and thread_id in listing.output
    shown = CliRunner().invoke(cli, ["--db", url, "story", second], catch_exceptions=False)
    assert f"Part of thread {thread_id[:10]}" in shown.output
    missing = CliRunner().invoke(cli, ["--db", url, "thread", "no-such-thread"])
    assert missing.exception.code == "E512" and exit_status(missing.exception) == 4

    with TestClient(create_app(Settings(db_url=url))) as client:
        items = client.get("/api/v1/threads").json()["items"]
        assert thread_id in [t["thread_id"] for t in items]
        one = client.get(f"/api/v1/threads/{thread_id[:8]}").json()
        assert [s["story_id"] for s in one["stories"]] == [first, second]
        assert client.get(f"/api/v1/stories/{second}").json()["thread_id"] == thread_id
        assert client.get("/api/v1/threads/zzzzzzzz").status_code == 404
        page = client.get(f"/stories/{second}").text
        assert "Part of a running storyline" in page and f'href="/stories/{first}"' in page
