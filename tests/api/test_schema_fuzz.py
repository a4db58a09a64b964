"""Property tests from the OpenAPI schema (schemathesis strategies + hypothesis): no request gets a 5xx."""

from __future__ import annotations

import shutil

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from presslens.api import create_app
from presslens.settings import Settings

from .conftest import TOKEN


@pytest.fixture(scope="module")
def fuzz_schema(corpus_db, tmp_path_factory):
    db = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    shutil.copy(corpus_db, db)
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings(db_url=str(db), api_token=TOKEN)))


def _operations(schema):
    for result in schema.get_all_operations():
        yield result.ok()


def test_no_generated_request_gets_a_server_error(fuzz_schema):
    operations = list(_operations(fuzz_schema))
    assert len(operations) >= 10
    seen = 0
    for operation in operations:
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def check(case):
            for headers in (None, {"Authorization": f"Bearer {TOKEN}"}):
                response = case.call(headers=headers)
                assert response.status_code < 500, (case.method, case.formatted_path, response.status_code,
                                                     response.text[:300])
                if response.status_code >= 400:
                    assert "error" in response.json()

        check()
        seen += 1
    assert seen == len(operations)
