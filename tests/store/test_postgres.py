"""PostgreSQL only: migrations, tsvector search against FTS5, the connection pool, concurrent writers."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import QueuePool

from presslens.clean import clean_document
from presslens.errors import StoreError
from presslens.ingest import read_bytes
from presslens.records import Entity, Mention, Quote, Span
from presslens.settings import Settings
from presslens.store import Store
from presslens.store.engine import database_url

MIGRATIONS = "src/presslens/store/migrations"


def _article(text_: str, name: str = "a.txt", **fields):
    (doc,) = read_bytes(text_.encode(), name, Settings())
    for key, value in fields.items():
        setattr(doc, key, value)
    return clean_document(doc, Settings())


@pytest.fixture
def pg_url(new_database) -> str:
    return new_database("postgresql")


@pytest.fixture
def pg_store(pg_url):
    with Store.open(pg_url) as opened:
        yield opened


def _alembic(store: Store) -> tuple[Config, str]:
    from presslens import store as store_package

    config = Config()
    config.set_main_option("script_location", str(store_package._MIGRATIONS))
    return config, ScriptDirectory.from_config(config).get_current_head()


def test_migrations_upgrade_an_empty_database_to_head_and_are_idempotent(pg_url):
    with Store.open(pg_url) as store:
        config, head = _alembic(store)
        schema = _schema(store)
        with store.engine.connect() as conn:
            assert conn.scalar(text("SELECT version_num FROM alembic_version")) == head
            assert conn.scalar(text("SELECT count(*) FROM pg_ts_config WHERE cfgname = 'presslens'")) == 1
        with store.engine.begin() as conn:  # upgrading again changes nothing
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
        assert _schema(store) == schema
    with Store.open(pg_url) as again:  # and neither does opening again
        assert _schema(again) == schema
        with again.engine.begin() as conn:  # down to nothing and back up
            config.attributes["connection"] = conn
            command.downgrade(config, "base")
        assert set(inspect(again.engine).get_table_names()) == {"alembic_version"}
        again.upgrade()
        assert _schema(again) == schema


def _schema(store: Store) -> dict:
    found = inspect(store.engine)
    return {table: ([(c["name"], str(c["type"])) for c in found.get_columns(table)],
                    sorted(i["name"] for i in found.get_indexes(table)))
            for table in sorted(found.get_table_names())}


def test_stores_opening_a_new_database_at_once_migrate_it_once(pg_url):
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            Store.open(pg_url).close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors


def test_tsvector_search_ranks_title_matches_first_and_marks_snippets(pg_store):
    pg_store.add_articles([
        _article("Harbour news\n\nThe lighthouse on the pier was painted on 2026-03-04 by volunteers.\n", "1.txt"),
        _article("Lighthouse reopens\n\nVisitors returned to the pier on Sunday.\n", "2.txt"),
        _article("Ferry timetable\n\nThe ferry leaves at 7am from the Harbour-Bridge stop.\n", "3.txt"),
    ])
    hits = pg_store.search("lighthouse")
    assert [h.article.title for h in hits] == ["Lighthouse reopens", "Harbour news"]
    assert hits[1].snippet == "The «lighthouse» on the pier was painted on 2026-03-04 by volunteers."
    assert "«" not in hits[0].snippet  # the body holds no match; FTS5's snippet() shows the text unmarked too
    (date_hit,) = pg_store.search("03")  # words as FTS5's unicode61 cuts them: 2026, 03, 04
    assert "2026-«03»-04" in date_hit.snippet
    assert [h.article.title for h in pg_store.search("bridge")] == ["Ferry timetable"]
    # each word of a phrase is marked (FTS5 marks the phrase as one: «Harbour-Bridge»)
    assert pg_store.search('"harbour bridge"')[0].snippet == "The ferry leaves at 7am from the «Harbour»-«Bridge» stop."
    assert [h.article.title for h in pg_store.search("title:lighthouse")] == ["Lighthouse reopens"]
    assert [h.article.title for h in pg_store.search("pier NOT sunday")] == ["Harbour news"]
    assert len(pg_store.search("lightho*")) == 2
    assert [h.article.title for h in pg_store.search('title:(ferry OR harbour) AND "7am"')] == ["Ferry timetable"]


def test_search_agrees_with_sqlite_fts5(pg_store, new_database):
    """The same articles in the same order (bm25) for every query on both backends, FTS5 syntax and
    fallbacks included."""
    lite = Store.open(new_database("sqlite"))
    articles = [
        _article("Bridge closed\n\nThe harbour-bridge closed after a 4-metre crack was found on 2026-03-04.\n",
                 "1.txt"),
        _article("Club sold\n\nThe football club was sold to a new owner, Zürich's Émile Durand.\n", "2.txt"),
        _article("Council budget\n\nThe council said the bridge repair would cost £3,000,000 or more.\n", "3.txt"),
        _article("Ferry\n\nA free ferry crosses the harbour while the bridge is shut. Council staff help.\n", "4.txt"),
        _article("No title here but a long first line that is not a heading at all, it goes on and on.\n", "5.txt"),
    ]
    for store in (lite, pg_store):
        store.add_articles(articles)
    queries = ["bridge", "Bridge closed", '"harbour bridge"', "harbour-bridge", "title:bridge", "clean_text:bridge",
               "-title:bridge", "{title clean_text}:council", "bridge NOT council", "bridge OR club", "a OR b c",
               "(bridge OR ferry) NOT crack", "brid*", '"harbour bri"*', "NEAR(bridge crack)", "NEAR(ferry bridge, 3)",
               "NEAR(ferry bridge, 5)", "NEAR(crack bridge, 4)", "NEAR(crack bridge, 3)", "NEAR(crack brid*, 4)",
               "title:NEAR(bridge closed, 0)", "NEAR(council bridge)", "NEAR(bridge harbour, 0)",
               "zurich", "Zürich", "emile", "ÉMILE", "03", "4", "metre", "3,000,000", "football AND", "AND",
               'unbalanced "quote', "x_y", "club + sold", "Portmere's", "£", "!!!", 'bridge "!!!"', "nosuch:bridge",
               "title:(bridge) council", "bridge*  ", "NOT bridge", "staff council", "first line heading", "*"]
    try:
        for query in queries:
            found = [[h.article.article_id for h in store.search(query)] for store in (lite, pg_store)]
            if "NEAR" in query:  # bm25 counts only the words that stand near each other; the same articles
                found = sorted(found[0]), sorted(found[1])
            assert found[0] == found[1], query
        assert len(pg_store.search("zurich")) == 1  # accents do not count, as with remove_diacritics
    finally:
        lite.close()


def test_results_agree_with_sqlite_on_ties_nulls_and_case(pg_store, new_database):
    """Orders that SQLite left to chance are explicit; NULLs and bytewise text order as SQLite has them."""
    lite = Store.open(new_database("sqlite"))
    articles = [_article(f"Same day {i}\n\nText number {i} about the harbour.\n", f"{i}.txt",
                         published=date(2026, 3, 1 + i % 2), outlet=outlet)
                for i, outlet in enumerate(["beta", "Alpha", None, "alpha", "Zed", "Ärger", None, "_x"])]
    for store in (lite, pg_store):
        store.add_articles(articles)
    try:
        assert lite.outlet_counts() == pg_store.outlet_counts()
        assert [o for o, _ in pg_store.outlet_counts()] == ["(unknown)", "Alpha", "Zed", "_x", "alpha", "beta",
                                                            "Ärger"]
        for kwargs in ({}, {"outlet": "ALPHA"}, {"outlet": "ärger"}, {"since": date(2026, 3, 2)}, {"limit": 3,
                                                                                                  "offset": 2}):
            assert lite.list_articles(**kwargs) == pg_store.list_articles(**kwargs), kwargs
        prefix = articles[0].article_id[:6]
        assert pg_store.get_article(prefix.upper()) == lite.get_article(prefix.upper())
    finally:
        lite.close()


def test_pool_is_a_queue_pool_that_survives_a_killed_connection(pg_url, postgres_server):
    with Store.open(pg_url, pool_size=2) as store:
        pool = store.engine.pool
        assert isinstance(pool, QueuePool) and pool.size() == 2 and pool._max_overflow == 2
        assert store.engine.url.drivername == "postgresql+psycopg"
        with store.engine.connect() as conn:
            pid = conn.scalar(text("SELECT pg_backend_pid()"))
        _kill(postgres_server, pid)
        assert store.count_articles() == 0  # pre-ping finds the dead connection and opens another
        with store.engine.connect() as conn:
            assert conn.scalar(text("SELECT pg_backend_pid()")) != pid
    # without pre-ping the same kill reaches the caller: the test above tests something
    plain = create_engine(database_url(pg_url), poolclass=QueuePool, pool_size=1, pool_pre_ping=False)
    try:
        with plain.connect() as conn:
            pid = conn.scalar(text("SELECT pg_backend_pid()"))
        _kill(postgres_server, pid)
        with pytest.raises(OperationalError), plain.connect() as conn:
            conn.scalar(text("SELECT 1"))
    finally:
        plain.dispose()


def _kill(server, pid: int) -> None:
    with server.admin() as admin:
        assert admin.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0]
        for _ in range(50):
            if not admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
                return
            time.sleep(0.05)


def test_pool_size_comes_from_settings_and_environment(pg_url, monkeypatch):
    monkeypatch.setenv("PRESSLENS_DB_POOL_SIZE", "3")
    with Store.open(pg_url) as store:
        assert store.engine.pool.size() == 3
    with Store.open(Settings(db_url=pg_url, db_pool_size=7)) as store:
        assert store.engine.pool.size() == 7
    with pytest.raises(StoreError, match=r"E501.*PRESSLENS_DB_POOL_SIZE must be 1 or more"):
        Store.open(pg_url, pool_size=0)


def test_plain_postgresql_urls_use_psycopg_and_errors_hide_the_password():
    assert database_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert database_url("postgres://u:p@h:5433/db") == "postgresql+psycopg://u:p@h:5433/db"
    assert database_url("postgresql+psycopg://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"
    with pytest.raises(StoreError, match=r"\[E501\] cannot open the database postgresql\+psycopg://u:\*\*\*@") as err:
        Store.open("postgresql://u:secret-pw@127.0.0.1:1/nothing")
    assert "secret-pw" not in str(err.value)


def test_concurrent_writers_lose_nothing(pg_store):
    """Two threads add articles that share entities (new and stored ones) and quotes: every row arrives,
    every surface form is kept, nobody deadlocks or trips over a unique key."""
    shared = _article("Stone speaks\n\nCouncillor Mary Stone spoke.\n", "0.txt")
    pg_store.add_articles([shared], entities={shared.article_id: (
        [Entity("person:mary-stone", "person", "Mary Stone", [], ["Mary Stone"])],
        [Mention(shared.article_id, Span(0, 5, "Stone"), "person", "person:mary-stone")])})
    errors: list[BaseException] = []

    def writer(prefix: str) -> None:
        try:
            for batch in range(10):
                articles = [_article(f"{prefix} report {batch}-{i}\n\n\"We will decide soon,\" said Mary Stone "
                                     f"of {prefix}.\n", f"{prefix}{batch}{i}.txt", outlet=f"{prefix} Post",
                                     url=f"https://{prefix.lower()}.example/{batch}/{i}") for i in range(4)]
                quotes, entities = {}, {}
                for article in articles:
                    raw = article.raw_text
                    start = raw.index('"')
                    end = raw.index('"', start + 1) + 1
                    quotes[article.article_id] = [Quote(article.article_id, Span(start, end, raw[start:end]), "direct",
                                                        speaker_name="Mary Stone",
                                                        speaker_entity_id="person:mary-stone")]
                    entities[article.article_id] = (
                        [Entity("person:mary-stone", "person", "Mary Stone", [f"{prefix} speaker"],
                                [f"Stone of {prefix}"]),
                         Entity(f"organisation:{prefix.lower()}-{batch}", "organisation", prefix, [], [prefix]),
                         Entity("place:harbour", "place", "Harbour", [], [f"harbour {prefix}"])],
                        [Mention(article.article_id, Span(0, 1, raw[0]), "person", "person:mary-stone"),
                         Mention(article.article_id, Span(0, 1, raw[0]), "place", "place:harbour")])
                assert all(pg_store.add_articles(articles, quotes, "test", entities))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(name,)) for name in ("Alpha", "Beta")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert pg_store.count_articles() == 81 and pg_store.count_quotes() == 80
    stone = pg_store.get_entity("person:mary-stone")
    assert {"Mary Stone", "Stone of Alpha", "Stone of Beta"} <= set(stone.forms)
    assert {"Alpha speaker", "Beta speaker"} <= set(stone.roles)
    assert stone.mentions == 81
    assert set(pg_store.get_entity("place:harbour").forms) == {"harbour Alpha", "harbour Beta"}
    assert dict(pg_store.outlet_counts()) == {"Alpha Post": 40, "Beta Post": 40, "(unknown)": 1}
