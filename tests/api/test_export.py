"""Exports of the sample corpus on each backend: every table in every format, read back, equal to the store."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from presslens.cli import cli
from presslens.settings import Settings
from presslens.store import EXPORT_COLUMNS, EXPORT_TABLES, ExportFilters, Store
from presslens.store.models import EntityRow, MentionRow, StoryLinkRow, ThreadRow

FORMATS = ("csv", "jsonl", "parquet")


def read_back(data: bytes, fmt: str) -> list[dict]:
    """The rows of an export, as the user's tools would read them (lists of CSV cells decoded from JSON)."""
    if fmt == "parquet":
        return pq.read_table(io.BytesIO(data)).to_pylist()
    if fmt == "jsonl":
        return [json.loads(line) for line in data.decode("utf-8").splitlines()]
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def table_count(store: Store, table: str) -> int:
    """How many rows the store holds for ``table``, counted in SQL, not through the export."""
    counted = {"articles": store.count_articles, "quotes": store.count_quotes, "stories": store.count_stories}
    if table in counted:
        return counted[table]()
    query = {"mentions": select(func.count()).select_from(MentionRow),
             "entities": select(func.count()).select_from(EntityRow).where(
                 EntityRow.id.in_(select(MentionRow.entity_id))),
             "threads": select(func.count()).select_from(ThreadRow)}[table]
    with store.engine.connect() as conn:
        return conn.scalar(query)


def run_export(db: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["export", *args, "--db", db])
    return result.exit_code, result.output


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_table_reads_back_with_the_stores_row_count(corpus_url, tmp_path, fmt):
    with Store.open(corpus_url, create=False) as store:
        for table in EXPORT_TABLES:
            out = tmp_path / f"{table}.{fmt}"
            code, output = run_export(corpus_url, table, "--format", fmt, "--out", str(out))
            assert code == 0, output
            rows = read_back(out.read_bytes(), fmt)
            assert len(rows) == table_count(store, table), (table, fmt)
            columns = [name for name, _ in EXPORT_COLUMNS[table]]
            assert all(list(row) == columns for row in rows)
            assert f"exported {len(rows)}" in output
    assert not list(tmp_path.glob(".*partial"))


def test_quotes_carry_ids_and_offsets_into_the_original_text(corpus_url):
    with Store.open(corpus_url, create=False) as store:
        articles = {row["article_id"]: row for row in store.export("articles")}
        quotes = list(store.export("quotes"))
        assert len({q["quote_id"] for q in quotes}) == len(quotes) > 50
        for quote in quotes:
            article = articles[quote["article_id"]]
            raw = article["raw_text"]
            assert raw[quote["content_start"]:quote["content_end"]] == quote["content"]
            if quote["speaker_start"] is not None:
                assert raw[quote["speaker_start"]:quote["speaker_end"]] == quote["speaker"]
            assert quote["story_id"] == article["story_id"] is not None
        assert any(q["speaker_entity_id"] for q in quotes)


def test_stories_list_every_member_once(corpus_url):
    with Store.open(corpus_url, create=False) as store:
        stories = list(store.export("stories"))
        members = [a for s in stories for a in s["article_ids"]]
        assert all(s["size"] == len(s["article_ids"]) for s in stories)
        with store.engine.connect() as conn:
            linked = set(conn.scalars(select(StoryLinkRow.article_id)))
        assert sorted(members) == sorted(linked)
        for story in stories:
            assert story["article_ids"][0] == story["story_id"]  # a story's id is its first article's


def test_filters_choose_the_same_rows_as_the_listings(corpus_url):
    with Store.open(corpus_url, create=False) as store:
        outlet = store.outlet_counts()[0][0]
        by_outlet = list(store.export("quotes", ExportFilters(outlet=outlet.upper())))
        assert len(by_outlet) == len(store.list_quotes(outlet=outlet, limit=10_000)) > 0
        assert {q["outlet"] for q in by_outlet} == {outlet}
        story = store.list_stories(limit=1)[0]
        in_story = list(store.export("articles", ExportFilters(story_id=story.story_id[:6])))
        assert sorted(a["article_id"] for a in in_story) == sorted(store.story_article_ids(story.story_id))
        assert [s["story_id"] for s in store.export("stories", ExportFilters(story_id=story.story_id))] \
            == [story.story_id]
        speaker = next(q.speaker_name for q in store.list_quotes(limit=100) if q.speaker_name)
        said = list(store.export("quotes", ExportFilters(speaker=speaker.split()[-1].lower())))
        assert len(said) == len(store.list_quotes(speaker=speaker.split()[-1], limit=10_000)) > 0
        days = sorted(a.published for a in store.list_articles(limit=1000) if a.published)
        since, until = days[len(days) // 3], days[2 * len(days) // 3]
        dated = list(store.export("articles", ExportFilters(since=since, until=until)))
        assert len(dated) == len(store.list_articles(since=since, until=until, limit=1000)) > 0
        assert all(since <= a["published"] <= until for a in dated)
        for story in store.export("stories", ExportFilters(since=until)):
            assert story["last_seen"] >= until


def test_csv_opens_in_a_spreadsheet_with_the_bom_option(corpus_db, tmp_path):
    out = tmp_path / "entities.csv"
    assert run_export(str(corpus_db), "entities", "--out", str(out), "--bom")[0] == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfentity_id,kind,name,roles,forms")
    assert not (tmp_path / "plain.csv").exists()
    assert run_export(str(corpus_db), "entities", "--out", str(tmp_path / "plain.csv"))[0] == 0
    assert (tmp_path / "plain.csv").read_bytes().startswith(b"entity_id,")
    rows = read_back(data, "csv")
    assert all(isinstance(json.loads(row["forms"]), list) for row in rows)
    assert any("é" in row["name"] for row in rows)  # the French corpus' accents survive


def test_export_errors_are_clear_and_leave_no_file(corpus_db, tmp_path):
    out = tmp_path / "x.jsonl"

    def presslens(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "presslens", "--db", str(corpus_db), "export", *args,
                               "--out", str(out)], capture_output=True, text=True, timeout=300)

    missing = presslens("stories", "--story", "zzzzzzzz")
    assert missing.returncode == 4 and "no story matches" in missing.stderr and not out.exists()
    misplaced = presslens("articles", "--speaker", "Okafor")
    assert misplaced.returncode == 2 and "applies to quotes only" in misplaced.stderr
    assert not list(tmp_path.iterdir())


def test_export_to_stdout_defaults_to_jsonl(corpus_db):
    result = CliRunner().invoke(cli, ["--db", str(corpus_db), "export", "stories", "--outlet", "Screenline"])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines and all("Screenline" in s["outlets"] for s in lines)


@pytest.mark.parametrize("fmt", FORMATS)
def test_api_export_matches_the_cli(client, corpus_url, tmp_path, fmt):
    for table in ("quotes", "stories"):
        response = client.get(f"/api/v1/export/{table}", params={"format": fmt})
        assert response.status_code == 200
        assert response.headers["content-disposition"] == f'attachment; filename="{table}.{fmt}"'
        out = tmp_path / f"{table}.{fmt}"
        assert run_export(corpus_url, table, "--format", fmt, "--out", str(out))[0] == 0
        assert read_back(response.content, fmt) == read_back(out.read_bytes(), fmt)


def test_api_export_errors(client):
    assert client.get("/api/v1/export/stories", params={"speaker": "x"}).json()["error"]["code"] == "E007"
    assert client.get("/api/v1/export/stories", params={"story": "zzzzzzzz"}).status_code == 404
    assert client.get("/api/v1/export/votes").status_code == 422
    assert client.get("/api/v1/export/quotes", params={"format": "xlsx"}).status_code == 422
    bom = client.get("/api/v1/export/articles", params={"format": "csv", "bom": "true"})
    assert bom.content.startswith(b"\xef\xbb\xbf")


def test_an_empty_selection_is_still_a_readable_file_with_the_tables_columns(corpus_db, tmp_path):
    settings = Settings(db_url=str(corpus_db))
    for fmt in FORMATS:
        out = tmp_path / f"none.{fmt}"
        code, _ = run_export(settings.db_url, "quotes", "--outlet", "No Such Outlet", "--format", fmt,
                             "--out", str(out))
        assert code == 0
        assert read_back(out.read_bytes(), fmt) == []
    assert pq.read_schema(tmp_path / "none.parquet").names == [name for name, _ in EXPORT_COLUMNS["quotes"]]
