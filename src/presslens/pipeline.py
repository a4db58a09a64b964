"""The one module that wires the stages together: ingest -> clean -> store."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .clean import article_id_for, clean_document
from .errors import PresslensError
from .ingest import iter_sources, read_path
from .records import Article, RawDoc
from .settings import Settings
from .store import Store

__all__ = ["SAMPLE_FORMAT_DIRS", "IngestReport", "ingest_paths", "sample_corpus_paths"]

SAMPLE_FORMAT_DIRS = ("txt", "jsonl", "html", "feeds", "warc")


@dataclass
class IngestReport:
    """What one ingest run did."""

    files: int = 0
    documents: int = 0
    added: int = 0
    already_stored: int = 0
    added_by_format: Counter = field(default_factory=Counter)
    errors: list[PresslensError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {
            "files": self.files, "documents": self.documents, "added": self.added,
            "already_stored": self.already_stored,
            "added_by_format": dict(sorted(self.added_by_format.items())),
            "errors": [str(e) for e in self.errors], "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.documents / self.seconds, 1) if self.seconds else None,
        }


def sample_corpus_paths() -> list[Path]:
    """The article folders of the sample corpus shipped inside the package."""
    root = Path(str(resources.files("presslens") / "sample_corpus"))
    return [root / name for name in SAMPLE_FORMAT_DIRS if (root / name).is_dir()]


def ingest_paths(paths: Iterable[str | Path], store: Store, settings: Settings, *,
                 outlet: str | None = None,
                 on_file: Callable[[Path | None, int], None] | None = None) -> IngestReport:
    """Read, clean and store every article under ``paths``; bad documents are reported.

    ``on_file(path, total)`` is called once with ``None`` and the number of files, then
    after each file, for progress bars.
    """
    report = IngestReport()
    started = time.perf_counter()
    sources = list(iter_sources(paths))
    report.errors.extend(s for s in sources if isinstance(s, PresslensError))
    files = [s for s in sources if isinstance(s, Path)]
    if on_file:
        on_file(None, len(files))
    batch: list[RawDoc] = []
    for path in files:
        report.files += 1
        for item in read_path(path, settings):
            if isinstance(item, PresslensError):
                report.errors.append(item)
                continue
            report.documents += 1
            if outlet:
                item.outlet = outlet
            batch.append(item)
            if len(batch) >= settings.batch_size:
                _store_batch(batch, store, settings, report)
        if on_file:
            on_file(path, len(files))
    _store_batch(batch, store, settings, report)
    report.seconds = time.perf_counter() - started
    return report


def _store_batch(batch: list[RawDoc], store: Store, settings: Settings,
                 report: IngestReport) -> None:
    """Clean the documents not stored yet (ids come from the raw content) and store them."""
    stored = store.existing_ids([article_id_for(doc) for doc in batch])
    articles: list[Article] = []
    for doc in batch:
        if article_id_for(doc) in stored:
            report.already_stored += 1
            continue
        try:
            articles.append(clean_document(doc, settings))
        except PresslensError as exc:
            report.errors.append(exc)
    batch.clear()
    for article, added in zip(articles, store.add_articles(articles), strict=True):
        if added:
            report.added += 1
            report.added_by_format[article.fmt] += 1
        else:
            report.already_stored += 1
