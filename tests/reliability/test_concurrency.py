"""Two ingest processes on one SQLite file while the API reads it: no "database is locked", nothing lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time

from fastapi.testclient import TestClient

from presslens.api import create_app
from presslens.settings import Settings
from presslens.store import Store

TOWNS = ["Portmere", "Northfield", "Dunmore", "Kelby", "Saltmarsh", "Eastdock", "Castle Hill", "Westbrook"]


def _batch(path, prefix: str, count: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            town = TOWNS[i % len(TOWNS)]
            text = (f"The {town} council met on Monday to discuss item {prefix}-{i}. \"We will decide soon,\" "
                    f"said councillor Mary Stone. Residents of {town} asked about the budget for {i} days.")
            record = {"title": f"{prefix} report {i}: {town} council meets", "outlet": f"{prefix} Post",
                      "date": f"2026-04-{1 + i % 20:02d}", "text": text}
            handle.write(json.dumps(record) + "\n")


def _ingest(db, path) -> subprocess.Popen:
    env = {**os.environ, "PRESSLENS_DB": str(db), "PRESSLENS_QUOTES": "rules", "PRESSLENS_BATCH_SIZE": "5"}
    return subprocess.Popen([sys.executable, "-c", "from presslens.cli import main; main()", "ingest", str(path)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_writers_and_a_reader(tmp_path):
    db = tmp_path / "shared.db"
    Store.open(Settings(db_url=str(db)).db_url).close()
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    _batch(first, "Alpha", 40)
    _batch(second, "Beta", 40)
    reads, failures = [0], []
    done = threading.Event()

    def reader() -> None:
        with TestClient(create_app(Settings(db_url=str(db)), with_web=False)) as client:
            while not done.is_set():
                for url in ("/api/v1/articles?limit=200", "/api/v1/stories", "/api/v1/quotes?q=council"):
                    response = client.get(url)
                    if response.status_code != 200:
                        failures.append((url, response.status_code, response.text[:200]))
                    reads[0] += 1
                time.sleep(0.01)

    thread = threading.Thread(target=reader)
    thread.start()
    writers = [_ingest(db, first), _ingest(db, second)]
    outputs = [w.communicate(timeout=600) for w in writers]
    done.set()
    thread.join(timeout=60)
    for writer, (out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
        assert "locked" not in (out + err).lower()
    assert not failures and reads[0] > 10
    with Store.open(Settings(db_url=str(db)).db_url) as store:
        titles = {a.title for a in store.list_articles(limit=1000)}
        assert len(titles) == 80
        assert store.count_quotes() >= 80
