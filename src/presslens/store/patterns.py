"""User text in queries: control characters dropped, LIKE wildcards taken literally."""

from __future__ import annotations

ESCAPE = "\\"


def printable(text: str) -> str:
    """``text`` with control characters (NUL included) turned into spaces."""
    return "".join(" " if ord(c) < 32 or ord(c) == 127 else c for c in text)


def contains(text: str) -> str:
    """A LIKE pattern (with ``escape=ESCAPE``) matching ``text`` anywhere, lowercased, wildcards literal."""
    literal = printable(text).lower().replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")
    return f"%{literal}%"
