"""Live sources against real HTTP servers on 127.0.0.1: ``ingest URL``, and ``watch`` polling a feed that
changes, answering 304, failing, stalling, redirecting in a loop or sending too much; a restart in between."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from presslens.cli import cli
from presslens.ingest.web import Fetcher, read_url
from presslens.pipeline import ingest_paths
from presslens.settings import Settings
from presslens.store import Store
from presslens.watch import Watcher, parse_every

LONG = ("The harbour bridge stayed shut on Tuesday while engineers checked the cracked girder. "
        "“We will not take risks with people's lives,” said Mayor Helen Okafor. ") * 8
PAGE = ("<html><head><title>{title}</title></head><body><nav>Home | News | Sport</nav><article><h1>{title}</h1>"
        "<p>{text}</p><p>Ferries ran every twenty minutes instead, the operator said.</p></article>"
        "<footer>Share this article</footer></body></html>")


@dataclass
class Site:
    """What the test server serves; tests change it between polls."""

    entries: list[dict] = field(default_factory=list)
    status: int = 200
    retry_after: str | None = None
    hits: dict[str, int] = field(default_factory=dict)
    conditional: list[bool] = field(default_factory=list)  # per feed request: did it carry a validator?

    def feed(self, base: str) -> bytes:
        items = "".join(
            f"<item><title>{e['title']}</title><link>{base}/article/{e['id']}</link>"
            f"<guid>{base}/article/{e['id']}</guid><pubDate>{e['date']}</pubDate>"
            f"<description>{e['summary']}</description></item>" for e in self.entries)
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette – News</title>'
                f"<link>{base}/</link><language>en</language>{items}</channel></rss>").encode()


class Handler(http.server.BaseHTTPRequestHandler):
    site: Site

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        site, path = self.server.site, self.path
        site.hits[path] = site.hits.get(path, 0) + 1
        base = f"http://127.0.0.1:{self.server.server_port}"
        if path == "/feed.xml":
            site.conditional.append("If-None-Match" in self.headers)
            if site.status != 200:
                return self._send(site.status, b"server trouble", {"Retry-After": site.retry_after} if
                                  site.retry_after else {})
            body = site.feed(base)
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                return self._send(304, b"", {"ETag": etag})
            return self._send(200, body, {"ETag": etag, "Content-Type": "application/rss+xml"})
        if path.startswith("/article/"):
            entry = next(e for e in site.entries if e["id"] == path.rsplit("/", 1)[1])
            page = PAGE.format(title=entry["title"], text=entry.get("text", LONG))
            return self._send(200, page.encode(), {"Content-Type": "text/html; charset=utf-8"})
        if path == "/loop":
            return self._send(302, b"", {"Location": "/loop"})
        if path == "/slow":
            time.sleep(4)
            return self._send(200, b"late")
        if path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"<p>a</p>")
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return None
        if path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"x" * 10_000)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return None
        if path == "/bomb":
            return self._send(200, gzip.compress(b"0" * 5_000_000),
                              {"Content-Encoding": "gzip", "Content-Type": "text/html"})
        return self._send(404, b"not here")

    def _send(self, status: int, body: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up first
                self.wfile.write(body)


@pytest.fixture
def site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.site = Site(entries=[
        {"id": "1", "title": "Harbour bridge shut", "date": "Tue, 03 Mar 2026 09:00:00 GMT",
         "summary": "The bridge is shut while engineers check a girder."},
        {"id": "2", "title": "Ferries added", "date": "Tue, 03 Mar 2026 11:00:00 GMT",
         "summary": "More ferries run.", "text": LONG.replace("bridge", "crossing")},
    ])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.base = f"http://127.0.0.1:{server.server_port}"
    yield server
    server.shutdown()
    server.server_close()


def settings_for(tmp_path: Path, **overrides) -> Settings:
    return Settings(db_url=str(tmp_path / "live.db"), **overrides)


def test_ingest_url_stores_a_page_then_a_feed_with_its_pages(site, tmp_path: Path):
    settings = settings_for(tmp_path)
    with Store.open(settings.db_url) as store:
        assert ingest_paths([f"{site.base}/article/1"], store, settings).added == 1
        [page] = store.list_articles()
        assert page.url == f"{site.base}/article/1" and page.outlet == "127.0.0.1"
        assert page.title == "Harbour bridge shut" and "Share this article" not in store.get_article(
            page.article_id).clean_text
        report = ingest_paths([f"{site.base}/feed.xml"], store, settings)
        assert report.ok, report.errors
        assert (report.added, report.already_stored) == (1, 1)  # entry 1's page is stored: not fetched again
        assert site.site.hits["/article/1"] == 1 and site.site.hits["/article/2"] == 1
        [ferries] = [a for a in store.list_articles() if a.title == "Ferries added"]
        assert ferries.outlet == "Harbour Gazette" and ferries.published.isoformat() == "2026-03-03"
        assert ferries.word_count > 100  # the page's text, not the feed's one-line summary


def test_the_cli_ingests_a_url_and_names_a_failing_one(site, tmp_path: Path):
    db = str(tmp_path / "cli.db")
    result = CliRunner().invoke(cli, ["--db", db, "ingest", "-q", f"{site.base}/feed.xml", f"{site.base}/gone"])
    assert result.exit_code == 1
    assert f"[E117] {site.base}/gone: the server answered HTTP 404 Not Found" in result.output
    assert "2 added" in result.output


def test_watch_polls_conditionally_and_fetches_only_new_entries(site, tmp_path: Path):
    settings = settings_for(tmp_path)
    feed = f"{site.base}/feed.xml"
    with Store.open(settings.db_url) as store:
        watcher = Watcher([feed], store, settings, timedelta(minutes=15))
        first = watcher.poll(feed)
        assert (first.outcome, first.added, first.pages_fetched) == ("new", 2, 2)
        second = watcher.poll(feed)
        assert (second.outcome, second.added, second.pages_fetched) == ("unchanged", 0, 0)
        assert site.site.conditional == [False, True]
        site.site.entries.append({"id": "3", "title": "Bridge to reopen", "date": "Wed, 04 Mar 2026 08:00:00 GMT",
                                  "summary": "Engineers say the girder can be mended."})
        third = watcher.poll(feed)
        assert (third.outcome, third.added, third.pages_fetched) == ("new", 1, 1)
        assert site.site.hits["/article/1"] == 1 and site.site.hits["/article/3"] == 1
        assert store.count_articles() == 3
        state = store.feed_states()[feed]
        assert state.articles_added == 3 and state.failures == 0 and state.etag
        watcher.close()


def test_a_failing_feed_backs_off_and_recovers(site, tmp_path: Path):
    settings = settings_for(tmp_path)
    feed, every = f"{site.base}/feed.xml", timedelta(minutes=10)
    with Store.open(settings.db_url) as store:
        watcher = Watcher([feed], store, settings, every)
        site.site.status = 500
        one = watcher.poll(feed)
        two = watcher.poll(feed)
        assert (one.outcome, one.failures, two.failures) == ("failed", 1, 2)
        assert "[E117]" in one.errors[0] and "HTTP 500" in one.errors[0]
        state = store.feed_states()[feed]
        assert state.next_poll_at - state.last_polled_at == every * 4 and "HTTP 500" in state.last_error
        site.site.status, site.site.retry_after = 503, "7200"
        three = watcher.poll(feed)
        assert three.next_poll_at - store.feed_states()[feed].last_polled_at >= timedelta(hours=2)
        site.site.status = 200
        recovered = watcher.poll(feed)
        assert (recovered.outcome, recovered.added, recovered.failures) == ("new", 2, 0)
        assert store.feed_states()[feed].last_error is None
        watcher.close()


@pytest.mark.parametrize(("path", "expected"), [
    ("/loop", "more than 5 redirects"),
    ("/slow", "no complete answer within 1 s"),
    ("/trickle", "no complete answer within 1 s"),
    ("/huge", "[E118]"),
    ("/bomb", "[E118]"),
])
def test_bad_servers_give_clear_errors_in_bounded_time(site, tmp_path: Path, path: str, expected: str):
    settings = settings_for(tmp_path, fetch_timeout=1, max_document_bytes=200_000)
    started = time.monotonic()
    with Fetcher(settings) as fetcher, pytest.raises(Exception) as caught:
        read_url(f"{site.base}{path}", settings, fetcher)
    assert expected in str(caught.value) and f"{site.base}{path}" in str(caught.value)
    assert time.monotonic() - started < 3.5


def test_watch_stops_on_sigterm_and_a_restart_goes_on_where_it_was(site, tmp_path: Path):
    db, feed = str(tmp_path / "watch.db"), f"{site.base}/feed.xml"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-m", "presslens", "--db", db, "watch", feed, "--every", "1s",
                                "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        first = json.loads(process.stdout.readline())
        assert first["outcome"] == "new" and first["added"] == 2
        second = json.loads(process.stdout.readline())  # a second poll a second later: 304
        assert second["outcome"] == "unchanged"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        process.kill()
    with Store.open(db) as store:
        assert store.count_articles() == 2
    site.site.entries.append({"id": "3", "title": "Bridge to reopen", "date": "Wed, 04 Mar 2026 08:00:00 GMT",
                              "summary": "Engineers say the girder can be mended."})
    again = CliRunner().invoke(cli, ["--db", db, "watch", feed, "--once", "--json"], catch_exceptions=False)
    assert again.exit_code == 0, again.output
    assert json.loads(again.output.strip().splitlines()[-1])["added"] == 1
    assert site.site.hits["/article/1"] == 1  # the restart fetched no stored entry again
    listed = json.loads(CliRunner().invoke(cli, ["--db", db, "feeds", "--json"]).output)
    assert [f["url"] for f in listed] == [feed] and listed[0]["articles_added"] == 3


def test_watch_needs_urls_and_a_readable_interval(tmp_path: Path):
    db = str(tmp_path / "x.db")
    assert CliRunner().invoke(cli, ["--db", db, "watch"]).exit_code == 2
    assert CliRunner().invoke(cli, ["--db", db, "watch", "feeds/local.xml"]).exit_code == 2
    assert parse_every("15m") == timedelta(minutes=15) and parse_every("90") == timedelta(seconds=90)
    with pytest.raises(Exception, match="--every"):
        parse_every("soon")


def test_once_polls_now_whatever_the_schedule_but_a_failing_feed_waits(site, tmp_path: Path):
    db, feed = str(tmp_path / "cron.db"), f"{site.base}/feed.xml"
    runner = CliRunner()
    first = runner.invoke(cli, ["--db", db, "watch", feed, "--once", "--every", "1h", "--json"])
    assert first.exit_code == 0 and json.loads(first.output.splitlines()[-1])["added"] == 2
    again = runner.invoke(cli, ["--db", db, "watch", feed, "--once", "--every", "1h", "--json"])
    assert again.exit_code == 0 and json.loads(again.output.splitlines()[-1])["outcome"] == "unchanged"
    assert site.site.conditional == [False, True]  # polled at once, not an hour later, and conditionally
    site.site.status = 500
    failed = runner.invoke(cli, ["--db", db, "watch", feed, "--once", "--every", "1h"])
    assert failed.exit_code == 1
    waiting = runner.invoke(cli, ["--db", db, "watch", feed, "--once", "--every", "1h"])
    assert waiting.exit_code == 0 and "backing off after 1 failure" in waiting.output
    assert len(site.site.conditional) == 3  # the backing-off feed was not asked again
