"""The REST API's contract: a typed schema a client is generated from, unknown parameters refused, totals,
day filters on stories and quotes, and ids on quotes."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from presslens.api import create_app
from presslens.pipeline import ingest_records
from presslens.settings import Settings
from presslens.store import Store


@pytest.fixture(scope="module")
def lite(corpus_db):
    with TestClient(create_app(Settings(db_url=str(corpus_db)), with_web=False)) as test_client:
        yield test_client


def test_the_schema_documents_every_answer_and_the_real_error_shape(lite):
    spec = lite.get("/openapi.json").json()
    assert "HTTPValidationError" not in json.dumps(spec)
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert responses["422"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ErrorBody"}, (method, path)
            if path.endswith("/export/{table}"):
                continue
            ok = responses.get("200") or responses["202"]
            assert ok["content"]["application/json"]["schema"]["$ref"].startswith("#/components/schemas/"), path
    quote = spec["components"]["schemas"]["Quote"]
    assert {"quote_id", "story_id", "speaker_entity_id", "content_start"} <= set(quote["properties"])


def test_a_client_generated_from_the_schema_reads_every_answer(lite, tmp_path: Path):
    schema = tmp_path / "openapi.json"
    schema.write_text(lite.get("/openapi.json").text)
    module = tmp_path / "presslens_client.py"
    subprocess.run([sys.executable, "-m", "datamodel_code_generator", "--input", str(schema), "--input-file-type",
                    "openapi", "--output", str(module), "--output-model-type", "pydantic_v2.BaseModel"],
                   check=True, capture_output=True, timeout=300)
    spec = importlib.util.spec_from_file_location("presslens_client", module)
    client = importlib.util.module_from_spec(spec)
    sys.modules["presslens_client"] = client  # its annotations are resolved through the module
    try:
        spec.loader.exec_module(client)
    finally:
        del sys.modules["presslens_client"]

    def read(model: str, url: str):
        answer = lite.get(url)
        assert answer.status_code == 200, (url, answer.text)
        return getattr(client, model).model_validate(answer.json())

    articles = read("ArticlePage", "/api/v1/articles?limit=200")
    assert articles.total == len(articles.items) == 25
    read("ArticlePage", "/api/v1/articles?q=bridge")
    read("ArticleDetail", f"/api/v1/articles/{articles.items[0].article_id}")
    stories = read("StoryPage", "/api/v1/stories")
    for story in stories.items:
        read("StoryDetail", f"/api/v1/stories/{story.story_id}")
        read("Brief", f"/api/v1/stories/{story.story_id}/brief")
    read("ThreadPage", "/api/v1/threads")
    quotes = read("QuotePage", "/api/v1/quotes?limit=200")
    assert all(q.quote_id == f"{q.article_id}-{q.position}" and q.story_id for q in quotes.items)
    entities = read("EntityPage", "/api/v1/entities?limit=5")
    read("EntityDetail", f"/api/v1/entities/{entities.items[0].entity_id}")
    read("OutletList", "/api/v1/outlets")
    error = client.ErrorBody.model_validate(lite.get("/api/v1/stories/zzzzzz").json())
    assert error.error.code == "E505"


@pytest.mark.parametrize("url", ["/api/v1/articles?outlets=Screenline", "/api/v1/stories?sinse=2026-03-01",
                                 "/api/v1/quotes?speakr=okafor", "/api/v1/entities?type=person",
                                 "/api/v1/outlets?limit=2", "/api/v1/stories/abcd/brief?format=md"])
def test_unknown_query_parameters_are_refused(client, url: str):
    answer = client.get(url)
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "invalid_request" and "unknown query parameter" in answer.text


def test_lists_give_totals_that_the_pages_add_up_to(client):
    for url in ("/api/v1/articles", "/api/v1/quotes", "/api/v1/entities", "/api/v1/stories"):
        first = client.get(url, params={"limit": 7}).json()
        seen, cursor = len(first["items"]), first["next_cursor"]
        while cursor:
            following = client.get(url, params={"limit": 7, "cursor": cursor}).json()
            assert following["total"] == first["total"]
            seen, cursor = seen + len(following["items"]), following["next_cursor"]
        assert seen == first["total"] > 0, url
    assert client.get("/api/v1/articles", params={"q": "bridge"}).json()["total"] is None


def test_stories_and_quotes_take_since_and_until(client):
    window = {"since": "2026-03-12", "until": "2026-03-14"}
    stories = client.get("/api/v1/stories", params=window).json()
    everything = client.get("/api/v1/stories", params={"limit": 200}).json()
    assert 0 < stories["total"] < everything["total"]
    assert all(s["first_seen"] <= window["until"] and s["last_seen"] >= window["since"] for s in stories["items"])
    quotes = client.get("/api/v1/quotes", params={**window, "limit": 200}).json()
    assert quotes["items"] and all(window["since"] <= q["published"] <= window["until"] for q in quotes["items"])
    assert quotes["total"] < client.get("/api/v1/quotes").json()["total"]


def test_cursors_stay_right_while_articles_arrive(corpus_copy):
    url = corpus_copy()
    settings = Settings(db_url=url)
    with TestClient(create_app(settings, with_web=False)) as api:
        def walk(path: str, key: str, first: dict, arrive) -> list[str]:
            seen, cursor = [i[key] for i in first["items"]], first["next_cursor"]
            arrive()
            while cursor:
                following = api.get(path, params={"limit": 5, "cursor": cursor}).json()
                seen += [i[key] for i in following["items"]]
                cursor = following["next_cursor"]
            return seen

        before = [a["article_id"] for a in api.get("/api/v1/articles", params={"limit": 200}).json()["items"]]
        quotes_before = [q["quote_id"] for q in api.get("/api/v1/quotes", params={"limit": 200}).json()["items"]]
        first_articles = api.get("/api/v1/articles", params={"limit": 5}).json()
        first_quotes = api.get("/api/v1/quotes", params={"limit": 5}).json()

        def arrive() -> None:  # a newest article (page one, already read) and an oldest, dated and undated
            with Store.open(url) as store:
                report = ingest_records([
                    {"text": "“We reopen the bridge on Monday,” said Mayor Helen Okafor.", "title": "Bridge to reopen",
                     "outlet": "Harbour Gazette", "date": "2026-04-30"},
                    {"text": "“The council knew in January,” said Bev Tranter.", "title": "Council knew early",
                     "outlet": "Northfield Echo", "date": "2026-01-02"}], store, settings)
                assert report.added == 2

        articles = walk("/api/v1/articles", "article_id", first_articles, arrive)
        assert len(articles) == len(set(articles)) == len(before) + 1  # no repeat, no miss; the newest is before
        assert [a for a in articles if a in before] == before
        quotes = walk("/api/v1/quotes", "quote_id", first_quotes, lambda: None)
        assert len(quotes) == len(set(quotes)) and set(quotes_before) <= set(quotes)
        assert api.get("/api/v1/quotes", params={"cursor": "eyJxIjogIngifQ"}).status_code == 400
