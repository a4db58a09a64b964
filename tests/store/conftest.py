"""Every store test runs on SQLite and on PostgreSQL: ``settings`` (and so ``store``) per backend."""

from __future__ import annotations

import pytest

from presslens.settings import Settings

from ..conftest import BACKENDS


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def settings(backend: str, new_database) -> Settings:
    return Settings(db_url=new_database(backend))
