"""The web UI: server-rendered pages (Jinja2, autoescaped) over the same store, no CDN, no inline script.

Pages: the story list (search, outlet and date filters, sort, paging in the URL), a story page with the
chosen outlets side by side (quotes highlighted and labelled by speaker, aligned quotes linked across
columns with their word differences, facts and conflicts linked to their sentences, a who-quotes-whom
matrix, a coverage timeline), threads, people (an index and a page with quotes over time), outlets
(volume over time, who each quotes most), an article page, and search.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..compare.text import unquote
from ..errors import PresslensError
from .indexes import outlets_view, people_view, stories_view, thread_view, threads_view
from .views import article_view, person_view, quote_view, search_view, story_view

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.filters["unquote"] = unquote


def _chosen(request: Request) -> list[str]:
    """The outlets chosen for a story's columns, in order: the parameter repeated, or ``?outlets=a,b``."""
    return [value.strip() for value in request.query_params.getlist("outlets") if value.strip()][:50]


def mount_web(app: FastAPI) -> None:
    """Add the pages and the static files to ``app``."""
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def render(request: Request, name: str, context: dict, status: int = 200) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=status)

    def guarded(request: Request, name: str, build: Callable[[], dict], nav: str | None = None) -> HTMLResponse:
        try:
            return render(request, name, {"nav": nav, **build()})
        except PresslensError as exc:
            return render(request, "error.html", {"message": exc.reason, "code": exc.code, "nav": nav}, status=404)

    def store(request: Request):
        return request.app.state.store

    def params(request: Request) -> dict:
        return {key: request.query_params.get(key) for key in request.query_params}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> HTMLResponse:
        return guarded(request, "stories.html", lambda: stories_view(store(request), params(request)), "stories")

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story(request: Request, story_id: str) -> HTMLResponse:
        state = request.app.state
        return guarded(request, "story.html", lambda: story_view(state.store, state.briefs, story_id,
                                                                 _chosen(request)), "stories")

    @app.get("/threads", response_class=HTMLResponse, include_in_schema=False)
    def threads(request: Request) -> HTMLResponse:
        return guarded(request, "threads.html", lambda: threads_view(store(request), params(request)), "threads")

    @app.get("/threads/{thread_id}", response_class=HTMLResponse, include_in_schema=False)
    def thread(request: Request, thread_id: str) -> HTMLResponse:
        return guarded(request, "thread.html", lambda: thread_view(store(request), thread_id), "threads")

    @app.get("/people", response_class=HTMLResponse, include_in_schema=False)
    def people(request: Request) -> HTMLResponse:
        return guarded(request, "people.html", lambda: people_view(store(request), params(request)), "people")

    @app.get("/people/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def person(request: Request, entity_id: str) -> HTMLResponse:
        return guarded(request, "person.html", lambda: person_view(store(request), entity_id), "people")

    @app.get("/outlets", response_class=HTMLResponse, include_in_schema=False)
    def outlets(request: Request) -> HTMLResponse:
        return guarded(request, "outlets.html", lambda: outlets_view(store(request)), "outlets")

    @app.get("/quotes/{quote_id}", response_class=HTMLResponse, include_in_schema=False)
    def quote(request: Request, quote_id: str) -> HTMLResponse:
        return guarded(request, "quote.html", lambda: quote_view(store(request), quote_id))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article(request: Request, article_id: str) -> HTMLResponse:
        return guarded(request, "article.html", lambda: article_view(store(request), article_id))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(request: Request, q: str = "") -> HTMLResponse:
        return guarded(request, "search.html", lambda: search_view(store(request), q[:200]), "search")
