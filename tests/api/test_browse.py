"""The web UI's read-only store queries (``store.browse``) on SQLite and PostgreSQL, checked against the
store's own counts over the sample corpus."""

from __future__ import annotations

from presslens.store import Store


def test_browse_queries_agree_with_the_store(corpus_url):
    with Store.open(corpus_url) as store:
        quoted = store.most_quoted(limit=1000)
        assert len(quoted) == store.count_quoted() > 0
        assert [q.quotes for q in quoted] == sorted((q.quotes for q in quoted), reverse=True)
        assert all(q.quotes == store.count_quotes(speaker_entity_id=q.entity_id) for q in quoted[:5])
        people = store.most_quoted(kind="person", search=quoted[0].name.split()[-1].upper())
        assert quoted[0].entity_id in {p.entity_id for p in people} and {p.kind for p in people} == {"person"}
        assert store.count_quoted(search="%") == 0  # wildcards are literal

        days = store.outlet_days()
        dated = [a for a in store.list_articles(limit=1000) if a.published]
        assert sum(n for *_key, n in days) == len(dated)

        top = store.top_speakers_by_outlet(3)
        assert all(len(rows) <= 3 and [n for *_k, n in rows] == sorted((n for *_k, n in rows), reverse=True)
                   for rows in top.values())
        assert set(top) <= {name for name, _n in store.outlet_counts()}

        stories = store.list_stories(limit=100)
        members = [m for s in stories for m in store.get_story(s.story_id).members]
        assert store.copies_of([m.article_id for m in members]) == {
            m.article_id: m.duplicate_of for m in members if m.duplicate_of}
        assert set(store.stories_by_id([s.story_id for s in stories])) == {s.story_id for s in stories}
        assert store.stories_by_id([]) == {}
