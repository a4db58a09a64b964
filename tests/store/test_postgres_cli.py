"""The command line end to end on PostgreSQL: ``--db postgresql://...`` ingests, lists and searches as SQLite does."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy.engine import make_url

from presslens.cli import cli


def test_cli_ingest_stories_search_on_postgresql(new_database, tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "date 2026-03-04\nHarbour bridge shut\n\n“We will not take risks,” said Mayor Helen Okafor.\n\n"
        "Article from: https://www.harbourgazette.example/bridge\n")
    (folder / "b.jsonl").write_text("\n".join(json.dumps(r) for r in [
        {"text": "The harbour bridge stays shut, Mayor Helen Okafor said on Thursday.", "title": "Bridge still shut",
         "outlet": "Daily Ledger", "date": "2026-03-05"},
        {"text": "The football club was sold.", "title": "Club sold", "outlet": "Daily Ledger", "date": "2026-03-05"},
    ]) + "\n")
    pg_url = make_url(new_database("postgresql")).set(drivername="postgresql")  # plain postgresql:// URL
    urls = {"sqlite": new_database("sqlite"), "postgresql": pg_url.render_as_string(hide_password=False)}
    out: dict[str, list] = {}
    for backend, url in urls.items():
        def run(*args: str, url=url):
            result = CliRunner().invoke(cli, ["--db", url, *args], catch_exceptions=False)
            assert result.exit_code == 0, result.output
            return result.output

        report = json.loads(run("ingest", str(folder), "--json"))
        assert report["added"] == 3
        out[backend] = [json.loads(run(*command, "--json")) for command in (
            ("stories",), ("articles",), ("search", "okafor"), ("search", "bridge NOT club"), ("quotes",),
            ("entities",), ("stories", "--search", "bridge"))]
        assert json.loads(run("ingest", str(folder), "--json"))["added"] == 0
        assert "Harbour bridge shut" in run("story", out[backend][0][0]["story_id"][:8], "--format", "md")
    snippets = {backend: [h.pop("snippet") for hits in found[2:4] for h in hits] for backend, found in out.items()}
    assert out["postgresql"] == out["sqlite"]  # the snippet windows may differ: all else is the same
    stories, articles, hits = out["postgresql"][:3]
    assert sum(s["size"] for s in stories) == 3 and len(articles) == 3
    assert [h["title"] for h in hits] == ["Harbour bridge shut", "Bridge still shut"]
    assert all("«Okafor»" in snippet for snippet in snippets["postgresql"][:2])
