"""Global fixtures: settings, a real SQLite store in a temp folder, the sample corpus, PostgreSQL.

Store and API tests run on both backends: ``backend`` is "sqlite" or "postgresql", and
``new_database(backend)`` gives the URL of a fresh, empty database (a file in the test's temp folder,
or ``presslens_test_<random>`` on the server from ``tests/pg.py``, dropped after the test).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presslens.pipeline import sample_corpus_paths
from presslens.settings import Settings
from presslens.store import Store

from . import pg

SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLE_CORPUS = Path(__file__).resolve().parents[1] / "src" / "presslens" / "sample_corpus"
TEST_DATA = Path(__file__).resolve().parent / "data"
BACKENDS = ["sqlite", "postgresql"]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    """Articles as a JSONL file, one record a line."""
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db_url=str(tmp_path / "presslens.db"))


@pytest.fixture
def store(settings: Settings):
    with Store.open(settings.db_url) as opened:
        yield opened


@pytest.fixture
def sample_paths() -> list[Path]:
    return sample_corpus_paths()


@pytest.fixture
def shared_samples() -> Path:
    samples = SHARED / "samples"
    if not samples.is_dir():
        pytest.skip("../shared/samples is not present")
    return samples


@pytest.fixture(scope="session")
def postgres_server():
    """The PostgreSQL server (see tests/pg.py); skips without one, fails without one on CI."""
    found = pg.find_server()
    if isinstance(found, str):
        reason = f"PostgreSQL not available: {found} (set {pg.ENV_URL} to a role that may create databases)"
        if pg.on_ci():
            pytest.fail(f"CI is set and the PostgreSQL tests cannot run. {reason}", pytrace=False)
        pytest.skip(reason)
    yield found
    found.close()


@pytest.fixture
def new_database(request: pytest.FixtureRequest, tmp_path: Path):
    """``new_database(backend)``: the URL of a fresh, empty database, gone after the test."""
    made: list[str] = []

    def make(backend: str) -> str:
        if backend == "sqlite":
            return str(tmp_path / f"presslens-{len(made)}.db")
        server = request.getfixturevalue("postgres_server")
        made.append(server.create_database())
        return made[-1]

    yield make
    if made:
        server = request.getfixturevalue("postgres_server")
        for url in made:
            server.drop_database(url)
