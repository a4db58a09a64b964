"""The one module that wires the stages together: ingest -> clean -> nlp -> entities -> quotes -> store."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path
from zlib import crc32

import numpy as np

from . import nlp
from .clean import article_id_for, clean_document
from .entities import (
    LocalEntity,
    add_known_names,
    add_pronoun_mentions,
    analyse_text,
    gazetteer_of,
    join_pieces,
    known_people_in,
    link_article,
    merge_known_people,
    organisation_key,
    person_key,
    slug,
    surnames_needed,
    unify_ids,
)
from .errors import IngestError, PresslensError, StoreError
from .ingest import iter_sources, read_bytes, read_path
from .quotes import FoundQuote, QuoteExtractor, article_quotes
from .quotes.speakers import Person
from .records import Article, Entity, Mention, Quote, RawDoc, StoryLink
from .settings import Settings
from .store import Store, StoryCheckpoint, StoryInput
from .stories import ENCODER_NAME, StoryDocument, StoryStream, StreamRun, describe_stories, encode, lead_text
from .stories.assign import STATE_VERSION as STORY_STATE_VERSION
from .stories.linker import LINKER_FILE
from .timeouts import DocumentTimeout, time_limit

__all__ = [
    "SAMPLE_FORMAT_DIRS",
    "IngestReport",
    "StoriesUpdate",
    "ingest_paths",
    "quotes_for_articles",
    "quotes_in_texts",
    "repair_stories",
    "sample_corpus_paths",
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
        _ingest_items(read_path(path, settings), batch, store, settings, report, outlet, str(path))
        if on_file:
            on_file(path, len(files))
    return _finish(batch, store, settings, report, started)


def ingest_bytes(data: bytes, name: str, store: Store, settings: Settings, *, fmt: str | None = None,
                 outlet: str | None = None) -> IngestReport:
    """Read, clean and store the articles of one uploaded document (any ingest format)."""
    report = IngestReport(files=1)
    started = time.perf_counter()
    batch: list[RawDoc] = []
    _ingest_items(read_bytes(data, name, settings, fmt), batch, store, settings, report, outlet, name)
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
            yield _failure("read", source, exc)
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
            report.errors.append(_failure("stories", "", exc))
    report.seconds = time.perf_counter() - started
    return report


@lru_cache(maxsize=2)
def quote_extractor(method: str) -> QuoteExtractor:
    """One extractor per method and process: the model loads once."""
    return QuoteExtractor(method)


def named_entities(texts: Sequence[str], languages: Sequence[str]) -> list[list[nlp.EntitySpan]]:
    """spaCy's entity spans for each text whose language has a model (none for the others)."""
    named: list[list[nlp.EntitySpan]] = [[] for _ in texts]
    for language in {lang for lang in languages if nlp.has_model(lang)}:
        indices = [i for i, lang in enumerate(languages) if lang == language]
        for i, spans in zip(indices, nlp.entities([texts[i] for i in indices], language), strict=True):
            named[i] = spans
    return named


def find_entities(texts: Sequence[str], languages: Sequence[str]) -> list[list[LocalEntity]]:
    """Each text's entities, mentions clustered within the text; names found in one text of the batch
    are looked for in the others."""
    named = named_entities(texts, languages)
    found = [analyse_text(text, spans) for text, spans in zip(texts, named, strict=True)]
    gazetteer = gazetteer_of(found)
    return [add_known_names(text, entities, gazetteer) for text, entities in zip(texts, found, strict=True)]


def quotes_in_texts(texts: Sequence[str], languages: Sequence[str], settings: Settings,
                    entities: Sequence[Sequence[LocalEntity]] | None = None) -> list[list[FoundQuote]]:
    """Quotes in each text, speakers resolved with the text's people and organisations."""
    if entities is None:
        found = find_in_texts(texts, languages, settings)
        failed = next((f for f in found if isinstance(f, PresslensError)), None)
        if failed is not None:
            raise failed
        return [f.quotes for f in found]  # type: ignore[union-attr]
    if settings.quote_method == "off" or not texts:
        return [[] for _ in texts]
    return _quotes_with(quote_extractor(settings.quote_method), texts, languages, entities, None)


def _quotes_with(extractor: QuoteExtractor, texts: Sequence[str], languages: Sequence[str],
                 entities: Sequence[Sequence[LocalEntity]], pending) -> list[list[FoundQuote]]:
    return extractor.extract(texts, [_people(found) for found in entities], languages, pending)


@dataclass
class Analysis:
    """What the nlp, entities and quotes stages found in a batch of articles, by article id."""

    quotes: dict[str, list[Quote]] = field(default_factory=dict)
    entities: dict[str, tuple[list[Entity], list[Mention]]] = field(default_factory=dict)


@dataclass
class Findings:
    """One article's entities and quotes as found in its own text (and its batch's), before they are
    linked to the people and organisations known from other articles."""

    entities: list[LocalEntity]
    quotes: list[FoundQuote]


def find_in_articles(articles: Sequence[Article], settings: Settings) -> list[Findings | PresslensError]:
    """The model-heavy half of the analysis: needs no store, so it can run anywhere (a Spark executor).

    Each article gets its findings, or in its place the error that stopped it: every step holds each
    document to ``settings.document_timeout`` and to its own failures, and the other documents go on. A text
    longer than one piece of ``nlp.PIECE_TOKENS`` is analysed alone, piece by piece.
    """
    return find_in_texts([a.clean_text for a in articles], [a.language or settings.default_language for a in articles],
                         settings, [a.source for a in articles])


def find_in_texts(texts: Sequence[str], languages: Sequence[str], settings: Settings,
                  sources: Sequence[str] | None = None) -> list[Findings | PresslensError]:
    """``find_in_articles`` for plain texts (``sources`` name them in errors)."""
    docs = [_Doc(text, language, source, [(s, text[s:e]) for s, e in nlp.pieces(text)] or [(0, "")])
            for text, language, source in zip(texts, languages, sources or [""] * len(texts), strict=True)]
    out: list[Findings | PresslensError | None] = [None] * len(docs)
    short = {n for n, d in enumerate(docs) if len(d.pieces) == 1}
    groups = [sorted(short)] + [[n] for n in range(len(docs)) if n not in short]
    for group in filter(None, groups):
        for n, found in zip(group, _find_in_group([docs[n] for n in group], settings), strict=True):
            out[n] = found
    return out  # type: ignore[return-value]


@dataclass
class _Doc:
    """A text being analysed: its pieces (offset, text), and what each step found in them."""

    text: str
    language: str
    source: str
    pieces: list[tuple[int, str]]
    named: list[list[nlp.EntitySpan]] = field(default_factory=list)
    entities: list[list[LocalEntity]] = field(default_factory=list)
    tagged: list = field(default_factory=list)
    error: PresslensError | None = None


def _find_in_group(docs: Sequence[_Doc], settings: Settings) -> list[Findings | PresslensError]:
    """Findings for documents analysed together: the models see all their pieces in batches; the rules
    take one document at a time."""
    texts = [text for d in docs for _, text in d.pieces]
    languages = [d.language for d in docs for _ in d.pieces]
    extractor = quote_extractor(settings.quote_method) if settings.quote_method != "off" else None
    pending = extractor.start(texts, languages) if extractor is not None and extractor.overlap else None
    try:
        named = _model_step(settings, len(docs), "entities", lambda: named_entities(texts, languages))
        _hand_out(docs, named, "named")
        _each_doc(docs, settings, "entities", lambda d: [analyse_text(t, n) for (_, t), n in zip(d.pieces, d.named,
                                                                                                strict=True)])
        gazetteer = gazetteer_of([e for d in docs if d.error is None for e in d.entities])
        _each_doc(docs, settings, "entities", lambda d: [add_known_names(t, e, gazetteer)
                                                          for (_, t), e in zip(d.pieces, d.entities, strict=True)])
        if extractor is not None:
            tagged = _model_step(settings, len(docs), "quotes",
                                 pending.result if pending is not None else lambda: extractor.tag(texts, languages))
            _hand_out(docs, tagged, "tagged")
    except (DocumentTimeout, _StepFailed) as failure:
        if pending is not None:
            pending.cancel()
        if len(docs) > 1:  # one of them overran or broke a model step: each alone, within its own limit
            return [found for d in docs for found in _find_in_group([_fresh(d)], settings)]
        return [failure.error.at(docs[0].source) if isinstance(failure, _StepFailed)
                else IngestError("E113", source=docs[0].source, seconds=settings.document_timeout)]
    return [d.error or _findings(d, extractor, settings) for d in docs]


def _fresh(doc: _Doc) -> _Doc:
    return _Doc(doc.text, doc.language, doc.source, doc.pieces)


class _StepFailed(Exception):
    def __init__(self, error: PresslensError) -> None:
        self.error = error


def _model_step(settings: Settings, documents: int, step: str, run: Callable[[], list]) -> list:
    """A model's pass over the pieces of ``documents`` documents, within their time limits together (a
    model's time is linear in the text, and each piece is bounded)."""
    try:
        with time_limit(settings.document_timeout * documents):
            return run()
    except DocumentTimeout:
        raise
    except Exception as exc:  # reported, and the batch goes on
        raise _StepFailed(_failure(step, "", exc)) from exc


def _hand_out(docs: Sequence[_Doc], values: Sequence, attribute: str) -> None:
    """Give each document its pieces' share of a model's results (one value a piece, in order)."""
    flat = iter(values)
    for doc in docs:
        setattr(doc, attribute, [next(flat) for _ in doc.pieces])


def _each_doc(docs: Sequence[_Doc], settings: Settings, step: str, run: Callable[[_Doc], list]) -> None:
    """Run a rule step on each document still standing, each within its own time limit; a document that
    overruns or fails gets its error and leaves the batch."""
    for doc in docs:
        if doc.error is not None:
            continue
        try:
            with time_limit(settings.document_timeout):
                doc.entities = run(doc)
        except DocumentTimeout:
            doc.error = IngestError("E113", source=doc.source, seconds=settings.document_timeout)
        except Exception as exc:  # reported, and the batch goes on
            doc.error = _failure(step, doc.source, exc)


def _findings(doc: _Doc, extractor: QuoteExtractor | None, settings: Settings) -> Findings | PresslensError:
    """One document's entities (pieces joined) and quotes (speakers among its pieces' people)."""
    try:
        with time_limit(settings.document_timeout):
            quotes: list[FoundQuote] = []
            for (offset, text), entities, tagged in zip(doc.pieces, doc.entities, doc.tagged or [None] * len(
                    doc.pieces), strict=True):
                if extractor is not None:
                    quotes += [_shifted(q, offset) for q in extractor.quotes_in(text, tagged, _people(entities))]
            entities = doc.entities[0] if len(doc.pieces) == 1 else join_pieces(
                [(offset, e) for (offset, _), e in zip(doc.pieces, doc.entities, strict=True)])
            return Findings(entities, quotes)
    except DocumentTimeout:
        return IngestError("E113", source=doc.source, seconds=settings.document_timeout)
    except Exception as exc:  # reported, and the batch goes on
        return _failure("quotes", doc.source, exc)


def _shifted(quote: FoundQuote, offset: int) -> FoundQuote:
    if not offset:
        return quote

    def shift(span: tuple[int, int] | None) -> tuple[int, int] | None:
        return (span[0] + offset, span[1] + offset) if span else None

    return replace(quote, content=shift(quote.content), source=shift(quote.source), cue=shift(quote.cue))


def _people(entities: Sequence[LocalEntity]) -> list[Person]:
    """The people and organisations of a text, as the quotes stage's speaker candidates, in text order."""
    return sorted((Person(m.start, m.end, m.text, e.kind, e.name) for e in entities
                   if e.kind in ("person", "organisation") for m in e.mentions), key=lambda p: p.start)


def _failure(step: str, source: str, exc: BaseException) -> IngestError:
    """An unexpected failure of one document in one step, as the error the ingest report shows."""
    if isinstance(exc, PresslensError):
        return exc.at(exc.source or source, exc.locator)  # type: ignore[return-value]
    logger.warning("%s failed in the %s step", source or "a document", step, exc_info=exc)
    return IngestError("E114", source=source, step=step, kind=type(exc).__name__, detail=str(exc)[:200])


def link_findings(articles: Sequence[Article], findings: Sequence[Findings], store: Store | None = None) -> Analysis:
    """The cheap, ordered half: canonical ids for entities (known people looked up in ``store``) and
    speakers. Articles must come in ingest order, one batch after another."""
    local = [f.entities for f in findings]
    surnames = set().union(*(surnames_needed(entities) for entities in local)) if local else set()
    known = store.known_people(surnames) if store is not None else {}
    slugs = {slug(e.key) for entities in local for e in entities}
    known_ids = store.entity_ids_for_slugs(slugs) if store is not None else {}
    analysis = Analysis()
    for article, entities, quotes in zip(articles, local, (f.quotes for f in findings), strict=True):
        add_pronoun_mentions(entities, [(q.source, article.clean_text[q.source[0]:q.source[1]], q.speaker_name)
                                        for q in quotes if q.source and q.speaker_name])
        records, mentions = link_article(article, entities, known)
        unify_ids(records, mentions, known_ids)
        merge_known_people(known, known_people_in(zip((r.entity_id for r in records), entities, strict=True)))
        analysis.entities[article.article_id] = (records, mentions)
        analysis.quotes[article.article_id] = _with_speaker_ids(article_quotes(article, quotes), quotes, entities,
                                                               records)
    return analysis


def analyse_articles(articles: Sequence[Article], settings: Settings, store: Store | None = None) -> Analysis:
    """Entities (with canonical ids, known people looked up in ``store``) and quotes for articles; raises the
    first document's error if any document fails (``find_in_articles`` reports them one by one)."""
    found = find_in_articles(articles, settings)
    failed = next((f for f in found if isinstance(f, PresslensError)), None)
    if failed is not None:
        raise failed
    return link_findings(articles, found, store)  # type: ignore[arg-type]


def _with_speaker_ids(records: list[Quote], found: Sequence[FoundQuote], entities: Sequence[LocalEntity],
                      canonical: Sequence[Entity]) -> list[Quote]:
    """Point each quote's speaker at the canonical entity whose mention it is, or whose name it gives."""
    by_key = {(e.kind, e.key): c.entity_id for e, c in zip(entities, canonical, strict=True)}
    out = []
    for record, quote in zip(records, found, strict=True):
        entity_id = None
        if quote.source:
            entity_id = next((c.entity_id for e, c in zip(entities, canonical, strict=True)
                              for m in e.mentions if m.start < quote.source[1] and quote.source[0] < m.end
                              and e.kind in ("person", "organisation")), None)
        if quote.speaker_name and (entity_id is None or not entity_id.startswith("person:")):
            entity_id = (by_key.get(("person", person_key(quote.speaker_name)))
                         or by_key.get(("organisation", organisation_key(quote.speaker_name))) or entity_id)
        if not entity_id:
            out.append(record)
            continue
        name = next((c.name for c in canonical if c.entity_id == entity_id), None)
        fuller = (name and record.speaker_name and entity_id.startswith("person:")
                  and len(name) > len(record.speaker_name) and name.endswith(record.speaker_name.split()[-1]))
        out.append(replace(record, speaker_entity_id=entity_id, speaker_name=name if fuller else record.speaker_name))
    return out


def quotes_for_articles(articles: Sequence[Article], settings: Settings) -> dict[str, list[Quote]]:
    """Quote records by article id; spans point into each article's original text."""
    return analyse_articles(articles, settings).quotes


def clean_and_find(docs: Sequence[RawDoc], settings: Settings) -> tuple[list[Article], list[Findings],
                                                                        list[PresslensError]]:
    """Clean documents and find their entities and quotes, each within its own time limit in every step: the
    articles that made it, their findings, and one error for each document that did not."""
    articles: list[Article] = []
    errors: list[PresslensError] = []
    for doc in docs:
        try:
            with time_limit(settings.document_timeout):
                articles.append(clean_document(doc, settings))
        except DocumentTimeout:
            errors.append(IngestError("E113", source=doc.source, locator=doc.locator,
                                      seconds=settings.document_timeout))
        except Exception as exc:  # reported, and the batch goes on
            errors.append(_failure("clean", doc.where, exc))
    kept: list[Article] = []
    findings: list[Findings] = []
    for article, found in zip(articles, find_in_articles(articles, settings) if articles else [], strict=True):
        if isinstance(found, PresslensError):
            errors.append(found)
        else:
            kept.append(article)
            findings.append(found)
    return kept, findings, errors


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
        store_analysed(articles, link_findings(articles, findings, store), batch_vectors(articles), store, settings,
                       report)


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
                                                  entities=analysis.entities)
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


@dataclass(frozen=True, slots=True)
class StoriesUpdate:
    """What ``update_stories`` did: stories stored now, articles streamed, and whether it resumed a saved stream."""

    stories: int
    streamed: int
    resumed: bool


def update_stories(store: Store, settings: Settings, *, from_scratch: bool = False) -> StoriesUpdate:
    """Stream the stored articles into stories and store them.

    Articles stream in publication order (undated ones last, in arrival order), so an archive ingested
    out of order still meets each story while it is open. The stream's state is saved as it was one
    window before the newest article. The next run resumes from there when no article has been added or
    removed before that day, and replays only the articles since (a window's worth, however large the
    archive); otherwise, or with ``from_scratch``, it replays everything. Either way the stories are
    those of one replay from scratch, whether articles came in one batch or many. Embeddings are
    computed once per article and kept in the store.
    """
    with store.story_update_lock():
        return _update_stories(store, settings, from_scratch)


def repair_stories(store: Store, settings: Settings) -> StoriesUpdate | None:
    """Stream the articles that are in no story (a run stopped between storing and clustering) into stories."""
    if not store.count_unlinked_articles():
        return None
    return update_stories(store, settings)


def _update_stories(store: Store, settings: Settings, from_scratch: bool) -> StoriesUpdate:
    fingerprint = stories_fingerprint(settings)
    checkpoint, stream = (None, None) if from_scratch else _saved_stream(store, fingerprint)
    stream = stream or StoryStream(settings.story_window_days)
    since = checkpoint.before if checkpoint else None
    inputs = sorted(store.story_inputs(ENCODER_NAME, since),
                    key=lambda i: (i.published is None, i.published or date.min))  # stable: arrival order
    documents = _story_documents(store, inputs)
    before = _checkpoint_day(documents, settings.story_window_days)
    snapshot_at = None
    if before is not None and (since is None or before > since):
        snapshot_at = next((n for n, d in enumerate(documents) if d.published is None or d.published.date() >= before),
                           len(documents))
    run = stream.extend(documents, [i.language or settings.default_language for i in inputs], snapshot_at=snapshot_at)
    saved = checkpoint
    if run.snapshot is not None:
        saved = StoryCheckpoint(fingerprint, before, (checkpoint.articles if checkpoint else 0) + snapshot_at,
                                run.snapshot)
    if checkpoint is None:
        store.replace_stories(describe_stories(documents, run.links, settings.default_language), run.links, saved)
    else:
        _store_resumed(store, checkpoint.before, documents, run, saved, settings.default_language)
    return StoriesUpdate(store.count_stories(), len(documents), checkpoint is not None)


def stories_fingerprint(settings: Settings) -> str:
    """What a saved story stream depends on besides the articles (settings, code, linker): resumed only when
    this matches."""
    linker = crc32(LINKER_FILE.read_bytes())
    return (f"state={STORY_STATE_VERSION} window={settings.story_window_days} language={settings.default_language} "
            f"encoder={ENCODER_NAME} linker={linker:08x}")


def _saved_stream(store: Store, fingerprint: str) -> tuple[StoryCheckpoint | None, StoryStream | None]:
    """The saved stream to resume, if it was saved with these settings and no article has been added or removed
    before its day since."""
    saved = store.story_checkpoint()
    if saved is None or saved[0].fingerprint != fingerprint or saved[1] != saved[0].articles:
        return None, None
    try:
        return saved[0], StoryStream.loads(saved[0].state)
    except Exception:  # a state this code cannot read: replay from scratch instead
        return None, None


def _store_resumed(store: Store, since: date, documents: Sequence[StoryDocument], run: StreamRun,
                   saved: StoryCheckpoint | None, language: str) -> None:
    """Store a resumed run: its links, and the stories they touch (now or before), described again with their
    earlier members."""
    touched = store.stories_since(since) | {link.story_id for link in run.links}
    earlier = store.earlier_story_members(sorted(touched), since)
    members = [StoryDocument(key=i.article_id, text=lead_text(i.title, i.text), title=i.title, outlet=i.outlet,
                             published=_midnight(i.published))
               for _, i in earlier] + list(documents)
    member_links = [StoryLink(i.article_id, story_id, -1) for story_id, i in earlier] + run.links
    store.resume_stories(since, describe_stories(members, member_links, language), run.links + run.changed, saved)


def _checkpoint_day(documents: Sequence[StoryDocument], window_days: float) -> date | None:
    """The day to save the stream before: one window before the newest dated article."""
    newest = max((d.published for d in documents if d.published is not None), default=None)
    return None if newest is None else (newest - timedelta(days=window_days)).date()


def _midnight(day: date | None) -> datetime | None:
    """A stored publication day as the stories stage's time."""
    return datetime.combine(day, datetime.min.time()) if day else None


def _story_documents(store: Store, inputs: Sequence[StoryInput]) -> list[StoryDocument]:
    """The stories stage's documents for stored articles, computing (and keeping) missing embeddings."""
    leads = [lead_text(i.title, i.text) for i in inputs]
    missing = [n for n, i in enumerate(inputs) if i.vector is None]
    vectors = headline_vectors([(inputs[n].article_id, inputs[n].title, inputs[n].text) for n in missing])
    if vectors:
        store.save_vectors(ENCODER_NAME, vectors)
    return [StoryDocument(
        key=i.article_id, text=lead, title=i.title, body=i.text,
        published=_midnight(i.published), outlet=i.outlet,
        entities=i.entity_ids,
        embedding=np.frombuffer(vectors.get(i.article_id) or i.vector, dtype=np.float32))
        for i, lead in zip(inputs, leads, strict=True)]


def headline_vectors(articles: Sequence[tuple[str, str, str]]) -> dict[str, bytes]:
    """Story-encoder vectors (float32 bytes) of ``(article_id, title, clean_text)``: the headline, else the lead
    (the linker learned embeddings of headlines)."""
    if not articles:
        return {}
    rows = encode([title or lead_text(title, text) for _, title, text in articles])
    return {key: row.astype(np.float32).tobytes() for (key, _, _), row in zip(articles, rows, strict=True)}


def _method_name(settings: Settings) -> str:
    if settings.quote_method == "off":
        return "off"
    return quote_extractor(settings.quote_method).version
