"""Requests/second and latency of the API and the story page under concurrent local clients.

Starts uvicorn over a store (the sample corpus in a temporary file unless --db is given), then
runs --clients threads for --seconds per URL (the JSON API and every web page; --only narrows them)
with one keep-alive connection each. Prints a table (5xx: server errors; failed: timeouts or dropped
connections) and writes JSON.

    .venv/bin/python bench/api_load.py --clients 8 --seconds 10
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

from presslens.pipeline import ingest_paths, sample_corpus_paths
from presslens.settings import Settings
from presslens.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--out", type=Path, default=Path("bench/results/api_load.json"))
    parser.add_argument("--only", nargs="*", help="only the requests whose name holds one of these words")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or str(Path(folder) / "load.db")
        if not args.db:
            with Store.open(Settings(db_url=db).db_url) as store:
                ingest_paths(sample_corpus_paths(), store, Settings(db_url=db))
        base, server = _start(db)
        urls = _urls(base)
        httpx.get(base + urls["GET /stories/{id} (story page)"], timeout=60)  # builds the brief once, then cached
        rows = [_load(name, base + path, args.clients, args.seconds) for name, path in urls.items()
                if not args.only or any(word in name for word in args.only)]
        server.terminate()
        server.wait(timeout=20)
    print(f"{args.clients} clients, {args.seconds:.0f} s per URL, presslens serve (1 worker) in its own process")
    print(f"{'request':<44} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'5xx':>5} {'failed':>6}")
    for row in rows:
        print(f"{row['request']:<44} {row['requests_per_second']:>8.1f} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} "
              f"{row['p99_ms']:>8.1f} {row['errors']:>5} {row['failed']:>6}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"clients": args.clients, "seconds": args.seconds, "rows": rows}, indent=2))


def _urls(base: str) -> dict[str, str]:
    """The requests to load: the API, then every page of the web UI (over the biggest story, the most quoted
    person, the first thread when there is one)."""
    stories = httpx.get(f"{base}/api/v1/stories").json()["items"]
    story, outlets = stories[0]["story_id"], stories[0]["outlets"]
    person = httpx.get(f"{base}/people").text.split('class="person-link" href="')[1].split('"')[0]
    threads = httpx.get(f"{base}/api/v1/threads").json()["items"]
    urls = {"GET /api/v1/stories": "/api/v1/stories",
            "GET /api/v1/stories/{id}/brief": f"/api/v1/stories/{story}/brief",
            "GET / (story list page)": "/", "GET /stories/{id} (story page)": f"/stories/{story}",
            "GET /?outlet=&since= (filtered list)": "/?" + urlencode({"outlet": outlets[0], "since": "2000-01-01"}),
            "GET /stories/{id}?outlets= (chosen columns)":
                f"/stories/{story}?" + urlencode({"outlets": ",".join(outlets[-2:])}),
            "GET /threads (thread list)": "/threads", "GET /people (people index)": "/people",
            "GET /people/{id} (person page)": person, "GET /outlets (outlets page)": "/outlets",
            "GET /search?q= (search page)": "/search?q=council"}
    if threads:
        urls["GET /threads/{id} (thread page)"] = f"/threads/{threads[0]['thread_id']}"
    return urls


def _start(db: str):
    """``presslens serve`` in its own process, so that the clients do not share its interpreter."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-c", "from presslens.cli import main; main()", "--db", db,
                                "serve", "--port", str(port)], stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{base}/api/v1/stories", timeout=2)
            return base, process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


def _load(name: str, url: str, clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors, failed = [0], [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def worker() -> None:
        with httpx.Client(timeout=30) as client:
            while time.perf_counter() < stop:
                started = time.perf_counter()
                try:
                    status = client.get(url).status_code
                except httpx.HTTPError:  # a timeout or a dropped connection: counted, not a latency
                    with lock:
                        failed[0] += 1
                    continue
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    errors[0] += status >= 500
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = time.perf_counter() - began
    ordered = sorted(latencies)
    return {"request": name, "requests": len(ordered), "requests_per_second": round(len(ordered) / total, 1),
            "p50_ms": round(statistics.median(ordered) * 1000, 1),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1),
            "p99_ms": round(ordered[int(0.99 * (len(ordered) - 1))] * 1000, 1),
            "errors": errors[0], "failed": failed[0]}


if __name__ == "__main__":
    main()
