"""The command line, run in-process with click's runner on a real SQLite file."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from presslens.cli import cli


@pytest.fixture
def run(tmp_path: Path):
    db = str(tmp_path / "cli.db")

    def invoke(*args: str):
        return CliRunner().invoke(cli, ["--db", db, *args], catch_exceptions=False)

    return invoke


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(
        "date 2026-03-04\nHarbour bridge shut\n\n“We will not take risks,” said Mayor Helen Okafor.\n\n"
        "Share this article\n\nArticle from: https://www.harbourgazette.example/bridge\n")
    (root / "b.jsonl").write_text(json.dumps(
        {"text": "The football club was sold.", "title": "Club sold", "outlet": "Daily Ledger",
         "date": "2026-03-05"}) + "\n")
    return root


def test_cli_ingest_list_show_search(run, folder: Path):
    result = run("ingest", str(folder), "--json")
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert report["added"] == 2 and report["added_by_format"] == {"jsonl": 1, "txt": 1}

    listing = json.loads(run("articles", "--json").output)
    assert [a["title"] for a in listing] == ["Club sold", "Harbour bridge shut"]
    bridge = listing[1]
    assert bridge["outlet"] == "harbourgazette.example" and bridge["published"] == "2026-03-04"

    shown = json.loads(run("show", bridge["article_id"][:8], "--json").output)
    assert shown["clean_text"] == '"We will not take risks," said Mayor Helen Okafor.'
    assert "Share this article" in [r["text"] for r in shown["removed"]]
    assert "Okafor" in run("show", bridge["article_id"]).output

    hits = json.loads(run("search", "okafor", "--json").output)
    assert [h["article_id"] for h in hits] == [bridge["article_id"]]
    assert "«Okafor»" in hits[0]["snippet"]
    assert bridge["article_id"] in run("search", "risks").output


def test_cli_ingest_failure_sets_exit_code(run, folder: Path, tmp_path: Path):
    (folder / "bad.jsonl").write_text("{not json\n")
    result = run("ingest", str(folder), "-q")
    assert result.exit_code == 1
    assert "bad.jsonl:line 1: invalid JSON" in result.output
    assert "2 added" in result.output


def test_cli_filters_articles_by_outlet_and_date(run, folder: Path):
    run("ingest", str(folder), "-q")
    only = json.loads(run("articles", "--outlet", "daily ledger", "--json").output)
    assert [a["title"] for a in only] == ["Club sold"]
    since = json.loads(run("articles", "--since", "2026-03-05", "--json").output)
    assert [a["title"] for a in since] == ["Club sold"]


def test_cli_demo_ingests_the_sample_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    db = tmp_path / "demo.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "demo"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    # the 25 English articles of every format and the 15 French ones (JSON Lines)
    assert "40 added (feed 4, html 3, jsonl 19, txt 11, warc 3)" in result.output
    assert "Harbour Gazette" in result.output and "Métropole Soir" in result.output and db.exists()
    again = CliRunner().invoke(cli, ["--db", str(db), "demo"], catch_exceptions=False)
    assert "0 added" in again.output and "40 already stored" in again.output
    after = tmp_path / "after.db"  # --db after the subcommand names the store too
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["demo", "--db", str(after)], catch_exceptions=False)
    assert result.exit_code == 0 and after.exists() and not (tmp_path / "presslens-demo.db").exists()


def test_cli_db_option_works_after_the_subcommand(folder: Path, tmp_path: Path):
    db = str(tmp_path / "after.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(folder), "-q", "--db", db], catch_exceptions=False).exit_code == 0
    listing = json.loads(runner.invoke(cli, ["articles", "--json", "--db", db], catch_exceptions=False).output)
    assert len(listing) == 2
    assert "--db" in runner.invoke(cli, ["serve", "--db", db, "--help"]).output


def test_cli_listings_say_how_many_of_how_many(run, folder: Path):
    run("ingest", str(folder), "-q")
    assert "showing 1 of 2 articles" in run("articles", "--limit", "1").output
    assert "2 articles" in run("articles").output and "showing" not in run("articles").output
    assert "1 quote" in run("quotes").output and "1 quotes" not in run("quotes").output
    outlets = json.loads(run("outlets", "--json").output)
    assert sorted(o["articles"] for o in outlets) == [1, 1]
    assert {o["outlet"] for o in outlets} == {"harbourgazette.example", "Daily Ledger"}
    assert "2 outlets" in run("outlets").output


def test_cli_quotes_and_stories_filter_by_outlet_and_day(run, folder: Path):
    run("ingest", str(folder), "-q")
    assert len(json.loads(run("quotes", "--until", "2026-03-04", "--json").output)) == 1
    assert json.loads(run("quotes", "--since", "2026-03-05", "--json").output) == []
    assert json.loads(run("quotes", "--outlet", "DAILY LEDGER", "--json").output) == []
    later = json.loads(run("stories", "--since", "2026-03-05", "--json").output)
    assert [s["title"] for s in later] == ["Club sold"]
    assert len(json.loads(run("stories", "--json").output)) == 2


def test_cli_story_refuses_two_formats(run, folder: Path):
    run("ingest", str(folder), "-q")
    story_id = json.loads(run("stories", "--json").output)[0]["story_id"]
    result = run("story", story_id, "--json", "--format", "md")
    assert result.exit_code == 2 and "two formats" in result.output
