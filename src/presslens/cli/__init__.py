"""The ``presslens`` command line: one module a group of commands, all on ``cli``."""

from __future__ import annotations

from . import articles, batch, compare, demo, entities, export, quotes, serve, stories, threads, watch  # noqa: F401 - each module adds its commands to the group
from .main import cli, main, share_db_option

share_db_option(cli)

__all__ = ["cli", "main"]
