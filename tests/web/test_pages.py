"""The index pages over the sample corpus in Chromium: navigation, the story list's filters and paging (all
in the URL), people, outlets, search; expected counts come from the store, not from the corpus's split."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from presslens.store import Store

from .conftest import full_screenshot, screenshot

PAGES = ["/", "/threads", "/people", "/outlets", "/search", "/search?q=bridge", "/people/person:adrian-feld"]


@pytest.fixture(scope="module")
def corpus(corpus_db):
    with Store.open(str(corpus_db)) as store:
        yield store


def rows(page, selector: str = "a.story-link") -> list[str]:
    return page.locator(selector).all_inner_texts()


def test_every_page_has_navigation_landmarks_and_security_headers(server, watched):
    page = watched
    for path in PAGES:
        response = page.goto(server + path)
        assert response.status == 200, path
        headers = response.headers
        assert "script-src 'self'" in headers["content-security-policy"] and headers["x-frame-options"] == "DENY"
        assert page.locator("header nav[aria-label=Main] a").count() == 6
        assert page.locator("main h1").count() == 1
        assert page.locator("form[role=search]").count() >= 1
    for name, path in [("Stories", "/"), ("Threads", "/threads"), ("People", "/people"), ("Outlets", "/outlets"),
                       ("Search", "/search")]:
        page.goto(server + "/search")
        with page.expect_navigation():
            page.locator("header nav a", has_text=name).click()
        assert urlparse(page.url).path == path
        assert page.locator("header nav a[aria-current=page]").inner_text() == name
    assert page.errors == []


def test_keyboard_reaches_the_skip_link_and_the_navigation(server, watched):
    page = watched
    page.goto(server + "/people")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.url.endswith("#content")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('main') !== null")
    assert focused
    page.goto(server + "/people")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Stories"
    page.keyboard.press("Enter")
    page.wait_for_selector("a.story-link")
    assert urlparse(page.url).path == "/"


def test_story_list_filters_sort_and_pages_live_in_the_url(server, corpus, watched):
    page = watched
    outlet = corpus.outlet_counts()[0][0]
    page.goto(server + "/")
    page.select_option("form.filters select[name=outlet]", outlet)
    with page.expect_navigation():
        page.click("form.filters button")
    assert parse_qs(urlparse(page.url).query)["outlet"] == [outlet]
    found = page.locator("table.stories tbody tr")
    assert found.count() == corpus.count_stories(outlet=outlet)
    assert all(outlet in text for text in page.locator("table.stories td.outlets").all_inner_texts())
    screenshot(page, "05-stories-outlet")

    biggest = corpus.list_stories(limit=1)[0]
    word = max(biggest.title.split(), key=len).strip("‘’'\",.:")
    page.goto(f"{server}/?q={word}")
    assert len(rows(page)) == corpus.count_stories(search=word) >= 1
    assert biggest.title in rows(page)
    assert page.locator("form.filters input[name=q]").input_value() == word

    day = biggest.first_seen.isoformat()
    page.goto(server + "/")
    page.fill("form.filters input[name=since]", day)
    page.fill("form.filters input[name=until]", day)
    page.select_option("form.filters select[name=order]", "recent")
    with page.expect_navigation():
        page.click("form.filters button")
    query = parse_qs(urlparse(page.url).query)
    assert query["since"] == [day] and query["until"] == [day] and query["order"] == ["recent"]
    expected = corpus.list_stories(since=biggest.first_seen, until=biggest.first_seen, order="recent", limit=100)
    assert rows(page) == [s.title for s in expected]

    total = corpus.count_stories()
    page.goto(f"{server}/?per=5&order=recent")
    seen = rows(page)
    while page.locator("nav.paging a.next").count():
        with page.expect_navigation():
            page.click("nav.paging a.next")
        assert "per=5" in page.url and "order=recent" in page.url
        seen += rows(page)
    assert seen == [s.title for s in corpus.list_stories(order="recent", limit=1000)] and len(seen) == total
    page.goto(f"{server}/?since=not-a-day&page=zero&outlet=nobody")
    assert len(rows(page)) == min(total, 25)
    assert page.errors == []


def test_people_index_is_most_quoted_first_with_search_and_kind(server, corpus, watched):
    page = watched
    page.goto(server + "/people")
    counts = [int(n) for n in page.locator("table.people td.quotes").all_inner_texts()]
    assert counts and counts == sorted(counts, reverse=True)
    first = page.locator("a.person-link").first
    name, href = first.inner_text(), first.get_attribute("href")
    assert counts[0] == corpus.count_quotes(speaker_entity_id=href.removeprefix("/people/"))
    screenshot(page, "06-people")
    page.select_option("form.filters select[name=kind]", "organisation")
    with page.expect_navigation():
        page.click("form.filters button")
    kinds = page.locator("table.people tbody td:nth-child(2)").all_inner_texts()
    assert kinds and set(kinds) == {"organisation"}
    page.goto(f"{server}/people?q={name.split()[-1].lower()}")
    assert name in rows(page, "a.person-link")
    page.goto(f"{server}/people?order=mentioned&kind=person")
    mentions = [int(n) for n in page.locator("table.people tbody td:nth-child(3)").all_inner_texts()]
    assert mentions == sorted(mentions, reverse=True)
    assert len(mentions) == min(corpus.count_entities(kind="person"), 25)
    page.goto(server + "/people")
    page.click(f"a.person-link[href='{href}']")
    page.wait_for_selector("h1.person-name")
    assert page.locator("h1.person-name").inner_text() == name
    assert page.errors == []


def test_outlets_page_plots_volume_and_links_to_filtered_stories(server, corpus, watched):
    page = watched
    page.goto(server + "/outlets")
    outlets = corpus.outlet_counts()
    assert page.locator("table.outlets tbody tr").count() == len(outlets)
    days = corpus.outlet_days()
    bars = page.locator("svg.volume rect.bar")
    assert bars.count() == len({(outlet, day) for outlet, day, _n in days})  # a sample of weeks: one bar per day
    assert sum(int(n) for n in bars.evaluate_all("els => els.map(e => e.dataset.count)")) == sum(n for *_k, n in days)
    assert page.locator("svg.volume text.axis-label").count() == len({o for o, _d, _n in days})
    full_screenshot(page, "07-outlets")
    name = outlets[0][0]
    with page.expect_navigation():
        page.click(f"a.outlet-link:text-is('{name}')")
    assert parse_qs(urlparse(page.url).query)["outlet"] == [name]
    assert len(rows(page)) == corpus.count_stories(outlet=name)
    page.goto(server + "/outlets")
    person = page.locator("table.outlets td a[href^='/people/']").first
    who = person.inner_text()
    person.click()
    page.wait_for_selector("h1.person-name")
    assert page.locator("h1.person-name").inner_text() == who
    assert page.errors == []


def test_search_shows_dates_and_stories(server, corpus, watched):
    page = watched
    page.goto(server + "/search?q=bridge")
    quotes = page.locator("ul.quote-hits > li")
    assert quotes.count() >= 1
    assert page.locator("ul.quote-hits > li .date").count() == quotes.count()
    assert page.locator("ul.story-hits a").all_inner_texts() == [s.title for s in corpus.list_stories(search="bridge")]
    screenshot(page, "08-search")
    assert page.errors == []


def test_threads_page_without_threads_says_so(server, corpus, watched):
    page = watched
    page.goto(server + "/threads")
    assert page.locator("a.thread-link").count() == corpus.count_threads()
    if not corpus.count_threads():
        assert "No threads yet" in page.locator("table.threads").inner_text()
    assert page.errors == []
