"""An app over a real SQLite file built from the sample corpus, shared by the API and browser tests."""

from __future__ import annotations

import pytest

from presslens.pipeline import ingest_paths, sample_corpus_paths
from presslens.settings import Settings
from presslens.store import Store

TOKEN = "test-token-0123456789"


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("api") / "corpus.db"
    settings = Settings(db_url=str(db))
    with Store.open(settings.db_url) as store:
        assert ingest_paths(sample_corpus_paths(), store, settings).ok
    return db


@pytest.fixture(scope="session")
def client(corpus_db):
    from fastapi.testclient import TestClient

    from presslens.api import create_app

    with TestClient(create_app(Settings(db_url=str(corpus_db)))) as test_client:
        yield test_client
