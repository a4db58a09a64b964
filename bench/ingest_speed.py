"""Ingest speed: the sample corpus repeated (each copy made unique) to N articles.

Every copy goes through the real readers (txt, JSONL, HTML, RSS/Atom, WARC), cleaning
and a real SQLite store. Prints a table and writes JSON.

Run: .venv/bin/python bench/ingest_speed.py --articles 10000 [--json bench/results/ingest.json]
"""

from __future__ import annotations

import argparse
import io
import json
import re
import resource
import shutil
import tempfile
import time
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.warcwriter import WARCWriter

from presslens.pipeline import ingest_paths, sample_corpus_paths
from presslens.settings import Settings
from presslens.store import Store


def perturb(text: str, copy: int) -> str:
    """Make a copy's text unique (so its id differs) without changing its shape."""
    marker = f"Edition {copy}."
    if "</content:encoded>" in text or "</content>" in text:  # every feed entry
        text = text.replace("]]></content:encoded>", f"<p>{marker}</p>]]></content:encoded>")
        return text.replace("</content>", f"&lt;p&gt;{marker}&lt;/p&gt;</content>")
    if 'rel="canonical" href="' in text:  # an HTML page: a URL of its own
        url = re.search(r'rel="canonical" href="([^"]+)"', text)[1]
        return text.replace(f'"{url}"', f'"{url}?copy={copy}"')
    return re.sub(r"\n\n", f"\n\n{marker}\n\n", text, count=1) if "\n\n" in text else text + marker


def copy_file(source: Path, target: Path, copy: int) -> None:
    if source.suffix == ".jsonl":
        records = [json.loads(line) for line in source.read_text().splitlines() if line.strip()]
        for record in records:
            record["text"] += f" Edition {copy}."
        target.write_text("".join(json.dumps(r) + "\n" for r in records))
    elif source.name.endswith(".warc.gz"):
        target.write_bytes(_perturb_warc(source.read_bytes(), copy))
    else:
        target.write_text(perturb(source.read_text(encoding="utf-8"), copy), encoding="utf-8")


def _perturb_warc(data: bytes, copy: int) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for record in ArchiveIterator(io.BytesIO(data)):
        payload = record.content_stream().read()
        if record.rec_type == "response" and b'rel="canonical"' in payload:
            payload = perturb(payload.decode("utf-8"), copy).encode("utf-8")
        if record.http_headers is not None:
            record.http_headers.replace_header("Content-Length", str(len(payload)))
        new = writer.create_warc_record(
            record.rec_headers.get_header("WARC-Target-URI") or "", record.rec_type,
            payload=io.BytesIO(payload), length=len(payload), http_headers=record.http_headers)
        writer.write_record(new)
    return out.getvalue()


def build_corpus(folder: Path, articles: int) -> int:
    """Write copies of the sample corpus until it holds at least ``articles`` articles."""
    files = [p for root in sample_corpus_paths() for p in sorted(root.rglob("*")) if p.is_file()]
    settings = Settings(db_url=str(folder.parent / "probe.db"))
    with Store.open(settings.db_url) as store:
        per_copy = ingest_paths(sample_corpus_paths(), store, settings).documents
    copies = -(-articles // per_copy)
    for copy in range(copies):
        target = folder / f"copy{copy:05d}"
        target.mkdir()
        for source in files:
            copy_file(source, target / source.name, copy)
    return copies * per_copy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="presslens-bench-"))
    try:
        (folder / "corpus").mkdir()
        total = build_corpus(folder / "corpus", args.articles)
        settings = Settings(db_url=str(folder / "bench.db"))
        started = time.perf_counter()
        with Store.open(settings.db_url) as store:
            report = ingest_paths([folder / "corpus"], store, settings)
            stored = store.count_articles()
        seconds = time.perf_counter() - started
        again_started = time.perf_counter()
        with Store.open(settings.db_url) as store:
            again = ingest_paths([folder / "corpus"], store, settings)
        again_seconds = time.perf_counter() - again_started
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    result = {
        "articles_in_corpus": total, "articles_read": report.documents, "added": report.added,
        "stored": stored, "errors": len(report.errors), "seconds": round(seconds, 2),
        "articles_per_second": round(report.documents / seconds, 1),
        "reingest_added": again.added, "reingest_seconds": round(again_seconds, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "added_by_format": dict(report.added_by_format),
    }
    for error in report.errors[:5]:
        print("error:", error)
    for key, value in result.items():
        print(f"{key:22} {value}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
