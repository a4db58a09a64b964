"""Quote rows: writing an article's quotes and querying them with filters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import Select, func, or_, select

from ..records import Quote, Span
from .models import ArticleRow, QuoteRow, without_nul
from .patterns import ESCAPE, contains


@dataclass(frozen=True, slots=True)
class QuoteSummary:
    """A stored quote with the article it is in."""

    article_id: str
    position: int
    outlet: str | None
    title: str | None
    published: date | None
    kind: str
    content: str
    speaker: str | None
    speaker_name: str | None
    speaker_role: str | None
    cue: str | None
    channel: str | None
    content_start: int
    content_end: int
    speaker_entity_id: str | None = None

    @property
    def quote_id(self) -> str:
        return quote_id(self.article_id, self.position)

    def as_dict(self) -> dict:
        data = {"quote_id": self.quote_id, **asdict(self)}
        data["published"] = self.published.isoformat() if self.published else None
        return data


def quote_id(article_id: str, position: int) -> str:
    """A quote's stable id: its article's id and its place in the article's text order."""
    return f"{article_id}-{position}"


@dataclass(frozen=True, slots=True)
class SpeakerSummary:
    """A speaker by canonical name: how often quoted, in which outlets, with a stated role."""

    name: str
    role: str | None
    quotes: int
    outlets: list[str]


def top_speakers_query(limit: int) -> Select:
    return (select(QuoteRow.speaker_name, func.count(), func.max(QuoteRow.speaker_role))
            .where(QuoteRow.speaker_name.is_not(None)).group_by(QuoteRow.speaker_name)
            .order_by(func.count().desc(), QuoteRow.speaker_name).limit(limit))


def speaker_outlets_query(names: Sequence[str]) -> Select:
    return (select(QuoteRow.speaker_name, ArticleRow.outlet).distinct()
            .join(ArticleRow, ArticleRow.id == QuoteRow.article_id)
            .where(QuoteRow.speaker_name.in_(list(names))).order_by(ArticleRow.outlet.nulls_first()))


def quote_rows(quotes: Sequence[Quote], method: str) -> list[dict]:
    """Rows for one article's quotes, numbered in text order."""
    rows = []
    for position, quote in enumerate(sorted(quotes, key=lambda q: q.content.start)):
        row = {"article_id": quote.article_id, "position": position, "kind": quote.kind,
               "speaker_name": quote.speaker_name, "speaker_role": quote.speaker_role,
               "speaker_entity_id": quote.speaker_entity_id, "channel": quote.channel, "method": method}
        for prefix, span in (("content", quote.content), ("speaker", quote.speaker), ("cue", quote.cue)):
            row[f"{prefix}_start"] = span.start if span else None
            row[f"{prefix}_end"] = span.end if span else None
            row[f"{prefix}_text"] = span.text if span else None
        rows.append(row)
    return rows


def quotes_query(*, speaker: str | None = None, outlet: str | None = None, kind: str | None = None,
                 article_id: str | None = None, article_ids: Sequence[str] | None = None,
                 speaker_entity_id: str | None = None, since: date | None = None,
                 until: date | None = None) -> Select:
    """Quotes joined with their article, filtered; oldest article first, then text order."""
    query = select(QuoteRow.__table__, ArticleRow.outlet, ArticleRow.title, ArticleRow.published).join(
        ArticleRow, ArticleRow.id == QuoteRow.article_id)
    if speaker:
        pattern = contains(speaker)
        query = query.where(or_(func.lower(QuoteRow.speaker_name).like(pattern, escape=ESCAPE),
                                func.lower(QuoteRow.speaker_text).like(pattern, escape=ESCAPE)))
    if outlet:
        query = query.where(func.lower(ArticleRow.outlet) == without_nul(outlet.lower()))
    if kind:
        query = query.where(QuoteRow.kind == kind)
    if article_id:
        query = query.where(QuoteRow.article_id == article_id)
    if speaker_entity_id:
        query = query.where(QuoteRow.speaker_entity_id == speaker_entity_id)
    if article_ids is not None:
        query = query.where(QuoteRow.article_id.in_(list(article_ids)))
    if since:
        query = query.where(ArticleRow.published >= since)
    if until:
        query = query.where(ArticleRow.published <= until)
    return query.order_by(ArticleRow.published.nulls_last(), ArticleRow.pk, QuoteRow.position)


def to_summary(row) -> QuoteSummary:
    quote, outlet, title, published = row, row.outlet, row.title, row.published
    if isinstance(published, str):
        published = date.fromisoformat(published)
    return QuoteSummary(quote.article_id, quote.position, outlet, title, published, quote.kind,
                        quote.content_text, quote.speaker_text, quote.speaker_name, quote.speaker_role,
                        quote.cue_text, quote.channel, quote.content_start, quote.content_end,
                        quote.speaker_entity_id)


def quote_records(conn, article_ids: Sequence[str]) -> list[Quote]:
    """The stored quotes of these articles as ``Quote`` records, in article and text order."""
    query = select(QuoteRow).where(QuoteRow.article_id.in_(list(article_ids))).order_by(
        QuoteRow.article_id, QuoteRow.position)
    return [_to_quote(row) for row in conn.execute(query)]


def _to_quote(row) -> Quote:
    def span(prefix: str) -> Span | None:
        start = getattr(row, f"{prefix}_start")
        return None if start is None else Span(start, getattr(row, f"{prefix}_end"), getattr(row, f"{prefix}_text"))
    return Quote(row.article_id, span("content"), row.kind, span("speaker"), span("cue"), row.speaker_name,
                 row.speaker_entity_id, row.channel, row.speaker_role)
