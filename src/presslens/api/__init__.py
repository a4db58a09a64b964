"""The REST API: versioned JSON over the store (``/api/v1``), OpenAPI at ``/openapi.json``.

Read-only unless ``PRESSLENS_API_TOKEN`` is set; then ``POST /api/v1/articles`` ingests with
``Authorization: Bearer <token>`` (compared in constant time). Errors are one shape:
``{"error": {"code", "message"}}``. Lists page with ``limit`` and an opaque ``cursor``.
"""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import PresslensError, StoreError
from ..settings import Settings
from ..store import Store
from .routes import BriefCache, router

NOT_FOUND = {"E502", "E504", "E505"}


def create_app(settings: Settings, *, with_web: bool = True) -> FastAPI:
    """The presslens web application over the store ``settings.db_url``."""
    store = Store.open(settings.db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        store.close()

    app = FastAPI(title="presslens", version=__version__,
                  description="Stories, people and quotes from news articles across outlets.",
                  openapi_url="/openapi.json", docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.settings = settings
    app.state.store = store
    app.state.briefs = BriefCache()
    app.include_router(router, prefix="/api/v1")
    _error_handlers(app)
    if with_web:
        from ..web import mount_web

        mount_web(app)

    return app


def error_body(status: int, code: str, message: str) -> JSONResponse:
    """The one error shape every endpoint uses."""
    return JSONResponse(status_code=status, content={"error": {"code": code, "message": message}})


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(PresslensError)
    async def presslens_error(_request: Request, exc: PresslensError) -> JSONResponse:
        status = 404 if exc.code in NOT_FOUND else 400 if exc.code == "E503" else \
            503 if isinstance(exc, StoreError) else 400
        return error_body(status, exc.code, exc.reason)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        details = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors())
        return error_body(422, "invalid_request", details[:1000])

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
                413: "too_large"}.get(exc.status_code, "http_error")
        response = error_body(exc.status_code, code, str(exc.detail))
        if exc.status_code == 401:
            response.headers["WWW-Authenticate"] = "Bearer"
        return response
