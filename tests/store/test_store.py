import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from presslens.clean import clean_document
from presslens.errors import StoreError
from presslens.ingest import read_bytes
from presslens.pipeline import ingest_paths
from presslens.settings import Settings
from presslens.store import Store


def _article(text: str, name: str = "a.txt", **fields):
    (doc,) = read_bytes(text.encode(), name, Settings())
    for key, value in fields.items():
        setattr(doc, key, value)
    return clean_document(doc, Settings())


def test_store_creates_schema(backend: str, settings: Settings, store: Store):
    tables = set(inspect(store.engine).get_table_names())
    assert {"articles", "outlets", "quotes", "entities", "mentions", "stories", "story_links", "article_vectors",
            "alembic_version"} <= tables
    if backend == "sqlite":
        conn = sqlite3.connect(settings.db_url)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"articles_fts", "quotes_fts", "articles_stem_fts", "quotes_stem_fts"} <= tables
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    else:
        with store.engine.connect() as conn:
            indexes = dict(conn.execute(text("SELECT indexname, indexdef FROM pg_indexes"
                                             " WHERE indexname LIKE :p"), {"p": "%search%"}).all())
        gin = {name: definition for name, definition in indexes.items() if "USING gin" in definition}
        assert set(gin) == {"ix_articles_search", "ix_quotes_search", "ix_articles_search_stem",
                            "ix_quotes_search_stem"}
        assert all(definition.endswith(f"({name.split('_', 2)[2]})") for name, definition in gin.items())


def test_store_round_trips_an_article(store: Store):
    article = _article("A title line\n\nBody “quoted” text.\n", published=date(2026, 3, 2))
    assert store.add_articles([article]) == [True]
    assert store.get_article(article.article_id) == article
    assert store.get_article(article.article_id[:6]) == article


def test_store_same_article_twice_stores_nothing_new(store: Store):
    article = _article("Some body text for the article.\n")
    assert store.add_articles([article, article]) == [True, False]
    assert store.add_articles([article]) == [False]
    assert store.count_articles() == 1


def test_store_unknown_article_is_a_clear_error(store: Store):
    with pytest.raises(StoreError, match=r"\[E502\] no article matches 'ffff'"):
        store.get_article("ffff")


def test_store_learns_outlet_names_from_domains(store: Store):
    by_domain = _article("Text one.\n\nArticle from: https://www.gazette.example/x\n", "x.txt")
    assert by_domain.outlet == "gazette.example"
    store.add_articles([by_domain])
    named = _article("Text two.\n", "y.txt", outlet="The Gazette", url="https://gazette.example/y")
    store.add_articles([named])
    assert store.outlet_counts() == [("The Gazette", 2)]
    later = _article("Text three.\n\nArticle from: https://gazette.example/z\n", "z.txt")
    store.add_articles([later])
    assert store.list_articles(outlet="the gazette", limit=10)[0].outlet == "The Gazette"
    assert store.outlet_counts() == [("The Gazette", 3)]


def test_store_full_text_search(store: Store):
    store.add_articles([
        _article("Bridge closed\n\nThe harbour bridge closed after a crack was found.\n", "1.txt"),
        _article("Club sold\n\nThe football club was sold to a new owner.\n", "2.txt"),
    ])
    (hit,) = store.search("crack")
    assert hit.article.title == "Bridge closed" and "«crack»" in hit.snippet
    assert len(store.search("bridge OR club")) == 2
    assert store.search('"harbour bridge"')[0].article.title == "Bridge closed"
    assert store.search('unbalanced "quote') == []
    assert store.search("   ") == []
    assert store.search("football AND")  # a broken FTS query falls back to plain words


def test_store_reingest_of_a_folder_is_idempotent(tmp_path: Path, store: Store, settings: Settings):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(f"Headline {i} here\n\nBody number {i}.\n")
    assert ingest_paths([folder], store, settings).added == 3
    again = ingest_paths([folder], store, settings)
    assert (again.added, again.already_stored) == (0, 3)
    assert store.count_articles() == 3


def test_store_bad_url_is_a_clear_error():
    with pytest.raises(StoreError, match=r"\[E501\] cannot open the database"):
        Store.open("nosuchdriver://x/y")


def test_store_holds_nul_as_replacement_character(store: Store):
    """PostgreSQL refuses NUL in text: both backends keep it as U+FFFD (one character, offsets unchanged)."""
    article = _article("Body text here.\n", title="Nul\x00title", outlet="Out\x00let")
    assert store.add_articles([article]) == [True]
    stored = store.get_article(article.article_id)
    assert (stored.title, stored.outlet) == ("Nul\ufffdtitle", "Out\ufffdlet")
    assert [a.article_id for a in store.list_articles(outlet="out\x00let")] == [article.article_id]
    assert store.list_quotes(outlet="\x00", kind="\x00", article_id="\x00") == []
    with pytest.raises(StoreError, match="E502"):
        store.get_article("abcd\x00")


def test_store_orders_nulls_and_text_alike(store: Store):
    """Orders spelled out: NULL outlets first, text bytewise (as SQLite's BINARY), ties by arrival."""
    for i, outlet in enumerate(["beta", "Alpha", None, "alpha", "Zed", "Ärger", None, "_x"]):
        store.add_articles([_article(f"Same day {i}\n\nText {i}.\n", f"{i}.txt", outlet=outlet,
                                     published=date(2026, 3, 1))])
    assert store.outlet_counts() == [("(unknown)", 2), ("Alpha", 1), ("Zed", 1), ("_x", 1), ("alpha", 1),
                                     ("beta", 1), ("Ärger", 1)]
    assert [a.title for a in store.list_articles()] == [f"Same day {i}" for i in range(8)]
    assert {a.outlet for a in store.list_articles(outlet="ALPHA")} == {"Alpha", "alpha"}
    assert store.list_articles(outlet="ärger") == []  # lower() folds ASCII only, on both backends
