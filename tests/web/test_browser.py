"""The web UI in a real browser: story list, a story's outlets side by side, a person, search."""

from __future__ import annotations

import json

from presslens.store import Store
from presslens.web.indexes import PAGE_SIZE

from .conftest import screenshot


def test_story_list_story_page_person_and_search(server, corpus_db, watched):
    page = watched
    with Store.open(str(corpus_db)) as store:
        stories = store.list_stories(limit=1000)
        # The biggest story of the Glasshouse storyline (the one where Adrian Feld is quoted most).
        biggest = max((s for s in stories if "Glasshouse" in s.title), key=lambda s: s.size)
        feld_quotes = store.count_quotes(speaker_entity_id="person:adrian-feld")
    page.goto(f"{server}/")
    links = page.locator("a.story-link")
    assert links.count() == min(len(stories), PAGE_SIZE)
    # The Glasshouse storyline's events each say which thread they are in, and the tag leads there.
    glasshouse = page.locator("tr", has=page.locator("a.story-link", has_text="Glasshouse"))
    tags = {glasshouse.nth(i).locator("a.thread-tag").get_attribute("href") for i in range(glasshouse.count())}
    assert glasshouse.count() >= 2 and len(tags) == 1 and None not in tags
    screenshot(page, "01-stories")
    links.filter(has_text=biggest.title).first.click()
    page.wait_for_selector("section.columns")

    columns = page.locator(".column")
    outlets = [columns.nth(i).locator("h2.outlet").inner_text() for i in range(columns.count())]
    assert len(outlets) == min(len(biggest.outlets), 4) and set(outlets) <= set(biggest.outlets)
    assert page.locator("form.outlet-chooser input[name=outlets]").count() == len(biggest.outlets)
    columns_with_quotes = [i for i in range(columns.count()) if columns.nth(i).locator("mark.quote").count()]
    assert len(columns_with_quotes) == len(outlets)
    aligned = page.locator(".column mark.aligned")
    assert aligned.count() >= 2
    group = aligned.first.get_attribute("data-group")
    linked = page.locator(f".column mark[data-group='{group}']")
    assert page.locator(f"#group-{group} .badge").count() >= 2
    assert page.locator("svg.timeline circle").count() == biggest.size
    aligned.first.hover()
    assert "active" in (page.locator(f"#group-{group}").get_attribute("class") or "")
    assert page.locator("#versions-popover").is_visible()
    assert page.locator("#versions-popover li").count() == page.locator(f"#group-{group} li").count()
    if linked.count() >= 2:
        assert "active" in (linked.nth(1).get_attribute("class") or "")
    screenshot(page, "02-story")

    speaker = page.locator("a.speaker-link", has_text="Adrian Feld").first
    speaker.click()
    page.wait_for_selector("h1.person-name")
    assert page.locator("h1.person-name").inner_text() == "Adrian Feld"
    listed = page.locator("li.person-quote")
    assert listed.count() + page.locator("a.copy-link").count() == feld_quotes
    days = {(listed.nth(i).get_attribute("data-outlet"), listed.nth(i).get_attribute("data-day"))
            for i in range(listed.count())}
    dated = {key for key in days if key[1]}
    dots = page.locator("svg.quotes-chart circle")
    assert dots.count() == len(dated)
    assert sum(int(dots.nth(i).get_attribute("data-count")) for i in range(dots.count())) == len(
        [i for i in range(listed.count()) if listed.nth(i).get_attribute("data-day")])
    screenshot(page, "03-person")

    page.fill("form.search input[name=q]", "girder")
    page.click("form.search button")
    page.wait_for_selector("ul.hits")
    assert page.locator("ul.hits li a").count() >= 3
    assert page.locator("ul.hits li .date").count() == page.locator("ul.hits > li").count()
    story_link = page.locator("ul.hits a.hit-story").first
    title = story_link.inner_text()
    story_link.click()
    page.wait_for_selector("section.columns")
    assert page.locator("h1").inner_text() == title
    page.go_back()
    screenshot(page, "04-search")
    assert page.errors == []


def test_article_text_is_escaped_not_run(server, page):
    page.goto(f"{server}/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert page.locator("h1").inner_text().startswith("Search")
    assert page.locator("script:not([src])").count() == 0


def test_script_in_an_article_is_shown_not_run(browser, tmp_path):
    from presslens.pipeline import ingest_paths
    from presslens.settings import Settings

    from .conftest import serving

    evil = tmp_path / "evil.jsonl"
    evil.write_text(json.dumps({
        "title": "<img src=x onerror=alert('title')> Harbour news", "outlet": "<b>Evil</b> Post",
        "date": "2026-03-25", "url": "javascript:alert('url')",
        "text": "The council said <script>alert('body')</script> nothing about the bridge today. "
                "\"We <img src=x onerror=alert('quote')> will reopen,\" said Helen Okafor, the mayor."}) + "\n",
        encoding="utf-8")
    settings = Settings(db_url=str(tmp_path / "evil.db"))
    with Store.open(settings.db_url) as store:
        assert ingest_paths([evil], store, settings).added == 1
        article_id = store.list_articles()[0].article_id
    dialogs = []
    page = browser.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serving(tmp_path / "evil.db") as url:
        for path in ("/", f"/articles/{article_id}", f"/stories/{article_id}", "/search?q=council",
                     "/people/person:helen-okafor"):
            page.goto(url + path)
            page.wait_for_load_state("load")
        page.goto(f"{url}/articles/{article_id}")
        assert "<script>alert('body')</script>" in page.locator(".text").inner_text()
        assert page.locator(".text script, .text img, h1 img").count() == 0
        assert page.locator("a[href^='javascript']").count() == 0
    page.close()
    assert dialogs == []
