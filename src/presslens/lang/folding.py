"""The one accent folding: what every stage compares when case and accents must not count."""

from __future__ import annotations

import unicodedata

__all__ = ["fold_accents"]


def fold_accents(text: str) -> str:
    """``text`` without its combining marks ("Jürgen" -> "Jurgen"): NFKD, marks dropped; ASCII as it is."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
