"""kill -9 during a 5,000-article ingest, several times: the database stays sound, keeps what it had,
and the same batch run again completes it without duplicates."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

ARTICLES = 5000
ROUNDS = 4


def _batch(path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(ARTICLES):
            record = {"title": f"Harbour notice {i}", "outlet": "Crash Gazette", "date": f"2026-05-{1 + i % 28:02d}",
                      "text": f"Notice {i}: the ferry timetable changes on pier {i % 17}. Tickets cost {i % 9} pounds."}
            handle.write(json.dumps(record) + "\n")


def _ingest(db, path) -> subprocess.Popen:
    env = {**os.environ, "PRESSLENS_DB": str(db), "PRESSLENS_QUOTES": "off", "PRESSLENS_BATCH_SIZE": "100"}
    return subprocess.Popen([sys.executable, "-c", "from presslens.cli import main; main()", "ingest", str(path)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _state(db) -> tuple[int, int]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        total, distinct = conn.execute("SELECT count(*), count(DISTINCT title) FROM articles").fetchone()
    return total, distinct


@pytest.mark.slow
def test_kill_nine_rounds_lose_nothing_and_rerun_completes(tmp_path):
    db, batch = tmp_path / "crash.db", tmp_path / "batch.jsonl"
    _batch(batch)
    rng = random.Random(7)
    stored = 0
    for _ in range(ROUNDS):
        process = _ingest(db, batch)
        time.sleep(rng.uniform(4.0, 12.0))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        total, distinct = _state(db)
        assert total == distinct  # no article twice
        assert total >= stored  # nothing that was stored is gone
        stored = total
    finished = _ingest(db, batch)
    _, err = finished.communicate(timeout=1200)
    assert finished.returncode == 0, err
    assert _state(db) == (ARTICLES, ARTICLES)
