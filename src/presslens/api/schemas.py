"""Response models of ``/api/v1``: every field of every answer, for ``/openapi.json`` and generated clients.

The routes build plain dicts from the store's records; these models check them on the way out
(``extra="forbid"``: a field the store adds and no model names is a failure in the tests, not a field the
schema hides). Days are ISO dates (``YYYY-MM-DD``), times ISO 8601; offsets count characters of the
article's original text unless said otherwise.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ArticleDetail", "ArticlePage", "Brief", "EntityDetail", "EntityPage", "ErrorBody", "Job", "OutletList",
           "QuotePage", "StoryDetail", "StoryPage", "ThreadDetail", "ThreadPage"]

Day = str | None  # YYYY-MM-DD, or null when unknown


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- errors ---------------------------------------------------------------------------------------

class ErrorDetail(Model):
    code: str = Field(description="presslens error code (E5xx...) or an HTTP one (invalid_request, not_found...)")
    message: str


class ErrorBody(Model):
    """Every error answer: 400, 401, 403, 404, 405, 413, 422, 500, 503."""

    error: ErrorDetail


# -- articles -------------------------------------------------------------------------------------

class ArticleSummary(Model):
    article_id: str
    outlet: str | None
    title: str | None
    published: Day
    language: str | None
    url: str | None
    fmt: str = Field(description="the input format it came in: txt, jsonl, html, feed, warc")
    word_count: int
    snippet: str | None = Field(None, description="with q: the matched words in « », … where the text goes on")


class Page(Model):
    next_cursor: str | None = Field(description="pass as cursor for the next page; null on the last page")
    total: int | None = Field(description="items on all pages; null for a full-text search (ranked, not counted)")


class ArticlePage(Page):
    items: list[ArticleSummary]


class RemovedSpan(Model):
    start: int
    end: int
    text: str


class Quote(Model):
    quote_id: str = Field(description="article id and position: stable across runs")
    article_id: str
    story_id: str | None = Field(None, description="the story of the quote's article (quote lists)")
    position: int = Field(description="the quote's place in the article, in text order")
    outlet: str | None
    title: str | None
    published: Day
    kind: Literal["direct", "indirect", "mixed"]
    content: str
    speaker: str | None = Field(description="the speaker as the text names them (may be a pronoun)")
    speaker_name: str | None = Field(description="the speaker resolved to a canonical name")
    speaker_role: str | None
    cue: str | None = Field(description="the reporting verb or colon that introduces the quote")
    channel: str | None
    content_start: int
    content_end: int
    speaker_entity_id: str | None


class ArticleMention(Model):
    entity_id: str | None
    start: int
    end: int
    text: str
    kind: str
    source: str = Field(description="how it was found: ner, or a rule")
    evidence: str | None = Field(description="why it was linked to its entity, when not by its own name")


class ArticleDetail(Model):
    article_id: str
    outlet: str | None
    url: str | None
    title: str | None
    published: Day
    published_at: str | None
    language: str | None
    raw_text: str = Field(description="the text as read: every offset points into it")
    clean_text: str
    source: str = Field(description="the file or URL it was read from")
    fmt: str
    outlet_domain: str | None
    removed: list[RemovedSpan] = Field(description="boilerplate and captions cleaning left out, in raw offsets")
    quotes: list[Quote]
    mentions: list[ArticleMention]


# -- ingest jobs ----------------------------------------------------------------------------------

class IngestReport(Model):
    files: int
    documents: int
    added: int
    quotes: int
    mentions: int
    stories: int
    already_stored: int
    added_by_format: dict[str, int]
    errors: list[str]
    warnings: list[str]
    seconds: float
    articles_per_second: float | None


class Job(Model):
    job_id: str
    status: Literal["queued", "running", "done", "failed"]
    name: str
    bytes: int
    submitted: str | None
    started: str | None
    finished: str | None
    report: IngestReport | None = None
    error: ErrorDetail | None = None


# -- stories and threads --------------------------------------------------------------------------

class StorySummary(Model):
    story_id: str
    title: str
    size: int = Field(description="articles")
    outlets: list[str]
    first_seen: Day
    last_seen: Day
    duplicates: int = Field(description="articles that are near-copies of another in the story")


class StoryPage(Page):
    items: list[StorySummary]


class StoryArticle(Model):
    article_id: str
    outlet: str | None
    title: str | None
    published: Day
    url: str | None
    position: int = Field(description="arrival order in the story")
    probability: float | None = Field(description="the linker's probability that it joined the right story")
    duplicate_of: str | None
    containment: float | None


class StoryDetail(StorySummary):
    articles: list[StoryArticle] = Field(description="by day, then arrival")
    thread_id: str | None


class ThreadSummary(Model):
    thread_id: str
    title: str
    size: int = Field(description="stories")
    articles: int
    outlets: list[str]
    first_seen: Day
    last_seen: Day


class ThreadPage(Page):
    items: list[ThreadSummary]


class ThreadDetail(ThreadSummary):
    stories: list[StorySummary] = Field(description="in time order")


# -- the brief ------------------------------------------------------------------------------------

class BriefArticle(Model):
    article_id: str
    title: str | None
    url: str | None
    published: Day
    copy_of: str | None = Field(description="the article this one is a near-copy of")


class OutletArticles(Model):
    outlet: str
    articles: list[BriefArticle]


class Person(Model):
    entity_id: str
    name: str
    kind: str
    mentions: dict[str, int] = Field(description="by outlet")
    roles: dict[str, list[str]] = Field(description="roles each outlet gives")
    quoted_by: dict[str, int] = Field(description="quotes by outlet")
    organisation: str | None


class OrganisationVoices(Model):
    entity_id: str
    name: str
    spellings: dict[str, list[str]] = Field(description="by outlet")
    speakers: dict[str, list[str]] = Field(description="who speaks for it, by outlet")
    different_voices: bool


class DiffOp(Model):
    op: Literal["equal", "delete", "insert", "replace"]
    a: str
    b: str


class Alignment(Model):
    same_quote: bool
    class_: str = Field(alias="class", description="verbatim, trimmed, altered or different")
    score: float
    cover: float
    cosine: float | None
    speaker_conflict: bool
    other_occasion: bool
    diff: list[DiffOp]

    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)


class QuoteVersion(Model):
    outlet: str
    article_id: str
    start: int
    end: int
    text: str
    speaker: str | None
    kind: str
    published: Day
    alignment: Alignment | None = Field(None, description="against the group's first (reference) version")


class QuoteGroup(Model):
    speaker: str | None
    outlets: list[str]
    versions: list[QuoteVersion]


class SpeakerConflict(Model):
    a: QuoteVersion
    b: QuoteVersion


class FactValue(Model):
    outlet: str
    article_id: str
    start: int
    end: int
    text: str
    sentence: str


class FactGroup(Model):
    what: str
    dimension: str
    status: str = Field(description="agree, conflict, differs (one is vague) or unique")
    values: list[FactValue]


class UniqueItem(Model):
    outlet: str
    article_id: str
    start: int
    end: int
    sentence: str
    terms: list[str] = Field(description="names and numbers no other outlet mentions")
    nearest: float = Field(description="similarity of the closest sentence of another outlet")


class Brief(Model):
    story_id: str
    title: str
    language: str
    first_seen: Day
    last_seen: Day
    outlets: list[OutletArticles]
    people: list[Person]
    organisations: list[OrganisationVoices]
    quoted_by: dict[str, dict[str, int]] = Field(description="speaker -> outlet -> quotes")
    aligned_quotes: list[QuoteGroup]
    speaker_conflicts: list[SpeakerConflict]
    facts: list[FactGroup]
    unique: list[UniqueItem]
    copies: dict[str, str] = Field(description="article id -> the article it is a near-copy of")


# -- quotes, entities, outlets --------------------------------------------------------------------

class QuotePage(Page):
    items: list[Quote]


class EntitySummary(Model):
    entity_id: str
    kind: Literal["person", "organisation", "work", "place"]
    name: str
    roles: list[str]
    forms: list[str] = Field(description="surface forms seen in the text")
    mentions: int
    articles: int
    outlets: list[str]


class EntityPage(Page):
    items: list[EntitySummary]


class EntityMention(Model):
    article_id: str
    outlet: str | None
    title: str | None
    published: Day
    start: int
    end: int
    text: str
    source: str
    evidence: str | None


class EntityDetail(EntitySummary):
    mentions_list: list[EntityMention]
    quotes_by_outlet: dict[str, list[Quote]]


class QuotedSpeaker(Model):
    speaker: str
    quotes: int


class Outlet(Model):
    outlet: str
    articles: int
    most_quoted: list[QuotedSpeaker]


class OutletList(Model):
    items: list[Outlet]


# -- quote tracing --------------------------------------------------------------------------------

class TracedQuote(Model):
    quote_id: str
    article_id: str
    outlet: str | None
    published: Day
    speaker: str | None
    text: str
    class_: Literal["verbatim", "trimmed", "altered", "paraphrase", "different"] | None = Field(
        None, alias="class", description="how this version relates to the traced quote (absent for the quote itself)")
    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)
    other_speaker: bool | None = Field(None, description="the same words given to another speaker")
    diff: list[DiffOp] | None = Field(None, description="the word changes against the traced quote")


class FirstSeen(Model):
    quote_id: str
    outlet: str | None
    published: Day


class QuoteVersions(Model):
    quote: TracedQuote
    versions: list[TracedQuote] = Field(description="the same quote elsewhere in the store, oldest first")
    earliest: FirstSeen = Field(description="the first publisher seen")
    outlets: list[str]
    trimmed_by: list[str] = Field(description="outlets whose version is a part of the quote")
    altered_by: list[str] = Field(description="outlets whose version changes words inside it")
    other_speakers: list[TracedQuote] = Field(description="the same words given to someone else")
