"""``serve``: the REST API and the web UI over the store."""

from __future__ import annotations

import click

from .main import Context, cli
from .output import console


def run_server(obj: Context, host: str, port: int) -> None:
    """Serve the API (``/api/v1``, ``/openapi.json``) and the web UI until interrupted.

    uvicorn runs h11 with deadlines (``api.server``): idle keep-alive connections close after 5 s,
    a request's headers must arrive within 10 s, a body may not stall for 30 s.
    """
    import uvicorn

    from ..api import create_app
    from ..api.server import server_config
    from ..pipeline import repair_stories

    mended = repair_stories(obj.store, obj.settings)  # the store must exist; a run cut short is mended first
    if mended is not None:
        console.print(f"{mended.streamed} articles streamed into stories (an earlier ingest stopped before them)")
    app = create_app(obj.settings)
    mode = "ingestion on (token set)" if obj.settings.api_token else "read-only (set PRESSLENS_API_TOKEN to ingest)"
    console.print(f"presslens on http://{host}:{port}/  ·  API http://{host}:{port}/api/v1 (/openapi.json)  ·  {mode}")
    uvicorn.Server(server_config(app, host, port)).run()


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.pass_obj
def serve(obj: Context, host: str, port: int) -> None:
    """Serve the REST API and the web UI (stories, side-by-side outlets, people, search).

    Read-only unless PRESSLENS_API_TOKEN is set: then POST /api/v1/articles queues an ingest job
    (202; GET /api/v1/jobs/<id> for its report) with "Authorization: Bearer <token>".
    """
    run_server(obj, host, port)
