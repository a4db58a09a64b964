"""The quote index (``compare.trace``) at scale: a synthetic SQLite store of 100,000 quotes, then the cost of
adding a quote and of finding a quote's versions, and the index's size.

The store is filled through ``Store.add_articles`` (quotes with their index keys, as ingest writes them) with
synthetic articles of five quotes each: sentences drawn from the PolNeAR train quotes when
../shared/data/polnear/train.jsonl is there (else from a generated vocabulary), a share of them re-quoted
verbatim, trimmed or altered by other outlets, as real coverage does. No NLP runs: this measures the index.

Reported: per added quote at 10k and at the full size (signature + index rows, in one transaction per article),
candidate lookup and full trace (lookup + aligner) per quote, rows and bytes of ``quote_bands`` (SQLite dbstat
when compiled in, else the file growth).

Run: .venv/bin/python bench/quote_index.py [--quotes 100000] [--json bench/results/quote_index.json]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from report import write_json

from presslens.archive import quote_trace
from presslens.compare.trace import band_keys
from presslens.records import Article, OffsetMap, Quote, Span
from presslens.store import Store

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "train.jsonl"
QUOTES_PER_ARTICLE = 5
OUTLETS = ("Harbour Gazette", "Northfield Echo", "Daily Ledger", "Screenline", "Continental Courier")


def sentences(rng: random.Random) -> list[str]:
    """Quotation texts to draw from: PolNeAR's (when present), else generated ones."""
    if POLNEAR.is_file():
        out = []
        with POLNEAR.open(encoding="utf-8") as handle:
            for line in handle:
                out += [q["quote_text"] for q in json.loads(line)["quotes"] if len(q["quote_text"].split()) >= 4]
        return out
    vocabulary = [f"word{i}" for i in range(20_000)]
    return [" ".join(rng.choices(vocabulary, k=rng.randint(5, 40))) for _ in range(30_000)]


def variant(text: str, rng: random.Random) -> str:
    """Another outlet's version: verbatim, trimmed or with a word changed."""
    words = text.split()
    roll = rng.random()
    if roll < 0.4 or len(words) < 6:
        return text
    if roll < 0.7:
        start = rng.randint(0, len(words) // 3)
        return " ".join(words[start:start + max(4, len(words) // 2)])
    words[rng.randrange(len(words))] = "reportedly"
    return " ".join(words)


def article(n: int, texts: list[str]) -> tuple[Article, list[Quote]]:
    body = "\n\n".join(f"“{t},” the official said." for t in texts)
    article_id = f"{n:016x}"
    record = Article(article_id, OUTLETS[n % len(OUTLETS)], None, f"Synthetic {n}", date(2016, 1, 1) +
                     timedelta(days=n // 200), "en", body, body, OffsetMap([(0, 0, len(body), len(body))]))
    quotes, at = [], 0
    for t in texts:
        start = body.index(t, at)
        quotes.append(Quote(article_id, Span(start, start + len(t), t), "direct"))
        at = start + len(t)
    return record, quotes


def fill(store: Store, count: int, pool: list[str], rng: random.Random, start: int = 0) -> tuple[int, list[str]]:
    """Add ``count`` quotes in articles of five; returns the next article number and some stored texts."""
    recent: list[str] = []
    n = start
    batch: list[tuple[Article, list[Quote]]] = []
    for _ in range(count // QUOTES_PER_ARTICLE):
        texts = [variant(rng.choice(recent), rng) if recent and rng.random() < 0.3 else rng.choice(pool)
                 for _ in range(QUOTES_PER_ARTICLE)]
        recent = (recent + texts)[-2000:]
        batch.append(article(n, texts))
        n += 1
        if len(batch) == 200:
            _add(store, batch)
            batch = []
    if batch:
        _add(store, batch)
    return n, recent


def _add(store: Store, batch: list[tuple[Article, list[Quote]]]) -> None:
    store.add_articles([a for a, _ in batch], {a.article_id: q for a, q in batch}, method="bench",
                       quote_keys=band_keys)


def timed_adds(store: Store, n: int, pool: list[str], rng: random.Random, articles: int = 200) -> float:
    """Milliseconds per quote to add ``articles`` articles one at a time (one transaction each)."""
    started = time.perf_counter()
    for i in range(articles):
        _add(store, [article(n + i, [rng.choice(pool) for _ in range(QUOTES_PER_ARTICLE)])])
    return (time.perf_counter() - started) * 1000 / (articles * QUOTES_PER_ARTICLE)


def index_size(db: Path) -> tuple[int, int | None]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT count(*) FROM quote_bands").fetchone()[0]
        try:
            size = conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name IN "
                                "('quote_bands', 'ix_quote_bands_article_id', 'ix_quote_bands_quote_pk')"
                                ).fetchone()[0]
        except sqlite3.OperationalError:
            size = None
    return rows, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rng = random.Random(1)
    pool = sentences(rng)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "index.db"
        store = Store.open(str(db))
        started = time.perf_counter()
        n, _ = fill(store, 10_000, pool, rng)
        add_10k = timed_adds(store, n, pool, rng)
        n, _ = fill(store, args.quotes - 10_000, pool, rng, n + 200)
        fill_s = time.perf_counter() - started
        add_full = timed_adds(store, n, pool, rng)
        sample = [q for q in store.list_quotes(limit=200, offset=args.quotes // 2)][:100]
        started = time.perf_counter()
        candidates = sum(len(store.quote_candidates(q.quote_id)) for q in sample)
        lookup_ms = (time.perf_counter() - started) * 1000 / len(sample)
        started = time.perf_counter()
        versions = sum(len(quote_trace(store, q.quote_id).versions) for q in sample)
        trace_ms = (time.perf_counter() - started) * 1000 / len(sample)
        stored = store.count_quotes()
        store.close()
        rows, size = index_size(db)
        file_bytes = db.stat().st_size
    result = {"quotes": stored, "fill_seconds": round(fill_s, 1), "add_ms_per_quote_at_10k": round(add_10k, 3),
              "add_ms_per_quote_at_full": round(add_full, 3), "candidates_lookup_ms": round(lookup_ms, 2),
              "candidates_per_quote": round(candidates / len(sample), 1), "trace_ms": round(trace_ms, 1),
              "versions_per_quote": round(versions / len(sample), 2), "index_rows": rows,
              "index_rows_per_quote": round(rows / stored, 1), "index_bytes": size, "database_bytes": file_bytes,
              "source": "PolNeAR train quotes" if POLNEAR.is_file() else "generated vocabulary"}
    for key, value in result.items():
        print(f"{key:28} {value}")
    if args.json:
        write_json(args.json, result)


if __name__ == "__main__":
    main()
