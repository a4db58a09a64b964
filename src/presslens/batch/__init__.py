"""Batch mode: the pipeline as an Apache Spark job, its output as Parquet, and loading it into a store.

``run_batch`` ingests, cleans and analyses (entities and quotes, the model-heavy half) every
document on Spark, batch by batch, and writes three Parquet tables under the output folder
(``articles/``, ``quotes/``, ``mentions/``, one file a batch) with a ``manifest.json``.
``load_output`` then links each batch's findings to the people known so far and stores them,
in ingest order, exactly as a single-process ingest does, and clusters the stories. So the
store a batch run fills is the store ``presslens ingest`` fills from the same input.

The output folder must be visible to every executor (any folder in local mode; a shared
filesystem on a cluster), and every executor needs presslens installed.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyarrow.parquet as pq

from ..analysis import Findings, link
from ..errors import BatchError, PresslensError
from ..ingest import iter_sources
from ..pipeline import IngestReport, store_analysed, update_stories
from ..settings import Settings
from ..store import Store
from ..stories import ENCODER_NAME
from .records import FORMAT_VERSION, TABLES, read_analysed

__all__ = ["BatchReport", "load_output", "run_batch"]

MANIFEST = "manifest.json"


@dataclass
class BatchReport:
    """What a Spark batch run did."""

    output: str
    master: str
    files: int = 0
    documents: int = 0
    repeats: int = 0  # documents an earlier batch already holds (stored once, as ingest does)
    articles: int = 0
    quotes: int = 0
    batches: int = 0
    errors: list[PresslensError] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {"output": self.output, "master": self.master, "files": self.files, "documents": self.documents,
                "repeats": self.repeats, "articles": self.articles, "quotes": self.quotes, "batches": self.batches,
                "errors": [str(e) for e in self.errors], "seconds": round(self.seconds, 3),
                "articles_per_second": round(self.articles / self.seconds, 2) if self.seconds else None}


def run_batch(inputs: list[str], output: Path, settings: Settings, *, master: str = "local[2]",
              outlet: str | None = None) -> BatchReport:
    """Analyse every document under ``inputs`` on Spark and write the tables to ``output``."""
    from .job import run_job, spark_session

    output = Path(output)
    if output.exists() and any(output.iterdir()):
        raise BatchError("E701", source=str(output), detail="the output folder exists and is not empty")
    output.mkdir(parents=True, exist_ok=True)
    report = BatchReport(str(output), master)
    started = time.perf_counter()
    sources = list(iter_sources(inputs))
    report.errors += [s for s in sources if isinstance(s, PresslensError)]
    files = [str(s) for s in sources if isinstance(s, Path)]
    report.files = len(files)
    if files:
        try:
            spark = spark_session(master)
        except Exception as exc:  # no Java, a bad master URL: say so in one line
            raise BatchError("E702", source=master, detail=f"{type(exc).__name__}: {exc}") from exc
        try:
            result = run_job(spark, files, output, settings, outlet)
        finally:
            spark.stop()
        report.documents, report.repeats = result.documents, result.repeats
        report.errors += result.errors
        for batch in sorted(result.batches, key=lambda b: b["batch"]):
            report.batches += 1
            report.articles += batch["articles"]
            report.quotes += batch["quotes"]
            report.errors += batch["errors"]
    report.seconds = time.perf_counter() - started
    _write_manifest(output, report, settings)
    return report


def _write_manifest(output: Path, report: BatchReport, settings: Settings) -> None:
    manifest = {"format": "presslens-batch", "version": FORMAT_VERSION, "quote_method": settings.quote_method,
                "batch_size": settings.batch_size, "encoder": ENCODER_NAME, **report.as_dict()}
    (output / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def read_manifest(directory: Path) -> dict:
    """The output folder's manifest, checked."""
    path = Path(directory) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BatchError("E701", source=str(directory), detail=f"no {MANIFEST} (did the batch run finish?)") from None
    except (OSError, ValueError) as exc:
        raise BatchError("E701", source=str(path), detail=f"unreadable manifest: {exc}") from None
    if manifest.get("format") != "presslens-batch" or manifest.get("version") != FORMAT_VERSION:
        raise BatchError("E701", source=str(path),
                         detail=f"format {manifest.get('format')!r} version {manifest.get('version')!r}, "
                                f"expected presslens-batch version {FORMAT_VERSION}")
    if manifest.get("encoder") != ENCODER_NAME:
        raise BatchError("E701", source=str(path), detail=f"vectors from {manifest.get('encoder')!r}, "
                                                          f"this presslens uses {ENCODER_NAME!r}")
    return manifest


def load_output(directory: Path, store: Store, settings: Settings) -> IngestReport:
    """Store a batch run's output, batch by batch in ingest order, then cluster the stories."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    settings = replace(settings, quote_method=manifest["quote_method"])
    report = IngestReport(files=manifest["files"], documents=manifest["documents"],
                          already_stored=manifest["repeats"])
    started = time.perf_counter()
    for batch_file in sorted((directory / "articles").glob("batch-*.parquet")):
        tables = [_read_table(directory / name / batch_file.name, schema) for name, schema in TABLES.items()]
        _load_batch(read_analysed(*tables), store, settings, report)
    if report.added:
        report.stories = update_stories(store, settings).stories
    report.seconds = time.perf_counter() - started
    return report


def _read_table(path: Path, schema):
    try:
        return pq.read_table(path, schema=schema)
    except (OSError, ValueError) as exc:  # pyarrow's errors derive from these
        raise BatchError("E701", source=str(path), detail=f"unreadable Parquet: {exc}") from None


def _load_batch(items, store: Store, settings: Settings, report: IngestReport) -> None:
    stored = store.existing_ids([i.article.article_id for i in items])
    fresh = [i for i in items if i.article.article_id not in stored]
    report.already_stored += len(items) - len(fresh)
    if not fresh:
        return
    articles = [i.article for i in fresh]
    analysis = link(articles, [Findings(i.entities, i.quotes) for i in fresh], store)
    store_analysed(articles, analysis, {i.article.article_id: i.vector for i in fresh if i.vector}, store, settings,
                   report)
