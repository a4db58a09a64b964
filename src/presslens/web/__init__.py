"""The web UI: server-rendered pages (Jinja2, autoescaped) over the same store, no CDN.

Pages: the story list, a story page with the outlets side by side (quotes highlighted and
coloured by speaker, aligned quotes linked across columns with their word differences,
conflicts flagged, a coverage timeline), a person page, an article page, and search.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..compare.text import unquote
from ..errors import PresslensError
from .views import article_view, person_view, quote_view, search_view, stories_view, story_view

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.filters["unquote"] = unquote


def mount_web(app: FastAPI) -> None:
    """Add the pages and the static files to ``app``."""
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def render(request: Request, name: str, context: dict, status: int = 200) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=status)

    def guarded(request: Request, name: str, build) -> HTMLResponse:
        try:
            return render(request, name, build())
        except PresslensError as exc:
            return render(request, "error.html", {"message": exc.reason, "code": exc.code}, status=404)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, order: str = "size") -> HTMLResponse:
        return guarded(request, "stories.html", lambda: stories_view(request.app.state.store, order))

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story(request: Request, story_id: str) -> HTMLResponse:
        state = request.app.state
        return guarded(request, "story.html", lambda: story_view(state.store, state.briefs, story_id))

    @app.get("/people/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def person(request: Request, entity_id: str) -> HTMLResponse:
        return guarded(request, "person.html", lambda: person_view(request.app.state.store, entity_id))

    @app.get("/quotes/{quote_id}", response_class=HTMLResponse, include_in_schema=False)
    def quote(request: Request, quote_id: str) -> HTMLResponse:
        return guarded(request, "quote.html", lambda: quote_view(request.app.state.store, quote_id))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article(request: Request, article_id: str) -> HTMLResponse:
        return guarded(request, "article.html", lambda: article_view(request.app.state.store, article_id))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(request: Request, q: str = "") -> HTMLResponse:
        return guarded(request, "search.html", lambda: search_view(request.app.state.store, q[:200]))
