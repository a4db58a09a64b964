"""The REST API on the sample corpus, stored in SQLite and in PostgreSQL (every test runs on both)."""

from __future__ import annotations

import json
import time
from urllib.parse import quote as url_quote

import pytest
from fastapi.testclient import TestClient

from presslens.api import create_app
from presslens.settings import Settings

from .conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def ingested(client: TestClient, response, timeout: float = 120) -> dict:
    """The ingest report of the job a POST queued (202 with a Location), once the job is done."""
    assert response.status_code == 202, response.text
    deadline = time.monotonic() + timeout
    while (job := client.get(response.headers["Location"], headers=AUTH).json())["status"] in ("queued", "running"):
        assert time.monotonic() < deadline, job
        time.sleep(0.02)
    assert job["status"] == "done", job
    return job["report"]


def test_openapi_schema_lists_the_versioned_endpoints(client):
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    assert {"/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/stories", "/api/v1/stories/{story_id}",
            "/api/v1/stories/{story_id}/brief", "/api/v1/quotes", "/api/v1/entities", "/api/v1/entities/{entity_id}",
            "/api/v1/outlets"} <= paths
    assert "post" in schema["paths"]["/api/v1/articles"] and "/api/v1/jobs/{job_id}" in paths


def test_stories_list_pages_with_cursors(client):
    first = client.get("/api/v1/stories", params={"limit": 3}).json()
    assert len(first["items"]) == 3 and first["next_cursor"] and first["total"] > 3
    pages, cursor = [first], first["next_cursor"]
    while cursor:
        pages.append(client.get("/api/v1/stories", params={"limit": 3, "cursor": cursor}).json())
        cursor = pages[-1]["next_cursor"]
    listed = [s for page in pages for s in page["items"]]
    assert len(listed) == len({s["story_id"] for s in listed}) == first["total"]
    assert 1 <= len(pages[-1]["items"]) <= 3
    sizes = [s["size"] for s in listed]
    assert sizes == sorted(sizes, reverse=True)
    recent = client.get("/api/v1/stories", params={"order": "recent"}).json()["items"]
    assert recent[0]["last_seen"] >= recent[-1]["last_seen"]


def test_story_timeline_and_brief(client):
    story = client.get("/api/v1/stories", params={"search": "Bridge"}).json()["items"][0]
    detail = client.get(f"/api/v1/stories/{story['story_id']}").json()
    # The closure (March 4-6, five articles with the wire copy); the reopening a week later is an event of its own.
    assert detail["size"] == len(detail["articles"]) == 5
    brief = client.get(f"/api/v1/stories/{story['story_id'][:8]}/brief").json()
    assert brief["story_id"] == story["story_id"]
    assert any(f["status"] == "conflict" and f["dimension"] == "length" for f in brief["facts"])
    assert brief["copies"]


def test_articles_filter_search_and_detail(client):
    ledger = client.get("/api/v1/articles", params={"outlet": "The Daily Ledger", "limit": 50}).json()["items"]
    assert ledger and all(a["outlet"] == "The Daily Ledger" for a in ledger)
    dated = client.get("/api/v1/articles", params={"since": "2026-03-12", "until": "2026-03-16"}).json()["items"]
    assert dated and all("2026-03-12" <= a["published"] <= "2026-03-16" for a in dated)
    hits = client.get("/api/v1/articles", params={"q": "girder"}).json()["items"]
    assert hits and all("«" in h["snippet"] for h in hits)
    article = client.get(f"/api/v1/articles/{hits[0]['article_id']}").json()
    assert article["quotes"] and article["mentions"]
    for quote in article["quotes"]:
        assert article["raw_text"][quote["content_start"]:quote["content_end"]] == quote["content"]


def test_quotes_entities_and_outlets(client):
    quotes = client.get("/api/v1/quotes", params={"speaker": "okafor", "kind": "direct"}).json()["items"]
    assert quotes and all(q["speaker_name"] == "Helen Okafor" and q["kind"] == "direct" for q in quotes)
    people = client.get("/api/v1/entities", params={"kind": "person", "search": "Feld"}).json()["items"]
    assert people[0]["entity_id"] == "person:adrian-feld"
    feld = client.get("/api/v1/entities/person:adrian-feld").json()
    assert feld["quotes_by_outlet"]["Screenline"]
    assert len(feld["quotes_by_outlet"]) >= 3
    outlets = client.get("/api/v1/outlets").json()["items"]
    screenline = next(o for o in outlets if o["outlet"] == "Screenline")
    assert screenline["most_quoted"][0]["speaker"] == "Adrian Feld"


@pytest.mark.parametrize(("url", "status", "code"), [
    ("/api/v1/articles/nothing-like-this", 404, "E502"),
    ("/api/v1/stories/zzzzzz", 404, "E505"),
    ("/api/v1/entities/person:nobody-at-all-xyz", 404, "E504"),
    ("/api/v1/stories?limit=0", 422, "invalid_request"),
    ("/api/v1/stories?cursor=not-a-cursor", 400, "http_error"),
    ("/api/v1/quotes?kind=shouted", 422, "invalid_request"),
    ("/api/v1/nothing", 404, "not_found"),
])
def test_errors_share_one_shape(client, url, status, code):
    response = client.get(url)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code and response.json()["error"]["message"]


def test_post_is_off_without_a_token(client):
    response = client.post("/api/v1/articles", json={"text": "x"})
    assert response.status_code == 403 and "PRESSLENS_API_TOKEN" in response.json()["error"]["message"]


@pytest.fixture
def writable(corpus_copy):
    with TestClient(create_app(Settings(db_url=corpus_copy(), api_token=TOKEN))) as test_client:
        yield test_client


def test_post_needs_the_right_token(writable):
    assert writable.post("/api/v1/articles", json={"text": "x"}).status_code == 401
    wrong = writable.post("/api/v1/articles", json={"text": "x"}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["WWW-Authenticate"] == "Bearer"


def test_post_ingests_json_and_uploaded_files(writable):
    headers = {"Authorization": f"Bearer {TOKEN}"}
    before = writable.get("/api/v1/articles", params={"limit": 200}).json()["items"]
    article = {"title": "Harbour Bridge reopens to buses", "outlet": "Test Wire", "date": "2026-03-20",
               "text": "Buses crossed Portmere's Harbour Bridge again on Friday. \"It is a relief,\" said Helen "
                       "Okafor, the city's mayor. Engineers said the girder repair would take until May."}
    report = ingested(writable, writable.post("/api/v1/articles", json=[article], headers=headers))
    assert report["added"] == 1
    again = ingested(writable, writable.post("/api/v1/articles", json=article, headers=headers))
    assert again["added"] == 0 and again["already_stored"] == 1
    upload = writable.post("/api/v1/articles", headers=headers, files={
        "file": ("note.txt", b"date 2026-03-21\nFerry ends\n\nThe free ferry across the harbour ended today.",
                 "text/plain")})
    assert ingested(writable, upload)["added"] == 1
    after = writable.get("/api/v1/articles", params={"limit": 200}).json()["items"]
    assert len(after) == len(before) + 2
    bad = ingested(writable, writable.post("/api/v1/articles", headers=headers,
                                           files={"file": ("x.json", b"{oops", "text/plain")}))
    assert bad["errors"] and "x.json" in bad["errors"][0]
    assert writable.post("/api/v1/articles", content=b"{oops", headers=headers).status_code == 400


def test_post_rejects_oversized_bodies(corpus_copy):
    settings = Settings(db_url=corpus_copy(), api_token=TOKEN, max_document_bytes=1000)
    with TestClient(create_app(settings)) as small:
        body = json.dumps({"text": "word " * 20_000})
        response = small.post("/api/v1/articles", content=body, headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"


def test_backends_answer_alike(corpus_db, pg_corpus_url):
    """The same corpus answers the same on SQLite and PostgreSQL: ids, order, counts, every field;
    full-text hits are the same articles in the same (bm25) order, only the snippet windows differ."""
    apps = [TestClient(create_app(Settings(db_url=url), with_web=False)) for url in (str(corpus_db), pg_corpus_url)]
    with apps[0] as lite, apps[1] as pg:
        def both(url: str, params: dict | None = None) -> dict:
            a, b = lite.get(url, params=params), pg.get(url, params=params)
            assert (a.status_code, a.json()) == (b.status_code, b.json()), (url, params)
            return a.json()

        stories = both("/api/v1/stories", {"limit": 200})["items"]
        articles = both("/api/v1/articles", {"limit": 200})["items"]
        assert len(stories) == 7 and len(articles) == 25  # the four storylines' seven events
        for params in ({"order": "recent"}, {"search": "bridge"}, {"outlet": "Screenline"}, {"min_size": 3}):
            both("/api/v1/stories", params)
        for story in stories:
            both(f"/api/v1/stories/{story['story_id']}")
        both(f"/api/v1/stories/{stories[0]['story_id']}/brief")
        for article in articles:
            both(f"/api/v1/articles/{article['article_id']}")
        for params in ({"outlet": "the daily ledger"}, {"since": "2026-03-12", "until": "2026-03-16"},
                       {"language": "en", "limit": 7, "cursor": None}):
            both("/api/v1/articles", params)
        for params in ({"limit": 200}, {"speaker": "okafor"}, {"q": "bridge girder"}, {"q": "council"},
                       {"kind": "indirect", "limit": 200}, {"outlet": "Screenline"}, {"q": "Harbour-Bridge"}):
            both("/api/v1/quotes", params)
        entities = both("/api/v1/entities", {"limit": 200})["items"]
        for params in ({"search": "feld"}, {"kind": "organisation"}, {"search": "Centre"}):
            both("/api/v1/entities", params)
        for entity in entities[:15]:
            both(f"/api/v1/entities/{entity['entity_id']}")
        both("/api/v1/outlets")
        for query in ("bridge", "girder", "okafor", '"harbour bridge"', "title:crack", "bridge NOT girder",
                      "ferr*", "chemicals OR netflix", "Portmere's", "4-metre", "£3,000", "cracks", "repairing",
                      "inspect", "campaigner", "closing"):
            for exact in (False, True):
                params = {"q": query, "limit": 200, "exact": exact}
                a = lite.get("/api/v1/articles", params=params).json()["items"]
                b = pg.get("/api/v1/articles", params=params).json()["items"]
                assert a or exact, query
                assert [h["article_id"] for h in a] == [h["article_id"] for h in b], (query, exact)
            assert all(h["snippet"].count("«") == h["snippet"].count("»") for h in a + b)


def test_hostile_parameters_are_only_data(client):
    """SQL, FTS and LIKE injection, NUL bytes and long values through every list parameter, on both backends."""
    from .test_hostile import INJECTIONS, LIST_PARAMETERS

    for payload in INJECTIONS:
        for path, names in LIST_PARAMETERS.items():
            for name in names:
                response = client.get(path, params={name: payload})
                assert response.status_code in (200, 400, 404, 422), (path, name, payload, response.text[:200])
        for path in ("/api/v1/articles/{}", "/api/v1/stories/{}", "/api/v1/entities/{}"):
            assert client.get(path.format(url_quote(payload, safe=""))).status_code in (404, 422), (path, payload)
    assert len(client.get("/api/v1/articles", params={"limit": 200}).json()["items"]) == 25
