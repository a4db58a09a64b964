"""Find: the model-heavy, store-free half of the analysis (the Spark map step).

Each text is cut into pieces (``nlp.pieces``); spaCy and the quote tagger see the pieces of a group of
documents in bounded batches; the rules (entities, then quotes and speakers) take one document at a time.
Every step holds each document to its own allowance (``settings.document_timeout``, once more for each four
pieces past the first four: a long report gets time for its length) and to its own failures: a document that
overruns or breaks gets its error in place of its findings, and the others go on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .. import nlp
from ..clean import clean_document
from ..entities import LocalEntity, add_known_names, analyse_text, gazetteer_of, join_pieces
from ..errors import IngestError, PresslensError
from ..quotes import FoundQuote, QuoteExtractor
from ..quotes.speakers import Person
from ..records import Article, RawDoc
from ..settings import Settings
from ..timeouts import DocumentTimeout, time_limit
from .findings import Findings

logger = logging.getLogger(__name__)


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
    found = [analyse_text(text, spans, language=language)
             for text, spans, language in zip(texts, named, languages, strict=True)]
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
    extractor = quote_extractor(settings.quote_method)
    return extractor.extract(texts, [_people(found) for found in entities], languages)




def find_in_articles(articles: Sequence[Article], settings: Settings) -> list[Findings | PresslensError]:
    """The model-heavy half of the analysis: needs no store, so it can run anywhere (a Spark executor).

    Each article gets its findings, or in its place the error that stopped it: every step holds each
    document to its own allowance (``settings.document_timeout`` for each 4 pieces of ``nlp.PIECE_TOKENS``) and to
    its own failures, and the other documents go on. A text longer than one piece is analysed alone, piece by
    piece; one longer than ``settings.max_analysed_chars`` is not analysed (E115).
    """
    return find_in_texts([a.clean_text for a in articles], [a.language or settings.default_language for a in articles],
                         settings, [a.source for a in articles])


def find_in_texts(texts: Sequence[str], languages: Sequence[str], settings: Settings,
                  sources: Sequence[str] | None = None) -> list[Findings | PresslensError]:
    """``find_in_articles`` for plain texts (``sources`` name them in errors)."""
    out: list[Findings | PresslensError | None] = [None] * len(texts)
    docs: list[_Doc] = []
    for n, (text, language, source) in enumerate(zip(texts, languages, sources or [""] * len(texts), strict=True)):
        if len(text) > settings.max_analysed_chars:
            out[n] = IngestError("E115", source=source, chars=len(text), limit=settings.max_analysed_chars)
        pieces = [] if out[n] else [(s, text[s:e]) for s, e in nlp.pieces(text)]
        docs.append(_Doc(text, language, source, pieces or [(0, "")], _allowance(settings, len(pieces))))
    short = {n for n, d in enumerate(docs) if len(d.pieces) == 1 and out[n] is None}
    groups = [sorted(short)] + [[n] for n in range(len(docs)) if n not in short and out[n] is None]
    for group in filter(None, groups):
        for n, found in zip(group, _find_in_group([docs[n] for n in group], settings), strict=True):
            out[n] = found
    return out  # type: ignore[return-value]


PIECES_PER_ALLOWANCE = 4  # one document's time limit covers 4 pieces (32,000 tokens, some 40 articles of 600 words)


def _allowance(settings: Settings, pieces: int) -> float:
    """Seconds a document may take in each step: the document timeout, once more for each 4 pieces past the first
    4, so a long report gets time for its length while a dense short text still stops soon."""
    return settings.document_timeout * max(1, -(-pieces // PIECES_PER_ALLOWANCE))


@dataclass
class _Doc:
    """A text being analysed: its pieces (offset, text), and what each step found in them."""

    text: str
    language: str
    source: str
    pieces: list[tuple[int, str]]
    allowance: float  # seconds for each step (``_allowance``)
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
        allowance = sum(d.allowance for d in docs)
        named = _model_step(allowance, "entities", lambda: named_entities(texts, languages))
        _hand_out(docs, named, "named")
        _each_doc(docs, "entities", lambda d: [analyse_text(t, n, language=d.language)
                                                for (_, t), n in zip(d.pieces, d.named, strict=True)])
        gazetteer = gazetteer_of([e for d in docs if d.error is None for e in d.entities])
        _each_doc(docs, "entities", lambda d: [add_known_names(t, e, gazetteer)
                                                for (_, t), e in zip(d.pieces, d.entities, strict=True)])
        if extractor is not None:
            tagged = _model_step(allowance, "quotes",
                                 pending.result if pending is not None else lambda: extractor.tag(texts, languages))
            _hand_out(docs, tagged, "tagged")
    except (DocumentTimeout, _StepFailed) as failure:
        if pending is not None:
            pending.cancel()
        if len(docs) > 1:  # one of them overran or broke a model step: each alone, within its own limit
            return [found for d in docs for found in _find_in_group([_fresh(d)], settings)]
        return [failure.error.at(docs[0].source) if isinstance(failure, _StepFailed)
                else IngestError("E113", source=docs[0].source, seconds=docs[0].allowance)]
    return [d.error or _findings(d, extractor) for d in docs]


def _fresh(doc: _Doc) -> _Doc:
    return _Doc(doc.text, doc.language, doc.source, doc.pieces, doc.allowance)


class _StepFailed(Exception):
    def __init__(self, error: PresslensError) -> None:
        self.error = error


def _model_step(allowance: float, step: str, run: Callable[[], list]) -> list:
    """A model's pass over the pieces of a group of documents, within their allowances together (a model's time
    is linear in the text, and each piece is bounded)."""
    try:
        with time_limit(allowance):
            return run()
    except DocumentTimeout:
        raise
    except Exception as exc:  # reported, and the batch goes on
        raise _StepFailed(failure(step, "", exc)) from exc


def _hand_out(docs: Sequence[_Doc], values: Sequence, attribute: str) -> None:
    """Give each document its pieces' share of a model's results (one value a piece, in order)."""
    flat = iter(values)
    for doc in docs:
        setattr(doc, attribute, [next(flat) for _ in doc.pieces])


def _each_doc(docs: Sequence[_Doc], step: str, run: Callable[[_Doc], list]) -> None:
    """Run a rule step on each document still standing, each within its own time limit; a document that
    overruns or fails gets its error and leaves the batch."""
    for doc in docs:
        if doc.error is not None:
            continue
        try:
            with time_limit(doc.allowance):
                doc.entities = run(doc)
        except DocumentTimeout:
            doc.error = IngestError("E113", source=doc.source, seconds=doc.allowance)
        except Exception as exc:  # reported, and the batch goes on
            doc.error = failure(step, doc.source, exc)


def _findings(doc: _Doc, extractor: QuoteExtractor | None) -> Findings | PresslensError:
    """One document's entities (pieces joined) and quotes (speakers among its pieces' people)."""
    try:
        with time_limit(doc.allowance):
            quotes: list[FoundQuote] = []
            for (offset, text), entities, tagged in zip(doc.pieces, doc.entities, doc.tagged or [None] * len(
                    doc.pieces), strict=True):
                if extractor is not None:
                    quotes += [_shifted(q, offset) for q in extractor.quotes_in(text, tagged, _people(entities),
                                                                               language=doc.language)]
            entities = doc.entities[0] if len(doc.pieces) == 1 else join_pieces(
                [(offset, e) for (offset, _), e in zip(doc.pieces, doc.entities, strict=True)])
            return Findings(entities, quotes)
    except DocumentTimeout:
        return IngestError("E113", source=doc.source, seconds=doc.allowance)
    except Exception as exc:  # reported, and the batch goes on
        return failure("quotes", doc.source, exc)


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


def failure(step: str, source: str, exc: BaseException) -> IngestError:
    """An unexpected failure of one document in one step, as the error the ingest report shows."""
    if isinstance(exc, PresslensError):
        return exc.at(exc.source or source, exc.locator)  # type: ignore[return-value]
    logger.warning("%s failed in the %s step", source or "a document", step, exc_info=exc)
    return IngestError("E114", source=source, step=step, kind=type(exc).__name__, detail=str(exc)[:200])


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
            errors.append(failure("clean", doc.where, exc))
    kept: list[Article] = []
    findings: list[Findings] = []
    for article, found in zip(articles, find_in_articles(articles, settings) if articles else [], strict=True):
        if isinstance(found, PresslensError):
            errors.append(found)
        else:
            kept.append(article)
            findings.append(found)
    return kept, findings, errors
