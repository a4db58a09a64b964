"""Regex pieces built from a language's word lists, so that every stage writes them the same way."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["NEVER", "alternatives", "capitalised", "initial_either_case", "one_of", "one_of_followed"]

# A pattern that matches nothing, for a word list a language leaves empty.
NEVER = "(?!)"


def one_of(words: Iterable[str]) -> str:
    """Regex alternatives, in the order given (the first that fits wins): ``"said|says"``."""
    joined = "|".join(words)
    return joined or NEVER


def alternatives(words: Iterable[str]) -> str:
    """``one_of`` as one unit of a pattern: a single word as it is, several as a group ``"(?:que|qu')"``."""
    words = list(words)
    return words[0] if len(words) == 1 else f"(?:{one_of(words)})"


def one_of_followed(words: Iterable[str], suffix: str = r"\s+") -> str:
    """Each alternative followed by ``suffix``: ``"the\\s+|a\\s+"`` (to wrap in an optional group)."""
    return one_of(f"{word}{suffix}" for word in words)


def initial_either_case(words: Iterable[str], *, group: bool = True) -> str:
    """Words whose first letter may be a capital: ``"[Tt]he"``; several as one group ``"(?:[Ll]e|[Ll]a)"``
    (``group=False``: as bare alternatives, ``"[Ll]e|[Ll]a"``)."""
    forms = [f"[{w[0].upper()}{w[0].lower()}]{w[1:]}" if w[:1].isalpha() else w for w in words]
    return alternatives(forms) if group else one_of(forms)


def capitalised(words: Iterable[str]) -> str:
    """The words as they open a sentence: ``"The"``; several as one group ``"(?:Le|La)"``."""
    return alternatives(w[:1].upper() + w[1:] for w in words)
