"""The command group and its shared options; commands live in their own modules."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from .. import __version__
from ..errors import NOT_FOUND_CODES, ConfigError, PresslensError
from ..settings import Settings
from ..store import Store
from .output import error_console

if TYPE_CHECKING:
    from ..archive import Archive


class Context:
    """What every command gets: the settings, and the archive (the Python API) opened on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        """The store, for commands that only read it: it must exist already (nothing is created)."""
        if self._store is None:
            self._store = Store.open(self.settings, create=False)
        return self._store

    @property
    def writable_store(self) -> Store:
        """The store, for commands that add to it (``ingest``, ``demo``, ``load``): created if missing."""
        if self._store is None:
            self._store = Store.open(self.settings, create=True)
        return self._store

    @property
    def archive(self) -> Archive:
        """The archive over ``store``: what the commands that only read call."""
        from ..archive import Archive

        return Archive(self.store, self.settings)

    @property
    def writable_archive(self) -> Archive:
        """The archive over ``writable_store``: what the commands that add to the store call."""
        from ..archive import Archive

        return Archive(self.writable_store, self.settings)

    def use_db(self, db_url: str) -> None:
        """Point at another store (``--db`` given after the subcommand); only before the store is opened."""
        if self._store is not None:
            raise ConfigError("--db must come before anything reads the store")
        self.settings = Settings.from_env(db_url=db_url)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


DB_HELP = "SQLite file or SQLAlchemy URL of the store [default: presslens.db]."


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_url", metavar="URL", envvar="PRESSLENS_DB", show_envvar=True, help=DB_HELP)
@click.version_option(__version__, prog_name="presslens")
@click.pass_context
def cli(ctx: click.Context, db_url: str | None) -> None:
    """presslens: stories, people and quotes from news articles across outlets."""
    state = Context(Settings.from_env(db_url=db_url))
    ctx.obj = state
    ctx.call_on_close(state.close)


def _use_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.find_object(Context).use_db(value)


def share_db_option(group: click.Group) -> None:
    """Let ``--db`` come after the subcommand too (``presslens serve --db x.db``), on every command."""
    for command in group.commands.values():
        if not any(param.name == "db_url" for param in command.params):
            command.params.append(click.Option(["--db", "db_url"], metavar="URL", expose_value=False,
                                               callback=_use_db, help=DB_HELP))
        if isinstance(command, click.Group):
            share_db_option(command)


# Exit statuses: 1 some documents failed, 2 usage or settings, 3 a database or other presslens error, 4 not found.
EXIT_USAGE = 2
EXIT_ERROR = 3
EXIT_NOT_FOUND = 4


def exit_status(error: PresslensError) -> int:
    """The exit status for a presslens error: 4 for a record that is not there, 2 for a setting, else 3."""
    if error.code in NOT_FOUND_CODES:
        return EXIT_NOT_FOUND
    return EXIT_USAGE if isinstance(error, ConfigError) else EXIT_ERROR


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
        sys.exit(exit_status(exc))
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    if isinstance(status, int) and status:
        sys.exit(status)
