"""The Spark side of batch mode: functions the executors run, and the job that wires them.

Documents are numbered in ingest order (files as ``iter_sources`` lists them, records in file
order) and cut into the same batches a single-process ingest makes (``batch_size`` documents
each), so what one batch teaches its articles (names found in one text and looked for in the
others) is the same on both paths. Each batch is analysed by one task (models load once per
executor process and stay loaded) and written to its own Parquet files, named after the batch:
a retried or speculative task rewrites the same files.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..analysis import clean_and_find
from ..clean import article_id_for
from ..errors import PresslensError
from ..ingest import read_path
from ..pipeline import batch_vectors
from ..records import RawDoc
from ..settings import Settings
from .records import TABLES, AnalysedArticle, article_row, mention_rows, quote_rows


def read_file(settings: Settings, outlet: str | None, path: str) -> Iterator[RawDoc | PresslensError]:
    """Every document (or error) in one input file."""
    for found in read_path(Path(path), settings):
        if isinstance(found, RawDoc) and outlet:
            found.outlet = outlet
        yield found


def analyse_batches(settings: Settings, output: str, threads: int,
                    groups: Iterable[tuple[int, Iterable[tuple[int, RawDoc]]]]) -> Iterator[dict]:
    """Clean and analyse each batch, write its tables, and report what it held."""
    os.environ["PRESSLENS_THREADS"] = str(threads)  # before the first model loads in this executor process
    for batch, members in groups:
        docs = [doc for _, doc in sorted(members, key=lambda m: m[0])]
        articles, findings, errors = clean_and_find(docs, settings)
        vectors = batch_vectors(articles)
        items = [AnalysedArticle(batch, n, a, f.entities, f.quotes, vectors[a.article_id])
                 for n, (a, f) in enumerate(zip(articles, findings, strict=True))]
        write_batch(Path(output), batch, items)
        yield {"batch": batch, "articles": len(items), "quotes": sum(len(i.quotes) for i in items),
               "errors": errors}


def write_batch(output: Path, batch: int, items: list[AnalysedArticle]) -> None:
    """One Parquet file a table for the batch, written under a temporary name and then renamed."""
    rows = {"articles": [article_row(i) for i in items],
            "quotes": [r for i in items for r in quote_rows(i)],
            "mentions": [r for i in items for r in mention_rows(i)]}
    for name, schema in TABLES.items():
        folder = output / name
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"batch-{batch:06d}.parquet"
        partial_file = folder / f".{final.name}.{os.getpid()}.tmp"
        pq.write_table(pa.Table.from_pylist(rows[name], schema=schema), partial_file)
        os.replace(partial_file, final)


def spark_session(master: str):
    """A Spark session whose Python workers run this interpreter (the one presslens is installed in)."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    return (SparkSession.builder.master(master).appName("presslens batch")
            .config("spark.ui.enabled", "false")
            .config("spark.log.level", "ERROR")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.python.worker.reuse", "true")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate())


@dataclass
class JobResult:
    """Documents read, those left out as repeats of an earlier batch's, reading errors, one report a batch."""

    documents: int
    repeats: int
    errors: list[PresslensError]
    batches: list[dict]


def run_job(spark, files: list[str], output: Path, settings: Settings, outlet: str | None) -> JobResult:
    """Read, clean and analyse ``files`` on the cluster."""
    from pyspark import StorageLevel

    context = spark.sparkContext
    slices = max(1, min(len(files), context.defaultParallelism * 4))
    found = (context.parallelize(files, slices)  # partitions keep the files' order
             .flatMap(partial(read_file, settings, outlet))
             .persist(StorageLevel.MEMORY_AND_DISK))
    read_errors = found.filter(lambda x: isinstance(x, PresslensError)).collect()
    numbered = found.filter(lambda x: isinstance(x, RawDoc)).zipWithIndex()
    size = settings.batch_size
    repeats = set(_repeats(numbered, size))
    batches = (numbered.filter(lambda pair: pair[1] not in repeats)
               .map(lambda pair: (pair[1] // size, (pair[1], pair[0]))))
    documents = numbered.count()
    tasks = max(1, min(-(-documents // size), context.defaultParallelism * 8))
    threads = int(context.getConf().get("spark.task.cpus", "1"))
    reports = (batches.groupByKey(tasks)
               .mapPartitions(partial(analyse_batches, settings, str(output), threads))
               .collect())
    found.unpersist()
    return JobResult(documents, len(repeats), read_errors, reports)


def _repeats(numbered, size: int) -> list[int]:
    """Documents whose article an earlier batch already holds: a single-process ingest finds them stored
    and leaves them out of their batch, so they are left out here too (repeats within a batch stay)."""
    keyed = numbered.map(lambda pair: (article_id_for(pair[0]), pair[1]))
    first = keyed.reduceByKey(min)
    return (keyed.join(first)
            .filter(lambda item: item[1][1] // size < item[1][0] // size)
            .map(lambda item: item[1][0])
            .collect())
