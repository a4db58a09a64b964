"""The REST API: versioned JSON over the store (``/api/v1``), OpenAPI at ``/openapi.json``.

Read-only unless ``PRESSLENS_API_TOKEN`` is set; then ``POST /api/v1/articles`` queues an ingest
job with ``Authorization: Bearer <token>`` (compared in constant time) and answers 202 with the job
(``GET /api/v1/jobs/{id}``). Errors are one shape: ``{"error": {"code", "message"}}``, an unhandled
exception included (500, ``internal``). Lists page with ``limit`` and an opaque ``cursor``. Every
response carries security headers, and HEAD works wherever GET does (see ``middleware``).
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from functools import partial

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import NOT_FOUND_CODES, PresslensError, StoreError
from ..pipeline import IngestReport, ingest_bytes
from ..settings import Settings
from ..store import Store
from .briefs import BriefCache
from .jobs import MAX_QUEUED_JOBS, JobQueue
from .middleware import HttpGuard
from .routes import ApiError, router


def create_app(settings: Settings, *, with_web: bool = True, max_queued_jobs: int = MAX_QUEUED_JOBS) -> FastAPI:
    """The presslens web application over the store ``settings.db_url``.

    ``max_queued_jobs``: ingest jobs that may wait behind the running one before POST answers 503.
    """
    store = Store.open(settings.db_url)
    jobs = JobQueue(partial(_ingest, store, settings), max_queued=max_queued_jobs)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        await run_in_threadpool(jobs.close)
        store.close()

    app = FastAPI(title="presslens", version=__version__,
                  description="Stories, people and quotes from news articles across outlets.",
                  openapi_url="/openapi.json", docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.settings = settings
    app.state.store = store
    app.state.briefs = BriefCache()
    app.state.jobs = jobs
    app.include_router(router, prefix="/api/v1")
    _error_handlers(app)
    app.add_middleware(HttpGuard)
    if with_web:
        from ..web import mount_web

        mount_web(app)

    return app


def _ingest(store: Store, settings: Settings, data: bytes, name: str, fmt: str | None) -> IngestReport:
    """What an ingest job runs (in the job queue's worker thread)."""
    return ingest_bytes(data, name, store, settings, fmt=fmt)


def error_body(status: int, code: str, message: str) -> JSONResponse:
    """The one error shape every endpoint uses (a message that is not Unicode text gets U+FFFD)."""
    message = message.encode("utf-8", "replace").decode("utf-8")
    return JSONResponse(status_code=status, content={"error": {"code": code, "message": message}})


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(PresslensError)
    async def presslens_error(_request: Request, exc: PresslensError) -> JSONResponse:
        status = 404 if exc.code in NOT_FOUND_CODES else 400 if exc.code == "E503" else \
            503 if isinstance(exc, StoreError) else 400
        return error_body(status, exc.code, exc.reason)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        details = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors())
        return error_body(422, "invalid_request", details[:1000])

    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
        response = error_body(exc.status, exc.code, exc.message)
        response.headers.update(exc.headers)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
                413: "too_large"}.get(exc.status_code, "http_error")
        response = error_body(exc.status_code, code, str(exc.detail))
        if exc.status_code == 401:
            response.headers["WWW-Authenticate"] = "Bearer"
        return response
