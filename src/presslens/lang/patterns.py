"""Regex pieces built from a language's word lists, so that every stage writes them the same way."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["NEVER", "alternatives", "capitalised", "elided", "followed", "initial_either_case", "one_of",
           "one_of_followed"]

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


def elided(word: str) -> bool:
    """Whether a word is an elided form ("l'", "qu'"): it ends in an apostrophe and joins the next word."""
    return word.endswith(("'", "’"))


def followed(word: str, suffix: str = r"\s+") -> str:
    """A word and what separates it from the next: ``suffix``, or for an elided word either apostrophe and
    maybe a space (``"l['’]\\s*"``)."""
    return f"{word[:-1]}['’]\\s*" if elided(word) else f"{word}{suffix}"


def one_of_followed(words: Iterable[str], suffix: str = r"\s+") -> str:
    """Each alternative followed by ``suffix``: ``"the\\s+|a\\s+"`` (to wrap in an optional group); an elided
    word by an apostrophe (``"l['’]\\s*"``)."""
    return one_of(followed(word, suffix) for word in words)


def initial_either_case(words: Iterable[str], *, group: bool = True) -> str:
    """Words whose first letter may be a capital: ``"[Tt]he"``; several as one group ``"(?:[Ll]e|[Ll]a)"``
    (``group=False``: as bare alternatives, ``"[Ll]e|[Ll]a"``)."""
    forms = [f"[{w[0].upper()}{w[0].lower()}]{w[1:]}" if w[:1].isalpha() else w for w in words]
    return alternatives(forms) if group else one_of(forms)


def capitalised(words: Iterable[str]) -> str:
    """The words as they open a sentence: ``"The"``; several as one group ``"(?:Le|La)"``."""
    return alternatives(w[:1].upper() + w[1:] for w in words)
