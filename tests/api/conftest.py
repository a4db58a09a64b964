"""The sample corpus ingested by the pipeline, on SQLite (shared by the API, hostile, fuzz and browser tests)
and on PostgreSQL; ``client`` serves it from each backend in turn."""

from __future__ import annotations

import shutil

import pytest

from presslens.pipeline import ingest_paths, sample_corpus_paths
from presslens.settings import Settings
from presslens.store import Store

from ..conftest import BACKENDS

TOKEN = "test-token-0123456789"


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("api") / "corpus.db"
    settings = Settings(db_url=str(db))
    with Store.open(settings.db_url) as store:
        assert ingest_paths(sample_corpus_paths(), store, settings).ok
    return db


@pytest.fixture(scope="session")
def pg_corpus_template(postgres_server):
    """The sample corpus in a PostgreSQL database that nothing stays connected to: copies are made from it."""
    url = postgres_server.create_database("corpus")
    settings = Settings(db_url=url)
    with Store.open(settings.db_url) as store:
        assert ingest_paths(sample_corpus_paths(), store, settings).ok
    yield url
    postgres_server.drop_database(url)


@pytest.fixture(scope="session")
def pg_corpus_url(postgres_server, pg_corpus_template):
    """A copy of the PostgreSQL corpus for read-only tests."""
    url = postgres_server.create_database("read", template=_name(pg_corpus_template))
    yield url
    postgres_server.drop_database(url)


@pytest.fixture(scope="session", params=BACKENDS)
def corpus_url(request: pytest.FixtureRequest) -> str:
    """The sample corpus on each backend: a SQLite file path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("corpus_db"))
    return request.getfixturevalue("pg_corpus_url")


@pytest.fixture
def corpus_copy(request: pytest.FixtureRequest, corpus_url: str, tmp_path):
    """``corpus_copy()``: a fresh writable copy of the corpus on the backend of ``corpus_url``."""
    count = [0]

    def copy() -> str:
        count[0] += 1
        if not corpus_url.startswith("postgresql"):
            db = tmp_path / f"copy-{count[0]}.db"
            shutil.copy(corpus_url, db)
            return str(db)
        template = request.getfixturevalue("pg_corpus_template")
        return request.getfixturevalue("new_database_from")(template)

    return copy


@pytest.fixture
def new_database_from(request: pytest.FixtureRequest):
    """``new_database_from(url)``: a PostgreSQL copy of that database, dropped after the test."""
    made: list[str] = []
    server = request.getfixturevalue("postgres_server")

    def make(url: str) -> str:
        made.append(server.create_database("copy", template=_name(url)))
        return made[-1]

    yield make
    for url in made:
        server.drop_database(url)


@pytest.fixture(scope="session")
def client(corpus_url):
    from fastapi.testclient import TestClient

    from presslens.api import create_app

    with TestClient(create_app(Settings(db_url=corpus_url))) as test_client:
        yield test_client


def _name(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).database
