"""A hostile caller: injection through every parameter, path tricks in uploads, bad tokens, big bodies."""

from __future__ import annotations

import shutil
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from presslens.api import create_app
from presslens.settings import Settings

from .conftest import TOKEN
from .test_api import ingested

INJECTIONS = [
    "' OR '1'='1", "\" OR 1=1 --", "'; DROP TABLE articles; --", "1; DELETE FROM quotes", "%' OR 1=1 --",
    "x\" MATCH \"*", "NEAR(a b)", "title:* OR", "*", "\\x00", "\u0000", "../../etc/passwd", "<script>alert(1)</script>",
    "a" * 190, "🙂' UNION SELECT raw_text FROM articles --",
]
LIST_PARAMETERS = {
    "/api/v1/articles": ["outlet", "language", "q"],
    "/api/v1/stories": ["outlet", "search"],
    "/api/v1/quotes": ["speaker", "outlet", "story", "q", "speaker_id"],
    "/api/v1/entities": ["search"],
}


@pytest.fixture(scope="module")
def hostile(corpus_db, tmp_path_factory):
    db = tmp_path_factory.mktemp("hostile") / "hostile.db"
    shutil.copy(corpus_db, db)
    with TestClient(create_app(Settings(db_url=str(db), api_token=TOKEN))) as client:
        yield client


def _counts(client) -> tuple[int, int, int]:
    stories = client.get("/api/v1/stories", params={"limit": 200}).json()["items"]
    articles = client.get("/api/v1/articles", params={"limit": 200}).json()["items"]
    quotes = client.get("/api/v1/quotes", params={"limit": 200}).json()["items"]
    return len(stories), len(articles), len(quotes)


@pytest.mark.parametrize("payload", INJECTIONS)
def test_injection_through_every_parameter_is_only_data(hostile, payload):
    before = _counts(hostile)
    for path, names in LIST_PARAMETERS.items():
        for name in names:
            response = hostile.get(path, params={name: payload})
            assert response.status_code in (200, 400, 404, 422), (path, name, response.status_code)
            if response.status_code == 200:
                assert isinstance(response.json()["items"], list)
            else:
                assert response.json()["error"]["code"]
    for path in ("/api/v1/articles/{}", "/api/v1/stories/{}", "/api/v1/stories/{}/brief", "/api/v1/entities/{}"):
        response = hostile.get(path.format(quote(payload, safe="")))
        assert response.status_code in (404, 422), (path, response.status_code)
        assert response.json()["error"]["code"]
    assert _counts(hostile) == before


@pytest.mark.parametrize("name", ["../../../../tmp/evil.txt", "..\\..\\windows\\win.ini", "/etc/passwd",
                                  "x/../../y.jsonl", "\u0000.txt", "a" * 500 + ".txt"])
def test_upload_names_cannot_reach_the_filesystem(hostile, tmp_path, name):
    body = b"date 2026-03-22\nA title\n\nA short text about the harbour ferry and its last crossing."
    response = hostile.post("/api/v1/articles", headers={"Authorization": f"Bearer {TOKEN}"},
                            files={"file": (name, body, "text/plain")})
    assert response.status_code in (202, 400, 422)
    if response.status_code == 202:
        for error in ingested(hostile, response)["errors"]:
            assert "/etc" not in error and "windows" not in error
    assert not (tmp_path / "evil.txt").exists()


@pytest.mark.parametrize("header", [None, "", "Bearer", "Bearer ", f"Bearer {TOKEN[:-1]}", f"Bearer {TOKEN}x",
                                    f"Basic {TOKEN}", TOKEN.upper(), "Bearer ' OR 1=1 --"])
def test_write_needs_exactly_the_token(hostile, header):
    headers = {} if header is None else {"Authorization": header}
    response = hostile.post("/api/v1/articles", json={"text": "Nothing to store."}, headers=headers)
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"


def test_escaped_html_in_stored_text(hostile):
    article = {"title": "<img src=x onerror=alert(1)> headline", "outlet": "Evil Wire", "date": "2026-03-23",
               "text": "The council said <script>alert('x')</script> nothing at all about the bridge today. "
                       "\"We <b>will</b> reopen,\" said Helen Okafor."}
    created = hostile.post("/api/v1/articles", json=article, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ingested(hostile, created)["added"] == 1
    found = hostile.get("/api/v1/articles", params={"outlet": "Evil Wire"}).json()["items"][0]
    page = hostile.get(f"/articles/{found['article_id']}").text
    assert "<script>alert('x')</script>" not in page and "&lt;script&gt;" in page
    assert "<img src=x" not in page


@pytest.mark.parametrize(("path", "name"), [("/api/v1/quotes", "speaker"), ("/api/v1/entities", "search"),
                                            ("/api/v1/stories", "search"), ("/api/v1/stories", "outlet")])
@pytest.mark.parametrize("wildcard", ["%", "_", "%%", "\\%"])
def test_like_wildcards_are_taken_literally(hostile, path, name, wildcard):
    assert hostile.get(path, params={name: wildcard}).json()["items"] == []
