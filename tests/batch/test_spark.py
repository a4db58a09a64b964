"""Batch mode on a real local Spark (local[2]): same store as the single-process ingest, bad input
reported without stopping the job, output checked before it is loaded."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from presslens.batch import load_output, read_manifest
from presslens.errors import BatchError
from presslens.settings import Settings
from presslens.store import Store

SAMPLE_CORPUS = Path(__file__).resolve().parents[2] / "src" / "presslens" / "sample_corpus"
BATCH_SIZE = "8"  # the sample corpus's 28 documents make 4 batches, so both Spark tasks get work

if shutil.which("java") is None:
    if os.environ.get("CI"):
        raise RuntimeError("Spark needs Java: CI must provide it")
    pytest.skip("no java on PATH: Spark cannot start", allow_module_level=True)

pytestmark = pytest.mark.slow

# Everything the store holds, with the columns that must match (not insertion times).
TABLE_QUERIES = {
    "articles": "SELECT id, outlet, outlet_domain, url, title, published, language, fmt, source, raw_text, "
                "clean_text, offset_map, removed, word_count FROM articles ORDER BY pk",
    "quotes": "SELECT * FROM quotes ORDER BY pk",
    "mentions": "SELECT * FROM mentions ORDER BY pk",
    "entities": "SELECT * FROM entities ORDER BY id",
    "outlets": "SELECT * FROM outlets ORDER BY 1",
    "stories": "SELECT * FROM stories ORDER BY id",
    "story_links": "SELECT * FROM story_links ORDER BY article_id",
    "article_vectors": "SELECT * FROM article_vectors ORDER BY article_id",
}


def presslens(*args: str, db: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRESSLENS_BATCH_SIZE": BATCH_SIZE}
    return subprocess.run([sys.executable, "-m", "presslens", "--db", str(db), *args], env=env,
                          capture_output=True, text=True, timeout=600)


def dump(db: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as conn:
        return {name: conn.execute(query).fetchall() for name, query in TABLE_QUERIES.items()}


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("batch")
    bad = root / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (bad / "broken.jsonl").write_text('{"text": \n', encoding="utf-8")
    single = presslens("ingest", "-q", str(SAMPLE_CORPUS), db=root / "single.db")
    assert single.returncode == 0, single.stderr
    output = root / "out"
    spark = presslens("batch", "--input", str(SAMPLE_CORPUS), "--input", str(bad), "--output", str(output),
                      "--master", "local[2]", "--json", db=root / "spark.db")
    loaded = presslens("load", str(output), "--json", db=root / "spark.db")
    return {"root": root, "output": output, "single_db": root / "single.db", "spark_db": root / "spark.db",
            "spark": spark, "load": loaded}


def test_spark_batch_then_load_gives_the_single_process_store(runs):
    assert runs["load"].returncode == 0, runs["load"].stderr
    single, spark = dump(runs["single_db"]), dump(runs["spark_db"])
    assert len(single["articles"]) == 25 and len(single["quotes"]) > 200 and len(single["stories"]) >= 4
    for table in TABLE_QUERIES:
        assert spark[table] == single[table], f"{table} differs between Spark batch and single-process ingest"


def test_batch_reports_bad_documents_and_goes_on(runs):
    result = runs["spark"]
    assert result.returncode == 1, result.stderr  # some documents failed
    report = json.loads(result.stdout)["batch"]
    assert report["files"] == 23 and report["documents"] == 28 and report["articles"] + report["repeats"] == 28
    assert report["batches"] == 4
    assert any("[E102]" in e and "binary.txt" in e for e in report["errors"])
    assert any("[E104]" in e and "broken.jsonl:line 1" in e for e in report["errors"])
    assert "[E102]" in result.stderr


def test_output_is_parquet_with_a_manifest(runs):
    output = runs["output"]
    manifest = read_manifest(output)
    assert manifest["batch_size"] == int(BATCH_SIZE) and manifest["master"] == "local[2]"
    articles = pq.read_table(output / "articles")
    quotes = pq.read_table(output / "quotes")
    mentions = pq.read_table(output / "mentions")
    assert articles.num_rows == manifest["articles"] == 28 - manifest["repeats"] and manifest["repeats"] > 0
    assert len(list((output / "articles").glob("batch-*.parquet"))) == 4
    assert quotes.num_rows > 200 and mentions.num_rows > 300
    # Quote offsets point into each article's clean text.
    texts = {(r["batch"], r["position"]): r["clean_text"] for r in articles.select(
        ["batch", "position", "clean_text"]).to_pylist()}
    for row in quotes.slice(0, 50).to_pylist():
        content = texts[row["batch"], row["article"]][row["content_start"]:row["content_end"]]
        assert content.strip()


def test_loading_twice_adds_nothing(runs, tmp_path):
    db = tmp_path / "again.db"
    shutil.copy(runs["spark_db"], db)
    with Store.open(str(db)) as store:
        report = load_output(runs["output"], store, Settings(db_url=str(db)))
        assert report.added == 0 and report.already_stored == 28
        assert store.count_articles() == 25


def test_load_refuses_what_is_not_a_batch_output(runs, tmp_path):
    with Store.open(str(tmp_path / "x.db")) as store:
        with pytest.raises(BatchError, match=r"\[E701\].*no manifest.json"):
            load_output(tmp_path, store, Settings())
        manifest = tmp_path / "manifest.json"
        manifest.write_text('{"format": "presslens-batch", "version": 99}', encoding="utf-8")
        with pytest.raises(BatchError, match=r"\[E701\].*version 99"):
            load_output(tmp_path, store, Settings())
        broken = tmp_path / "copy"
        shutil.copytree(runs["output"], broken)
        (broken / "quotes" / "batch-000001.parquet").write_bytes(b"PAR1 truncated")
        with pytest.raises(BatchError, match=r"\[E701\].*batch-000001.parquet: .*unreadable Parquet"):
            load_output(broken, store, Settings())


def test_batch_refuses_a_non_empty_output_folder(runs):
    result = presslens("batch", "--input", str(SAMPLE_CORPUS / "txt"), "--output", str(runs["output"]),
                       db=runs["root"] / "x.db")
    assert result.returncode != 0 and "[E701]" in result.stderr and "not empty" in result.stderr
