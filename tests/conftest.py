"""Global fixtures: settings, a real SQLite store in a temp folder, the sample corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from presslens.pipeline import sample_corpus_paths
from presslens.settings import Settings
from presslens.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLE_CORPUS = Path(__file__).resolve().parents[1] / "src" / "presslens" / "sample_corpus"
TEST_DATA = Path(__file__).resolve().parent / "data"


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
