"""The one module that wires the stages together: ingest -> clean -> nlp -> quotes -> store."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from . import nlp
from .clean import article_id_for, clean_document
from .errors import PresslensError
from .ingest import iter_sources, read_path
from .quotes import FoundQuote, QuoteExtractor, article_quotes
from .quotes.speakers import Person
from .records import Article, Quote, RawDoc
from .settings import Settings
from .store import Store

__all__ = ["SAMPLE_FORMAT_DIRS", "IngestReport", "find_quotes", "ingest_paths", "quotes_for_articles",
           "sample_corpus_paths"]

SAMPLE_FORMAT_DIRS = ("txt", "jsonl", "html", "feeds", "warc")


@dataclass
class IngestReport:
    """What one ingest run did."""

    files: int = 0
    documents: int = 0
    added: int = 0
    quotes: int = 0
    already_stored: int = 0
    added_by_format: Counter = field(default_factory=Counter)
    errors: list[PresslensError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {
            "files": self.files, "documents": self.documents, "added": self.added, "quotes": self.quotes,
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


@lru_cache(maxsize=2)
def quote_extractor(method: str) -> QuoteExtractor:
    """One extractor per method and process: the model loads once."""
    return QuoteExtractor(method)


def find_quotes(texts: Sequence[str], languages: Sequence[str], settings: Settings) -> list[list[FoundQuote]]:
    """Quotes in each text, speakers resolved with the text's person mentions."""
    if settings.quote_method == "off" or not texts:
        return [[] for _ in texts]
    people: list[list[Person]] = [[] for _ in texts]
    english = [i for i, language in enumerate(languages) if nlp.has_model(language)]
    for i, mentions in zip(english, nlp.entities([texts[i] for i in english]), strict=True):
        people[i] = [Person(m.start, m.end, m.text, m.kind) for m in mentions
                     if m.kind in ("person", "organisation")]
    return quote_extractor(settings.quote_method).extract(texts, people, languages)


def quotes_for_articles(articles: Sequence[Article], settings: Settings) -> dict[str, list[Quote]]:
    """Quote records by article id; spans point into each article's original text."""
    languages = [a.language or settings.default_language for a in articles]
    found = find_quotes([a.clean_text for a in articles], languages, settings)
    return {a.article_id: article_quotes(a, quotes) for a, quotes in zip(articles, found, strict=True)}


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
    quotes = quotes_for_articles(articles, settings)
    added_flags = store.add_articles(articles, quotes, method=_method_name(settings))
    for article, added in zip(articles, added_flags, strict=True):
        if added:
            report.added += 1
            report.quotes += len(quotes.get(article.article_id, ()))
            report.added_by_format[article.fmt] += 1
        else:
            report.already_stored += 1


def _method_name(settings: Settings) -> str:
    if settings.quote_method == "off":
        return "off"
    return quote_extractor(settings.quote_method).version
