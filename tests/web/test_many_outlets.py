"""A story carried by twelve outlets, in Chromium: the outlet chooser (by mouse and keyboard), the
who-quotes-whom matrix, facts linked to their sentences, wire copies collapsed and counted once, quote
versions, threads, and a page that stays usable 1024 px wide."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from presslens.store import Store

from .conftest import full_screenshot, screenshot
from .many_outlets import COPY

CASTELLAN = "person:mira-castellan"


@pytest.fixture(scope="module")
def many(many_db):
    with Store.open(str(many_db)) as store:
        yield store


@pytest.fixture(scope="module")
def story(many):
    return many.list_stories(limit=1)[0]


def headings(page) -> list[str]:
    return page.locator(".column h2.outlet").all_inner_texts()


def shown_in_url(page) -> list[str]:
    return parse_qs(urlparse(page.url).query)["outlets"]


def test_twelve_outlets_four_columns_the_rest_one_click_away(many_server, story, watched):
    page = watched
    assert len(story.outlets) == 12
    page.goto(f"{many_server}/stories/{story.story_id}")
    assert len(headings(page)) == 4
    assert page.locator("form.outlet-chooser input[name=outlets]").count() == 12
    assert page.locator("form.outlet-chooser input:checked").count() == 4
    assert page.locator("form.outlet-chooser input:disabled").count() == 8  # at most four, says the script
    assert page.locator("svg.timeline circle").count() == story.size
    screenshot(page, "09-many-outlets")
    page.evaluate("document.querySelector('section.chooser').scrollIntoView()")
    screenshot(page, "09b-many-outlets-columns")
    first = headings(page)
    hidden = page.locator("li.hidden-outlet a.show").first
    name = hidden.get_attribute("aria-label").split("show ")[1].split(" instead")[0]
    with page.expect_navigation():
        hidden.click()
    assert headings(page) == [*first[:3], name] and shown_in_url(page) == headings(page)
    with page.expect_navigation():
        page.locator("li.choice.shown a.move-right").first.click()
    assert headings(page) == [first[1], first[0], first[2], name]
    with page.expect_navigation():
        page.locator("li.choice.shown a.hide").first.click()
    assert headings(page) == [first[0], first[2], name]
    assert page.locator("form.outlet-chooser input:disabled").count() == 0
    assert page.errors == []


def test_the_chooser_works_by_keyboard(many_server, story, watched):
    page = watched
    page.goto(f"{many_server}/stories/{story.story_id}")
    first = headings(page)
    boxes = page.locator("form.outlet-chooser input[name=outlets]")
    boxes.nth(0).focus()
    page.keyboard.press("Space")  # untick the first column's outlet
    assert not boxes.nth(0).is_checked()
    wanted = boxes.nth(6).get_attribute("value")
    boxes.nth(6).focus()
    page.keyboard.press("Space")
    page.locator("form.outlet-chooser button").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert headings(page) == [*first[1:], wanted]
    assert page.errors == []


def test_matrix_counts_each_outlets_quotes_of_each_speaker(many_server, many, story, watched):
    page = watched
    page.goto(f"{many_server}/stories/{story.story_id}")
    matrix = page.locator("table.who-quotes")
    assert matrix.locator("tbody tr").count() == 12
    speakers = matrix.locator("thead th.speaker").all_inner_texts()
    column = speakers.index("Mira Castellan") + 2
    cells = matrix.locator(f"tbody td:nth-child({column})").all_inner_texts()
    assert sum(int(c) for c in cells if c.isdigit()) == many.count_quotes(story=story.story_id,
                                                                           speaker_entity_id=CASTELLAN)
    assert matrix.locator("thead .swatch").count() == len(speakers)  # a colour and its name, never colour alone
    hidden = matrix.locator("tbody tr", has_text="(hidden)").first.locator("a.matrix-outlet")
    outlet = hidden.inner_text()
    with page.expect_navigation():
        hidden.click()
    assert outlet in headings(page)
    assert page.errors == []


def test_facts_and_versions_link_to_their_sentences(many_server, story, watched):
    page = watched
    page.goto(f"{many_server}/stories/{story.story_id}")
    links = page.locator("a.fact-link, a.conflict-link, a.version-link, a.unique-link")
    assert page.locator("a.fact-link").count() >= 12
    for href in links.evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        if href.startswith("#"):
            assert page.locator(f"[id='{href[1:]}']").count() == 1, href
    metro = page.locator(".facts td a.fact-link").filter(has_text="1,500").first
    href = metro.get_attribute("href")
    assert "Metro Daily" in parse_qs(urlparse(href).query)["outlets"]
    with page.expect_navigation():
        metro.click()
    target = page.locator(f"[id='{href.split('#')[1]}']")
    assert target.count() == 1
    column = page.locator(".column", has=target)
    assert column.locator("h2.outlet").inner_text() == "Metro Daily"
    assert "1,500" in target.inner_text() or "1,500" in column.inner_text()
    assert page.evaluate("document.querySelector(':target') !== null")
    screenshot(page, "10-fact-target")
    assert page.errors == []


def test_near_copy_collapsed_under_its_original(many_server, story, watched):
    page = watched
    page.goto(f"{many_server}/stories/{story.story_id}?outlets={COPY[1]},{COPY[0]}")
    assert headings(page) == [COPY[1], COPY[0]]
    copy = page.locator(".column").nth(1).locator("details.copy")
    assert copy.count() == 1 and copy.get_attribute("open") is None
    assert f"Near-copy of {COPY[1]}" in copy.locator("summary").inner_text()
    assert not copy.locator(".text").is_visible()
    original = page.locator(".column").nth(0).locator("a.copied-by")
    assert original.inner_text() == COPY[0]
    copy.locator("summary").click()
    assert copy.locator(".text").is_visible()
    assert page.errors == []


def test_hovering_an_aligned_quote_shows_every_outlets_version(many_server, story, watched):
    page = watched
    page.goto(f"{many_server}/stories/{story.story_id}")
    mark = page.locator(".column mark.aligned").first
    group = mark.get_attribute("data-group")
    mark.hover()
    popover = page.locator("#versions-popover")
    assert popover.is_visible()
    assert popover.locator("li").count() == page.locator(f"#group-{group} li").count() >= 2
    page.mouse.move(0, 0)
    assert not popover.is_visible()
    mark.focus()  # and by keyboard
    assert popover.is_visible() and mark.get_attribute("aria-describedby") == "versions-popover"
    page.keyboard.press("Escape")
    assert not popover.is_visible()
    assert page.errors == []


def test_person_counts_a_wire_copy_once_and_expands_versions(many_server, many, watched):
    page = watched
    page.goto(f"{many_server}/people/{CASTELLAN}")
    outlets = [h.split(" (")[0] for h in page.locator("h3.outlet-quotes").all_inner_texts()]
    assert COPY[0] not in outlets and COPY[1] in outlets
    listed = page.locator("li.person-quote")
    copies = page.locator("a.copy-link")
    assert copies.all_inner_texts() == [COPY[0]]
    assert listed.count() + copies.count() == many.count_quotes(speaker_entity_id=CASTELLAN)
    dots = page.locator("svg.quotes-chart circle")
    assert sum(int(n) for n in dots.evaluate_all("els => els.map(e => e.dataset.count)")) == listed.count()
    assert page.locator("svg.quotes-chart text.axis-label").count() == len(outlets)
    details = listed.first.locator("details.versions")
    details.locator("summary").click()
    page.wait_for_selector("li.person-quote details.versions .version-list li")
    assert details.locator(".version-list li").count() >= 1
    full_screenshot(page, "11-person-many")
    assert page.errors == []


def test_thread_pages_plot_every_article_of_their_stories(many_server, many, watched):
    page = watched
    thread = many.list_threads()[0]
    page.goto(f"{many_server}/threads")
    page.click("a.thread-link")
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == thread.title
    assert page.locator("svg.timeline circle").count() == thread.articles
    stories = page.locator("a.thread-story")
    assert stories.count() == thread.size
    screenshot(page, "12-thread")
    title = stories.nth(1).inner_text()
    stories.nth(1).click()
    page.wait_for_selector("section.columns")
    assert page.locator("h1").inner_text() == title
    page.click("a.thread-link")
    page.wait_for_selector("ol.thread-stories")
    assert urlparse(page.url).path == f"/threads/{thread.thread_id}"
    assert page.errors == []


@pytest.mark.parametrize("path", ["/", "/threads", "/people", "/outlets", "/search?q=dam", "/stories/{story}",
                                  "/people/" + CASTELLAN, "/threads/{thread}"])
def test_pages_stay_usable_1024_px_wide(many_server, many, story, narrow, path):
    page = narrow
    name = "13-narrow-" + (re.sub(r"[^a-z]+", "-", path.split("?")[0]).strip("-") or "stories")
    path = path.format(story=story.story_id, thread=many.list_threads()[0].thread_id)
    page.goto(many_server + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1024
    header = page.locator("header.top").bounding_box()
    assert header["width"] <= 1024
    for box in page.locator("main h1, .column, svg, table").evaluate_all(
            "els => els.map(e => e.getBoundingClientRect().right)"):
        assert box <= 1024 + 1
    if path.startswith("/stories"):
        full_screenshot(page, name)
    else:
        screenshot(page, name)
    assert page.errors == []
