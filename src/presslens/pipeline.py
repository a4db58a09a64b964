"""The one module that sequences the stages: ingest -> clean -> analysis (nlp, entities, quotes) -> store ->
stories. It holds the ingest loop and its report; each stage does its own work."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .analysis import Analysis, clean_and_find, link, quote_extractor
from .analysis.finding import failure
from .clean import article_id_for
from .compare.trace import band_keys
from .errors import IngestError, PresslensError, StoreError
from .ingest import iter_sources, read_bytes, read_path, read_records
from .ingest.web import Fetcher, UrlRead, is_url, read_url
from .records import Article, RawDoc
from .settings import Settings
from .store import Store
from .stories import ENCODER_NAME
from .stories.update import StoriesUpdate, headline_vectors, repair_stories, update_stories
from .timeouts import DocumentTimeout, time_limit

__all__ = [
    "SAMPLE_FORMAT_DIRS",
    "IngestReport",
    "StoriesUpdate",
    "batch_vectors",
    "ingest_bytes",
    "ingest_docs",
    "ingest_paths",
    "ingest_url",
    "repair_stories",
    "sample_corpus_paths",
    "store_analysed",
    "update_stories",
]

logger = logging.getLogger(__name__)

SAMPLE_FORMAT_DIRS = ("txt", "jsonl", "html", "feeds", "warc")


@dataclass
class IngestReport:
    """What one ingest run did."""

    files: int = 0
    documents: int = 0
    added: int = 0
    quotes: int = 0
    mentions: int = 0
    stories: int = 0
    already_stored: int = 0
    added_by_format: Counter = field(default_factory=Counter)
    errors: list[PresslensError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # documents kept, with metadata that could not be read
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {
            "files": self.files, "documents": self.documents, "added": self.added, "quotes": self.quotes,
            "mentions": self.mentions, "stories": self.stories,
            "already_stored": self.already_stored,
            "added_by_format": dict(sorted(self.added_by_format.items())),
            "errors": [str(e) for e in self.errors], "warnings": list(self.warnings),
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.documents / self.seconds, 1) if self.seconds else None,
        }


def sample_corpus_paths(languages: Sequence[str] = ("en",)) -> list[Path]:
    """The article folders of the sample corpus shipped inside the package: the English one (every format),
    and with ``"fr"`` the French articles (three outlets on three stories, JSON Lines) that ``demo`` adds."""
    root = Path(str(resources.files("presslens")))
    paths = [root / "sample_corpus" / name for name in SAMPLE_FORMAT_DIRS if (root / "sample_corpus" / name).is_dir()]
    return paths + ([root / "sample_corpus_fr"] if "fr" in languages else [])


def ingest_paths(paths: Iterable[str | Path], store: Store, settings: Settings, *,
                 outlet: str | None = None,
                 on_file: Callable[[Path | None, int], None] | None = None) -> IngestReport:
    """Read, clean and store every article under ``paths``; bad documents are reported.

    A path that is an http(s) URL is fetched: a feed (its entries, summaries completed from their pages) or
    a page. ``on_file(path, total)`` is called once with ``None`` and the number of files, then
    after each file, for progress bars.
    """
    report = IngestReport()
    started = time.perf_counter()
    paths = list(paths)
    urls = [p for p in paths if isinstance(p, str) and is_url(p)]
    batch: list[RawDoc] = []
    if urls:
        with Fetcher(settings) as fetcher:
            for url in urls:
                report.files += 1
                try:
                    read = read_url(url, settings, fetcher, known=store.known_urls)
                except IngestError as error:
                    report.errors.append(error)
                    continue
                report.already_stored += read.skipped
                _ingest_items(read.items, batch, store, settings, report, outlet, url)
    sources = list(iter_sources(p for p in paths if p not in urls))
    report.errors.extend(s for s in sources if isinstance(s, PresslensError))
    files = [s for s in sources if isinstance(s, Path)]
    if on_file:
        on_file(None, len(files))
    for path in files:
        report.files += 1
        _ingest_items(read_path(path, settings), batch, store, settings, report, outlet, str(path))
        if on_file:
            on_file(path, len(files))
    return _finish(batch, store, settings, report, started)


def ingest_bytes(data: bytes, name: str, store: Store, settings: Settings, *, fmt: str | None = None,
                 outlet: str | None = None) -> IngestReport:
    """Read, clean and store the articles of one uploaded document (any ingest format)."""
    return ingest_docs(read_bytes(data, name, settings, fmt), store, settings, source=name, outlet=outlet)


def ingest_url(read: UrlRead, store: Store, settings: Settings, *, outlet: str | None = None) -> IngestReport:
    """Clean, analyse and store what ``ingest.web.read_url`` read from one URL."""
    report = ingest_docs(read.items, store, settings, source=read.response.url, outlet=outlet)
    report.already_stored += read.skipped
    return report


def ingest_docs(items: Iterable[RawDoc | PresslensError], store: Store, settings: Settings, *, source: str = "",
                outlet: str | None = None) -> IngestReport:
    """Clean, analyse and store documents a reader gave (its errors reported), then update the stories."""
    report = IngestReport(files=1)
    started = time.perf_counter()
    batch: list[RawDoc] = []
    _ingest_items(items, batch, store, settings, report, outlet, source)
    return _finish(batch, store, settings, report, started)


def ingest_records(records: Iterable, store: Store, settings: Settings, *, outlet: str | None = None,
                   source: str = "records") -> IngestReport:
    """Clean, analyse and store articles given as ``RawDoc``s or mappings (see ``ingest.read_records``)."""
    report = IngestReport()
    started = time.perf_counter()
    batch: list[RawDoc] = []
    _ingest_items(read_records(records, source, settings), batch, store, settings, report, outlet, source)
    return _finish(batch, store, settings, report, started)


def _ingest_items(items: Iterable[RawDoc | PresslensError], batch: list[RawDoc], store: Store, settings: Settings,
                  report: IngestReport, outlet: str | None, source: str = "") -> None:
    for item in _timed(iter(items), settings, source):
        if isinstance(item, PresslensError):
            report.errors.append(item)
            continue
        report.documents += 1
        report.warnings.extend(item.warnings)
        if outlet:
            item.outlet = outlet
        batch.append(item)
        if len(batch) >= settings.batch_size:
            _store_batch(batch, store, settings, report)


def _timed(items: Iterator[RawDoc | PresslensError], settings: Settings,
           source: str) -> Iterator[RawDoc | PresslensError]:
    """Each item a reader yields, within the per-document time limit; a reader that overruns
    is reported (E113) and the rest of its file skipped."""
    while True:
        try:
            with time_limit(settings.document_timeout):
                item = next(items)
        except StopIteration:
            return
        except DocumentTimeout:
            yield IngestError("E113", source=source, seconds=settings.document_timeout)
            return
        except Exception as exc:  # a reader's own failure: the rest of that file is lost, not the batch
            yield failure("read", source, exc)
            return
        yield item


def _finish(batch: list[RawDoc], store: Store, settings: Settings, report: IngestReport,
            started: float) -> IngestReport:
    _store_batch(batch, store, settings, report)
    if report.added or store.count_unlinked_articles():  # also mends a run that stopped before its stories
        try:
            report.stories = update_stories(store, settings).stories
        except StoreError:
            raise
        except Exception as exc:  # the articles are stored; the next ingest brings their stories up to date
            report.errors.append(failure("stories", "", exc))
    report.seconds = time.perf_counter() - started
    return report


def _store_batch(batch: list[RawDoc], store: Store, settings: Settings,
                 report: IngestReport) -> None:
    """Clean and analyse the documents not stored yet (ids come from the raw content) and store them."""
    if not batch:
        return
    stored = store.existing_ids([article_id_for(doc) for doc in batch])
    fresh = [doc for doc in batch if article_id_for(doc) not in stored]
    report.already_stored += len(batch) - len(fresh)
    batch.clear()
    articles, findings, errors = clean_and_find(fresh, settings)
    report.errors.extend(errors)
    if articles:
        store_analysed(articles, link(articles, findings, store), batch_vectors(articles), store, settings, report)


def batch_vectors(articles: Sequence[Article]) -> dict[str, bytes]:
    """The story encoder's vectors for a batch's articles, encoded together (the int8 encoder's output
    varies a little with what it is batched with, so both ingest paths encode the same batches)."""
    return headline_vectors([(a.article_id, a.title or "", a.clean_text) for a in articles])


def store_analysed(articles: Sequence[Article], analysis: Analysis, vectors: Mapping[str, bytes], store: Store,
                   settings: Settings, report: IngestReport) -> None:
    """Store analysed articles with their quotes, entities and story vectors, counting what was new in ``report``."""
    quotes = analysis.quotes
    articles, added_flags = _add_each(articles, analysis, store, settings, report)
    added_ids = {a.article_id for a, added in zip(articles, added_flags, strict=True) if added}
    store.save_vectors(ENCODER_NAME, {key: vector for key, vector in vectors.items() if key in added_ids})
    for article, added in zip(articles, added_flags, strict=True):
        if added:
            report.added += 1
            report.quotes += len(quotes.get(article.article_id, ()))
            report.mentions += len(analysis.entities.get(article.article_id, ((), ()))[1])
            report.added_by_format[article.fmt] += 1
        else:
            report.already_stored += 1


def _add_each(articles: Sequence[Article], analysis: Analysis, store: Store, settings: Settings,
              report: IngestReport) -> tuple[list[Article], list[bool]]:
    """``store.add_articles`` for a batch; when the database refuses a record (E511), each article alone, and
    those it still refuses are reported. A database that cannot be written at all (E510) ends the run."""
    method = _method_name(settings)
    try:
        return list(articles), store.add_articles(articles, analysis.quotes, method=method,
                                                  entities=analysis.entities, quote_keys=band_keys)
    except StoreError as exc:
        if exc.code != "E511":
            raise
        if len(articles) == 1:
            report.errors.append(exc.at(articles[0].source))
            return [], []
    kept: list[Article] = []
    flags: list[bool] = []
    for article in articles:
        more, added = _add_each([article], analysis, store, settings, report)
        kept += more
        flags += added
    return kept, flags


def _method_name(settings: Settings) -> str:
    if settings.quote_method == "off":
        return "off"
    return quote_extractor(settings.quote_method).version
