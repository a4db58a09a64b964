"""The command group and its shared options; commands live in their own modules."""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..errors import PresslensError
from ..settings import Settings
from ..store import Store
from .output import error_console


class Context:
    """What every command gets: the settings, and the store opened on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.settings.db_url)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_url", metavar="URL", envvar="PRESSLENS_DB", show_envvar=True,
              help="SQLite file or SQLAlchemy URL of the store [default: presslens.db].")
@click.version_option(__version__, prog_name="presslens")
@click.pass_context
def cli(ctx: click.Context, db_url: str | None) -> None:
    """presslens: stories, people and quotes from news articles across outlets."""
    state = Context(Settings.from_env(db_url=db_url))
    ctx.obj = state
    ctx.call_on_close(state.close)


def main() -> None:
    """Entry point: run the CLI, printing presslens errors as one clear line."""
    try:
        status = cli.main(standalone_mode=False)  # an Exit raised by a command comes back as its code
    except click.exceptions.Abort:
        error_console.print("Aborted.")
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except PresslensError as exc:
        error_console.print(f"[red]error:[/red] {exc}", markup=True, highlight=False)
        sys.exit(3)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    if isinstance(status, int) and status:
        sys.exit(status)
