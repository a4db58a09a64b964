"""Query parameter types: text filters must hold something a filter can match on.

The store turns control characters in a filter into spaces (and PostgreSQL cannot hold NUL), so a
filter made only of NULs, other control characters or blanks would match everything (or nothing)
instead of what was asked: such a value is a 422, not "no filter". An empty value is no filter.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Path, Query
from pydantic import AfterValidator

__all__ = ["Cursor", "Key", "Language", "Limit", "SearchText", "Since", "Text", "Until", "blank", "visible"]


def blank(value: str) -> bool:
    """Whether ``value`` holds no character a filter could match: only controls, format characters or spaces."""
    return not any(c.isprintable() and not c.isspace() for c in value)


def visible(value: str | None) -> str | None:
    """``value`` unchanged, or a ValueError when it is not empty yet blank."""
    if value and blank(value):
        raise ValueError("must hold a visible character (not only control characters, NUL or spaces)")
    return value


Limit = Annotated[int, Query(ge=1, le=200, description="Items per page.")]
Cursor = Annotated[str | None, Query(max_length=200, description="The next_cursor of the previous page.")]
Key = Annotated[str, Path(min_length=1, max_length=200)]
Text = Annotated[str | None, Query(max_length=200), AfterValidator(visible)]
SearchText = Annotated[str | None, Query(max_length=200, description="Full-text query."), AfterValidator(visible)]
Language = Annotated[str | None, Query(max_length=16), AfterValidator(visible)]
Since = Annotated[date | None, Query(description="Published on or after this day (YYYY-MM-DD).")]
Until = Annotated[date | None, Query(description="Published on or before this day (YYYY-MM-DD).")]
