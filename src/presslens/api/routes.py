"""The ``/api/v1`` endpoints: articles, stories (with briefs), quotes, entities, outlets, ingest jobs."""

from __future__ import annotations

import base64
import binascii
import hmac
import json
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request, Response
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from ..archive import quote_trace
from ..export import MEDIA_TYPES, export_chunks
from ..settings import Settings
from ..store import EXPORT_COLUMNS, ExportFilters, Store
from . import schemas
from .briefs import BriefCache
from .jobs import Job, JobQueue, QueueFull
from .params import Cursor, Key, Language, Limit, SearchText, Since, Text, Until

__all__ = ["ApiError", "BriefCache", "router"]

MAX_JSON_DEPTH = 32
RETRY_AFTER_SECONDS = 10


class ApiError(Exception):
    """An error answered in the error shape with its own status, code and headers."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers or {}


def known_parameters_only(request: Request) -> None:
    """A 422 for a query parameter the endpoint does not take: ``?outlets=`` must not quietly list everything."""
    route = request.scope.get("route")
    if route is None or not hasattr(route, "dependant"):
        return
    known = {p.alias for p in route.dependant.query_params}
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        takes = ", ".join(sorted(known)) or "none"
        raise ApiError(422, "invalid_request", f"unknown query parameter {unknown[0]!r} (this endpoint takes: {takes})")


ERROR_RESPONSES: dict[int | str, dict] = {
    status: {"model": schemas.ErrorBody, "description": description} for status, description in (
        (400, "A bad value (an invalid cursor, a filter that cannot apply)"),
        (404, "No such record"),
        (422, "A query parameter that is unknown or out of range"),
        (503, "The database cannot answer now"))}
router = APIRouter(dependencies=[Depends(known_parameters_only)], responses=ERROR_RESPONSES)


def invalid_json(detail: str) -> ApiError:
    """A 400 for a body that is not JSON the API takes."""
    return ApiError(400, "invalid_json", f"invalid JSON: {detail}")


def store_of(request: Request) -> Store:
    return request.app.state.store


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def page(items: list, offset: int, limit: int, total: int | None = None) -> dict:
    """A page of ``limit`` items (``items`` holds one more when there is a next page), with the number of
    items all pages hold (None for a full-text search: hits are ranked, not counted)."""
    more = len(items) > limit
    return {"items": [i.as_dict() if hasattr(i, "as_dict") else i for i in items[:limit]],
            "next_cursor": encode_cursor({"o": offset + limit}) if more else None, "total": total}


def encode_cursor(data: dict) -> str:
    """An opaque cursor for ``data`` (``{"o": offset}``, or the key of a page's last row)."""
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The offset an opaque cursor stands for; a cursor that was not ours is a 400."""
    if not cursor:
        return 0
    offset = _cursor_data(cursor).get("o")
    if not isinstance(offset, int) or isinstance(offset, bool) or not 0 <= offset <= 10_000_000:
        raise HTTPException(400, "invalid cursor")
    return offset


def decode_key_cursor(cursor: str | None, kind: str) -> str | None:
    """The last row's key a keyset cursor of ``kind`` carries (None: the first page); any other is a 400."""
    if not cursor:
        return None
    data = _cursor_data(cursor)
    key = data.get(kind)
    if not isinstance(key, str) or not 0 < len(key) <= 200:
        raise HTTPException(400, "invalid cursor")
    return key


def _cursor_data(cursor: str) -> dict:
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise HTTPException(400, "invalid cursor") from None
    if not isinstance(data, dict):
        raise HTTPException(400, "invalid cursor")
    return data


def keyset_page(items: list[dict], limit: int, kind: str, key: str, total: int) -> dict:
    """A page whose next cursor names its last row (``item[key]``), so the next page starts right after it
    however many rows arrive meanwhile."""
    cursor = encode_cursor({kind: items[limit - 1][key]}) if len(items) > limit else None
    return {"items": items[:limit], "next_cursor": cursor, "total": total}


# -- articles -------------------------------------------------------------------------------

@router.get("/articles", response_model=schemas.ArticlePage, response_model_exclude_unset=True,
            summary="List articles (newest first) or search them")
def list_articles(request: Request, limit: Limit = 50, cursor: Cursor = None, outlet: Text = None,
                  language: Language = None, since: date | None = None, until: date | None = None,
                  q: SearchText = None, exact: Annotated[bool, Query(
                      description="With q: match words exactly (by default word forms match: floods, flood)")] = False
                  ) -> dict:
    store = store_of(request)
    if q:  # ranked hits: paged by offset
        offset = decode_cursor(cursor)
        hits = store.search(q, limit=offset + limit + 1, exact=exact, outlet=outlet, language=language, since=since,
                            until=until)[offset:]
        return page([h.as_dict() for h in hits], offset, limit)
    filters = {"outlet": outlet, "language": language, "since": since, "until": until}
    found = store.list_articles(**filters, limit=limit + 1, after=decode_key_cursor(cursor, "a"))
    return keyset_page([a.as_dict() for a in found], limit, "a", "article_id", store.count_articles(**filters))


@router.get("/articles/{article_id}", response_model=schemas.ArticleDetail,
            summary="One article: text, quotes and entity mentions with offsets")
def get_article(request: Request, article_id: Key) -> dict:
    store = store_of(request)
    article = store.get_article(article_id)
    data = article.as_dict()
    data.pop("offset_map", None)
    data["quotes"] = with_story_ids(store, store.list_quotes(article_id=article.article_id, limit=1000))
    data["mentions"] = store.article_mentions(article.article_id)
    return data


@router.post("/articles", response_model=schemas.Job, response_model_exclude_unset=True, status_code=202,
             summary="Queue one article, a batch, or an uploaded file for ingest",
             responses={202: {"description": "Queued: poll the job at the Location header"},
                        503: {"description": "The ingest queue is full (Retry-After)"}})
async def post_articles(request: Request, response: Response,
                        authorization: Annotated[str | None, Header()] = None) -> dict:
    settings = settings_of(request)
    _check_token(settings, authorization)
    data = await _read_body(request, settings.max_document_bytes * 50)
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        name, data = await _uploaded_file(request)
        fmt = None
    else:
        name, fmt = "request.jsonl", "jsonl"
        data = await run_in_threadpool(_json_records, data)
    job = _submit(request, data, name, fmt)
    response.headers["Location"] = f"{request.scope.get('root_path', '')}/api/v1/jobs/{job.job_id}"
    return job.as_dict()


def _submit(request: Request, data: bytes, name: str, fmt: str | None) -> Job:
    jobs: JobQueue = request.app.state.jobs
    try:
        return jobs.submit(data, name, fmt)
    except QueueFull:
        raise ApiError(503, "busy", "the ingest queue is full: try again later",
                       {"Retry-After": str(RETRY_AFTER_SECONDS)}) from None


@router.get("/jobs/{job_id}", response_model=schemas.Job, response_model_exclude_unset=True,
            summary="An ingest job: queued, running, done (with its report) or failed")
def get_job(request: Request, job_id: Key, authorization: Annotated[str | None, Header()] = None) -> dict:
    _check_token(settings_of(request), authorization)
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no ingest job {job_id!r} (unknown, or dropped long after it finished)")
    return job.as_dict()


def _check_token(settings: Settings, authorization: str | None) -> None:
    if not settings.api_token:
        raise HTTPException(403, "ingestion through the API is off: set PRESSLENS_API_TOKEN")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), settings.api_token.encode()):
        raise HTTPException(401, "missing or wrong token")


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"body larger than {limit:,} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise HTTPException(413, f"body larger than {limit:,} bytes")
    request._body = bytes(body)
    return bytes(body)


async def _uploaded_file(request: Request) -> tuple[str, bytes]:
    form = await request.form()
    upload = form.get("file")
    if upload is None or isinstance(upload, str):
        raise HTTPException(400, 'send the document as a multipart field named "file"')
    name = (upload.filename or "upload").replace("\\", "/").rsplit("/", 1)[-1][:200] or "upload"
    return name, await upload.read()


def _json_records(data: bytes) -> bytes:
    """One JSON article or a list of them, as JSONL for the JSONL reader; bad JSON is a 400."""
    try:
        value = json.loads(data)
    except RecursionError:
        raise invalid_json(f"nested deeper than {MAX_JSON_DEPTH} levels") from None
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, an integer past Python's digit limit
        raise invalid_json(str(exc)[:300]) from None
    records = value if isinstance(value, list) else [value]
    if not records or not all(isinstance(r, dict) for r in records):
        raise HTTPException(400, "send an article object or a list of them")
    _check_values(records)
    return "\n".join(json.dumps(r) for r in records).encode()


def _check_values(value: object) -> None:
    """A 400 for JSON nested deeper than ``MAX_JSON_DEPTH`` or holding a lone surrogate (not Unicode text)."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise invalid_json(f"nested deeper than {MAX_JSON_DEPTH} levels")
        if isinstance(item, str):
            _check_text(item)
        elif isinstance(item, dict):
            for key in item:
                _check_text(key)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise invalid_json(f"a lone surrogate \\u{ord(text[exc.start]):04x} at character {exc.start} of a string "
                           "is not Unicode text") from None


# -- stories ---------------------------------------------------------------------------------

@router.get("/stories", response_model=schemas.StoryPage, summary="List stories by size or recency")
def list_stories(request: Request, limit: Limit = 50, cursor: Cursor = None, outlet: Text = None,
                 search: Text = None, min_size: Annotated[int, Query(ge=1, le=100_000)] = 1,
                 order: Literal["size", "recent"] = "size", since: Since = None, until: Until = None) -> dict:
    store, offset = store_of(request), decode_cursor(cursor)
    filters = {"outlet": outlet, "search": search, "min_size": min_size, "since": since, "until": until}
    found = store.list_stories(**filters, order=order, limit=limit + 1, offset=offset)
    return page(found, offset, limit, store.count_stories(**filters))


@router.get("/stories/{story_id}", response_model=schemas.StoryDetail, summary="One story and its timeline")
def get_story(request: Request, story_id: Key) -> dict:
    store = store_of(request)
    found = store.get_story(story_id)
    return {**found.as_dict(), "thread_id": store.thread_of_story(found.story_id)}


@router.get("/stories/{story_id}/brief", response_model=schemas.Brief, response_model_exclude_unset=True,
            summary="How each outlet told the story (compare stage)")
def get_brief(request: Request, story_id: Key) -> dict:
    return request.app.state.briefs.get(store_of(request), story_id).as_dict()


# -- threads ---------------------------------------------------------------------------------

@router.get("/threads", response_model=schemas.ThreadPage,
            summary="List threads (running storylines of several stories) by size or recency")
def list_threads(request: Request, limit: Limit = 50, cursor: Cursor = None, outlet: Text = None,
                 order: Literal["size", "recent"] = "size") -> dict:
    store, offset = store_of(request), decode_cursor(cursor)
    return page(store.list_threads(outlet=outlet, order=order, limit=limit + 1, offset=offset), offset, limit,
                store.count_threads(outlet=outlet))


@router.get("/threads/{thread_id}", response_model=schemas.ThreadDetail,
            summary="One thread and its stories in time order")
def get_thread(request: Request, thread_id: Key) -> dict:
    return store_of(request).get_thread(thread_id).as_dict()


# -- quotes, entities, outlets ------------------------------------------------------------------

@router.get("/quotes", response_model=schemas.QuotePage, summary="List quotes by speaker, outlet, story, kind or words")
def list_quotes(request: Request, limit: Limit = 50, cursor: Cursor = None, speaker: Text = None,
                outlet: Text = None, story: Text = None, kind: Literal["direct", "indirect", "mixed"] | None = None,
                q: Text = None, speaker_id: Text = None, since: Since = None, until: Until = None) -> dict:
    store = store_of(request)
    filters = {"speaker": speaker, "outlet": outlet, "story": story, "kind": kind, "search": q,
               "speaker_entity_id": speaker_id, "since": since, "until": until}
    found = store.list_quotes(**filters, limit=limit + 1, after=decode_key_cursor(cursor, "q"))
    return keyset_page(with_story_ids(store, found), limit, "q", "quote_id", store.count_quotes(**filters))


@router.get("/quotes/{quote_id}/versions", response_model=schemas.QuoteVersions, response_model_exclude_unset=True,
            response_model_by_alias=True, summary="Every version of a quote across the store")
def get_quote_versions(request: Request, quote_id: Key) -> dict:
    """The quote's versions anywhere in the store (any story, outlet, date), checked by the aligner: by outlet and
    time, the earliest publisher, who trimmed or altered it (word diff), who gave it to another speaker."""
    return quote_trace(store_of(request), quote_id).as_dict()


def with_story_ids(store: Store, quotes: list) -> list[dict]:
    """Quotes as dicts, each with the id of its article's story."""
    story_of = store.stories_of_articles(list({q.article_id for q in quotes}))
    return [{**q.as_dict(), "story_id": story_of.get(q.article_id)} for q in quotes]


@router.get("/entities", response_model=schemas.EntityPage,
            summary="List canonical people, organisations, works and places")
def list_entities(request: Request, limit: Limit = 50, cursor: Cursor = None,
                  kind: Literal["person", "organisation", "work", "place"] | None = None,
                  search: Text = None) -> dict:
    store, offset = store_of(request), decode_cursor(cursor)
    found = store.list_entities(kind=kind, search=search, limit=limit + 1, offset=offset)
    return page(found, offset, limit, store.count_entities(kind=kind, search=search))


@router.get("/entities/{entity_id}", response_model=schemas.EntityDetail,
            summary="One entity: roles, mentions, and quotes by outlet")
def get_entity(request: Request, entity_id: Key) -> dict:
    store = store_of(request)
    entity = store.get_entity(entity_id)
    quotes = store.list_quotes(speaker_entity_id=entity.entity_id, limit=1000)
    by_outlet: dict[str, list[dict]] = {}
    for quote in with_story_ids(store, quotes):
        by_outlet.setdefault(quote["outlet"] or "(unknown)", []).append(quote)
    return {**entity.as_dict(), "mentions_list": store.entity_mentions(entity.entity_id, limit=200),
            "quotes_by_outlet": by_outlet}


@router.get("/outlets", response_model=schemas.OutletList, summary="Outlets: article counts and who they quote most")
def list_outlets(request: Request) -> dict:
    store = store_of(request)
    outlets = []
    for name, count in store.outlet_counts():
        outlet = None if name == "(unknown)" else name
        quoted: dict[str, int] = {}
        for quote in store.list_quotes(outlet=outlet, limit=5000) if outlet else []:
            if quote.speaker_name:
                quoted[quote.speaker_name] = quoted.get(quote.speaker_name, 0) + 1
        top = sorted(quoted.items(), key=lambda item: (-item[1], item[0]))[:10]
        outlets.append({"outlet": name, "articles": count,
                        "most_quoted": [{"speaker": s, "quotes": n} for s, n in top]})
    return {"items": outlets}


# -- exports ------------------------------------------------------------------------------------

_EXPORT_SUFFIX = {"csv": "csv", "jsonl": "jsonl", "parquet": "parquet"}


@router.get("/export/{table}", summary="Every row of a table as CSV, JSONL or Parquet, streamed (no limit)",
            response_class=StreamingResponse,
            responses={200: {"description": "The rows, in the chosen format",
                             "content": {t.split(";")[0]: {} for t in MEDIA_TYPES.values()}}})
def export_table(request: Request,
                 table: Literal["articles", "quotes", "mentions", "entities", "stories", "threads"],
                 format: Literal["csv", "jsonl", "parquet"] = "jsonl",
                 since: date | None = None, until: date | None = None, outlet: Text = None, story: Text = None,
                 speaker: Text = None, bom: bool = False) -> StreamingResponse:
    filters = ExportFilters(since=since, until=until, outlet=outlet, story_id=story, speaker=speaker)
    rows = store_of(request).export(table, filters)  # a bad filter or unknown story answers before streaming
    headers = {"Content-Disposition": f'attachment; filename="{table}.{_EXPORT_SUFFIX[format]}"'}
    return StreamingResponse(export_chunks(rows, EXPORT_COLUMNS[table], format, bom=bom),
                             media_type=MEDIA_TYPES[format], headers=headers)
