"""Words for comparison: tokens with their offsets, folded so that case, accents,
quotation marks and British/American spelling do not count as changes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lang
from ..lang import Language

_WORD = re.compile(r"[^\W_]+(?:['’‘ʼ`´.,][^\W_]+)*", re.UNICODE)  # "Trump‘s": a wrong mark between letters
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_GLUED_UNIT = re.compile(r"(?<=\d)(?=[^\W\d_]{2,})(?!(?:st|nd|rd|th|s)\b)")  # "4.5million" (not "1st", "3m")
_INSERTION = re.compile(r"\[[^\[\]]{0,80}\]")  # an editor's [insertion] into quoted words
_RESTORED = re.compile(r"\[([^\W\d_]{1,2})\](\w*)")  # "[T]he": a letter restored


@lru_cache(maxsize=8)
def _spelling(language: Language) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The language's spelling rules, compiled."""
    return tuple((re.compile(pattern), replacement) for pattern, replacement in language.spelling_rules)


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a text: where it is and its folded form."""

    start: int
    end: int
    text: str
    key: str


@lru_cache(maxsize=65536)
def fold(word: str, language: Language = lang.DEFAULT) -> str:
    """Lowercase, no accents, no inner punctuation, one spelling ("Glamorised" -> "glamorized")."""
    plain = lang.fold_accents(word.translate(_APOSTROPHES)).lower()
    plain = re.sub(r"(?<=\d)[.,](?=\d{3}\b)", "", plain)
    for ending in language.possessive_endings:
        if len(ending) > 1:  # "'s" anywhere in the word; then every apostrophe
            plain = plain.replace(ending, "")
    plain = plain.replace("'", "")
    for pattern, replacement in _spelling(language):
        plain = pattern.sub(replacement, plain)
    return plain


def words(text: str, offset: int = 0, language: Language = lang.DEFAULT) -> list[Word]:
    """The words of ``text`` with offsets (plus ``offset``) and folded keys; a number glued to its unit is two
    words ("4.5million"), and an editor's [insertion] is no words unless it only restores letters ("[T]he")."""
    out = []
    for m in _WORD.finditer(_without_insertions(text)):
        start = m.start()
        for part in _GLUED_UNIT.split(m.group()):
            if part:
                out.append(Word(start + offset, start + len(part) + offset, part, fold(part, language)))
            start += len(part)
    return out


def _without_insertions(text: str) -> str:
    """``text`` with editors' [insertions] blanked out, the same length (offsets hold); letters restored in a word
    ("[T]he") are kept in it."""
    if "[" not in text:
        return text
    text = _RESTORED.sub(lambda m: m.group(1) + m.group(2) + "  ", text)
    return _INSERTION.sub(lambda m: " " * len(m.group()), text)


def content_keys(items: list[Word], language: Language = lang.DEFAULT) -> set[str]:
    """Folded words that carry content (no stop words, no single letters)."""
    stop_words = language.comparison_stop_words
    return {w.key for w in items if len(w.key) > 1 and w.key not in stop_words}


QUOTE_MARKS = "\"“”«»„‟‘’'‚"
CONTEXT_CHARS = 250


def context_of(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> str:
    """The span ``text[start:end]`` with up to ``chars`` characters either side, within its paragraph."""
    left = max(text.rfind("\n", 0, start) + 1, start - chars)
    right = text.find("\n", end)
    right = min(len(text) if right < 0 else right, end + chars)
    return text[left:right]


def unquote(text: str | None) -> str:
    """Text without the quotation marks and spaces around it."""
    return (text or "").strip(QUOTE_MARKS + " ")


_QUOTED = re.compile(r"[\"“”«»„‟]\s*([^\"“”«»„‟]{2,}?)\s*[\"“”«»„‟]")


def quoted_fragments(text: str) -> list[str]:
    """Stretches of ``text`` inside double quotation marks (the verbatim parts of a mixed quote)."""
    return [m.group(1) for m in _QUOTED.finditer(text)]
