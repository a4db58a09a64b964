"""Export speed and memory at scale (issue 21): ``presslens export quotes`` of up to a million rows.

Builds a SQLite store of synthetic articles (``--quotes-per-article`` quotes each, drawn from the sample
corpus's stored quotes so the text is realistic), then, for each size in ``--sizes``, runs
``presslens export quotes --format F --until DAY`` in a fresh process (the date filter picks the first N
quotes' articles) and reports wall time, rows per second, output size and the child's peak resident
memory. Flat peak memory across sizes is what "streamed" means.

    .venv/bin/python bench/export_speed.py --sizes 10000 100000 1000000
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from report import print_table, write_json
from sqlalchemy import insert

from presslens.pipeline import ingest_paths, sample_corpus_paths
from presslens.settings import Settings
from presslens.store import Store
from presslens.store.models import ArticleRow, QuoteRow

RESULTS = Path(__file__).parent / "results" / "export_speed.json"
START = date(2020, 1, 1)
PER_DAY = 100  # synthetic articles a day: a million quotes end in 2022, before the sample corpus's 2026
# The export in a child that ends by printing its peak resident memory: VmHWM, which (unlike ru_maxrss) starts
# afresh at exec and so does not inherit the parent's peak.
CHILD = ("import re, sys\nfrom presslens.cli import main\nsys.argv = ['presslens', *sys.argv[1:]]\n"
         "try:\n    main()\nfinally:\n    status = open('/proc/self/status').read()\n"
         "    print('peak_kb', re.search(r'VmHWM:\\s+(\\d+)', status).group(1), file=sys.stderr)")


def build_store(path: Path, articles: int, per_article: int) -> None:
    """A store of ``articles`` articles, one a day from START, each with ``per_article`` quotes."""
    settings = Settings(db_url=str(path))
    with Store.open(settings.db_url) as store:
        ingest_paths(sample_corpus_paths(), store, settings)
        seeds = list(store.export("quotes"))
        texts = {a["article_id"]: a for a in store.export("articles")}
    with Store.open(str(path)) as store, store.engine.begin() as conn:
        for first in range(0, articles, 1000):
            article_rows, quote_rows = [], []
            for n in range(first, min(first + 1000, articles)):
                seed = seeds[n % len(seeds)]
                raw = texts[seed["article_id"]]["raw_text"]
                article_id = f"{n:016x}"
                article_rows.append({
                    "id": article_id, "outlet": f"Outlet {n % 7}", "url": None, "title": f"Article {n}",
                    "published": START + timedelta(days=n // PER_DAY), "language": "en", "fmt": "txt",
                    "source": "bench", "raw_text": raw, "clean_text": raw, "offset_map": "[]", "removed": "[]",
                    "word_count": len(raw.split()), "ingested_at": START, "outlet_learned": False})
                for position in range(per_article):
                    quote = seeds[(n + position) % len(seeds)]
                    quote_rows.append({
                        "article_id": article_id, "position": position, "kind": quote["kind"],
                        "content_start": quote["content_start"], "content_end": quote["content_end"],
                        "content_text": quote["content"], "speaker_start": quote["speaker_start"],
                        "speaker_end": quote["speaker_end"], "speaker_text": quote["speaker"],
                        "cue_start": quote["cue_start"], "cue_end": quote["cue_end"], "cue_text": quote["cue"],
                        "speaker_name": quote["speaker_name"], "speaker_role": quote["speaker_role"],
                        "speaker_entity_id": quote["speaker_entity_id"], "channel": quote["channel"],
                        "method": "bench"})
            conn.execute(insert(ArticleRow), article_rows)
            conn.execute(insert(QuoteRow), quote_rows)


def run_export(db: Path, fmt: str, until: date, out: Path) -> dict:
    """One export in a fresh process: wall seconds and the child's peak resident memory."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", CHILD, "--db", str(db), "export", "quotes", "--format", fmt,
                             "--until", until.isoformat(), "--out", str(out)], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode:
        raise SystemExit(result.stderr)
    words = result.stderr.split()
    rows = int(words[words.index("exported") + 1].replace(",", ""))
    peak_kb = int(words[words.index("peak_kb") + 1])
    return {"rows": rows, "seconds": round(seconds, 1), "rows_per_s": int(rows / seconds),
            "mb_out": round(out.stat().st_size / 1e6, 2),
            "peak_rss_mb": round(peak_kb / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--quotes-per-article", type=int, default=10)
    parser.add_argument("--formats", nargs="+", default=["parquet", "csv"])
    args = parser.parse_args()
    per = args.quotes_per_article
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "export.db"
        started = time.perf_counter()
        build_store(db, max(args.sizes) // per, per)
        print(f"built a store of {max(args.sizes):,} synthetic quotes in {time.perf_counter() - started:.0f} s")
        rows = []
        for fmt in args.formats:
            for size in sorted(args.sizes):
                until = START + timedelta(days=(size // per - 1) // PER_DAY)
                measured = run_export(db, fmt, until, Path(tmp) / f"quotes.{fmt}")
                rows.append({"format": fmt, "size": size, **measured})
    print_table(rows, ["format", "size", "rows", "seconds", "rows_per_s", "mb_out", "peak_rss_mb"])
    write_json(RESULTS, {"quotes_per_article": per, "rows": rows})


if __name__ == "__main__":
    main()
