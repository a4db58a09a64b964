"""The web UI's view logic without a browser: the outlet chooser, wire copies, charts, paging, and every page
answering HTML with the security headers."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from presslens.api.middleware import CONTENT_SECURITY_POLICY
from presslens.store import QuoteSummary
from presslens.web.charts import Point, dot_chart, volume_chart
from presslens.web.indexes import Paging
from presslens.web.views import fold_copies, outlet_chooser

OUTLETS = ["A", "B", "C", "D", "E", "F"]


def test_chooser_shows_the_first_four_by_default_and_keeps_a_chosen_order():
    assert outlet_chooser(OUTLETS, [])["shown"] == ["A", "B", "C", "D"]
    chosen = outlet_chooser(OUTLETS, ["E", "nobody", "B", "E"])
    assert chosen["shown"] == ["E", "B"] and chosen["hidden"] == ["A", "C", "D", "F"]
    assert chosen["adds"][0]["href"] == "?outlets=E&outlets=B&outlets=A"
    too_many = outlet_chooser(OUTLETS, OUTLETS)
    assert too_many["shown"] == OUTLETS[:4] and too_many["dropped"] == ["E", "F"]
    assert too_many["adds"][0] == {"name": "E", "href": "?outlets=A&outlets=B&outlets=C&outlets=E", "replaces": "D"}
    moves = too_many["moves"]
    assert moves[0]["left"] is None and moves[0]["right"] == "?outlets=B&outlets=A&outlets=C&outlets=D"
    assert moves[3]["right"] is None and moves[3]["left"] == "?outlets=A&outlets=B&outlets=D&outlets=C"
    assert moves[1]["hide"] == "?outlets=A&outlets=C&outlets=D"
    assert outlet_chooser(["A"], [])["moves"][0]["hide"] is None  # never no column at all


def test_chooser_takes_an_outlet_whose_name_holds_a_comma_and_lists_typed_by_hand():
    outlets = ["Mail, The", "Herald", "Post"]
    assert outlet_chooser(outlets, ["Mail, The"])["shown"] == ["Mail, The"]
    assert outlet_chooser(outlets, ["Post,Herald"])["shown"] == ["Post", "Herald"]
    chosen = outlet_chooser(outlets, ["Herald", "Mail, The"])
    assert chosen["moves"][0]["right"] == "?outlets=Mail%2C+The&outlets=Herald"


def quote(article: str, position: int, text: str, outlet: str) -> QuoteSummary:
    return QuoteSummary(article, position, outlet, None, date(2026, 4, 2), "direct", text, "X", "X", None, None,
                        None, 0, len(text))


def test_a_wire_copy_counts_once_under_its_original_unless_its_words_differ():
    original = quote("orig", 0, '"We will rebuild,"', "Wire")
    copy = quote("copy", 0, "“We will rebuild”", "Tribune")
    changed = quote("copy", 1, '"We will never rebuild,"', "Tribune")
    counted, folded = fold_copies([original, copy, changed], {"copy": "orig"})
    assert counted == [original, changed] and folded == {original.quote_id: [copy]}


def test_dot_chart_marks_and_counts():
    day, later = date(2026, 4, 2), date(2026, 4, 9)
    points = [Point("A", day, "a1", "/a1"), Point("A", day, "a2", "/a2"), Point("B", later, "b", "/b")]
    stacked = dot_chart(["A", "B"], points)
    assert len(stacked["dots"]) == 3 and stacked["dots"][1]["x"] > stacked["dots"][0]["x"]
    grouped = dot_chart(["A", "B"], points, stacked=False)
    assert [d["count"] for d in grouped["dots"]] == [2, 1] and grouped["dots"][0]["r"] > grouped["dots"][1]["r"]
    assert dot_chart(["A"], [])["dots"] == []


def test_volume_chart_buckets_by_day_week_or_month():
    short = volume_chart([("A", date(2026, 3, 2), 2), ("A", date(2026, 3, 3), 1), ("B", date(2026, 3, 3), 4)])
    assert short["bucket"] == "day" and [b["count"] for b in short["bars"]] == [2, 1, 4]
    assert max(b["height"] for b in short["bars"]) == next(b["height"] for b in short["bars"] if b["count"] == 4)
    year = volume_chart([("A", date(2025, 1, 6), 1), ("A", date(2025, 1, 8), 2), ("A", date(2025, 9, 1), 1)])
    assert year["bucket"] == "week" and [b["count"] for b in year["bars"]] == [3, 1]
    years = volume_chart([("A", date(2023, 1, 6), 1), ("A", date(2023, 1, 28), 2), ("A", date(2025, 9, 1), 1)])
    assert years["bucket"] == "month" and [b["count"] for b in years["bars"]] == [3, 1]
    labels = [t["x"] for t in years["ticks"]]
    assert all(b - a >= 44 for a, b in pairwise(labels))


def test_paging_links_keep_the_filters():
    links = Paging(2, 60, 25).links({"q": "dam", "outlet": ""})
    assert links["prev"] == "?q=dam&page=1" and links["next"] == "?q=dam&page=3"
    assert (links["first"], links["last"], links["pages"]) == (26, 50, 3)
    assert Paging(1, 0).links({})["first"] == 0 and Paging(3, 60).links({})["next"] is None


@pytest.fixture(scope="module")
def web(corpus_db):
    from fastapi.testclient import TestClient

    from presslens.api import create_app
    from presslens.settings import Settings

    with TestClient(create_app(Settings(db_url=str(corpus_db)))) as client:
        yield client


@pytest.mark.parametrize("path", ["/", "/?q=bridge&outlet=Screenline&since=2026-03-01&until=2026-03-31&order=recent",
                                  "/?page=99&per=abc&since=31-12-2026", "/threads", "/threads?order=recent",
                                  "/people", "/people?kind=place&order=mentioned", "/people?q=%25_", "/outlets",
                                  "/search", "/search?q=council", "/people/person:adrian-feld"])
def test_every_page_is_html_with_the_security_headers(web, path):
    response = web.get(path)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in response.text  # scripts only from /static (the CSP allows no inline code)


def test_an_unknown_thread_is_a_page_not_json(web):
    response = web.get("/threads/no-such-thread")
    assert response.status_code == 404 and "<h1>Not found</h1>" in response.text
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_story_page_with_chosen_outlets_in_the_url(web):
    story = web.get("/api/v1/stories").json()["items"][0]
    outlets = story["outlets"][-2:]
    page = web.get(f"/stories/{story['story_id']}", params={"outlets": ",".join(reversed(outlets))}).text
    headings = [part.split("</h2>")[0] for part in page.split('class="outlet" id="col-')[1:]]
    assert [h.split(">", 1)[1] for h in headings] == list(reversed(outlets))
