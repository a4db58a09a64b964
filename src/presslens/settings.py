"""One settings object, built once (``Settings.from_env()``) and passed down."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

from .errors import ConfigError

__all__ = ["SETTINGS_HELP", "Settings"]

DEFAULT_DB_URL = "sqlite:///presslens.db"

SETTINGS_HELP: dict[str, tuple[str, str]] = {
    "db_url": ("PRESSLENS_DB", "SQLAlchemy URL or SQLite file path of the store"),
    "db_pool_size": ("PRESSLENS_DB_POOL_SIZE",
                     "connections kept open to a database server (PostgreSQL); as many again may open at peaks"),
    "default_language": ("PRESSLENS_LANGUAGE",
                         "language assumed when a document gives none and detection is unsure"),
    "max_document_bytes": ("PRESSLENS_MAX_DOCUMENT_BYTES",
                           "largest single document (file, record or page) accepted"),
    "max_analysed_chars": ("PRESSLENS_MAX_ANALYSED_CHARS",
                           "longest clean text (characters) the entities and quotes stages analyse; longer ones are "
                           "reported and skipped"),
    "batch_size": ("PRESSLENS_BATCH_SIZE", "articles written per database transaction during ingest"),
    "document_timeout": ("PRESSLENS_DOCUMENT_TIMEOUT",
                         "seconds one document may take in each step (reading, cleaning, entities and quotes) "
                         "before it is reported and skipped"),
    "fetch_timeout": ("PRESSLENS_FETCH_TIMEOUT",
                      "seconds one HTTP request (a feed or a page, redirects included) may take in all"),
    "quote_method": ("PRESSLENS_QUOTES",
                     "how quotes are found: model (trained tagger), rules (rule-only baseline) or off"),
    "story_window_days": ("PRESSLENS_STORY_WINDOW_DAYS",
                          "days a story stays open after its latest article; later articles start a new story"),
    "api_token": ("PRESSLENS_API_TOKEN",
                  "token that POST /api/v1/articles needs (Authorization: Bearer ...); unset: the API is read-only"),
}
# The whole numbers each setting may take: checked before any work, so that no run stops half-way on one.
LIMITS: dict[str, tuple[int, int]] = {
    "db_pool_size": (1, 1_000),
    "max_document_bytes": (1, 2**40),
    "max_analysed_chars": (1, 2**40),
    "batch_size": (1, 100_000),
    "document_timeout": (0, 86_400),
    "fetch_timeout": (1, 3_600),
    "story_window_days": (1, 3_650),
}


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable, in the user's terms."""

    db_url: str = DEFAULT_DB_URL
    db_pool_size: int = 5
    default_language: str = "en"
    max_document_bytes: int = 20_000_000
    max_analysed_chars: int = 2_000_000
    batch_size: int = 200
    document_timeout: int = 30
    fetch_timeout: int = 30
    quote_method: str = "model"
    story_window_days: int = 7
    api_token: str | None = None

    def __post_init__(self) -> None:
        for name, (low, high) in LIMITS.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise ConfigError("E005", variable=SETTINGS_HELP[name][0], value=value, low=low, high=high)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: object) -> Settings:
        """Settings from ``PRESSLENS_*`` variables, then explicit overrides (CLI flags)."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            var = SETTINGS_HELP[f.name][0]
            if var in env and env[var] != "":
                values[f.name] = _parse(var, env[var]) if f.type == "int" else env[var]
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = replace(cls(), **values)
        from .quotes import methods  # here, not at the top: the quotes package needs numpy and the entities stage

        methods.get(settings.quote_method, variable="PRESSLENS_QUOTES", finding=False)  # E004 for an unknown one
        return settings

    @property
    def sqlalchemy_url(self) -> str:
        """``db_url`` as a SQLAlchemy URL (a bare path means a SQLite file)."""
        return normalise_db_url(self.db_url)


def _parse(variable: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ConfigError("E001", variable=variable, value=value) from None


def normalise_db_url(url: str) -> str:
    """Turn a bare file path into a ``sqlite:///`` URL; leave real URLs alone."""
    if "://" in url:
        return url
    return f"sqlite:///{os.path.abspath(url)}"
