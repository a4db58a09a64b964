"""Words for comparison: tokens with their offsets, folded so that case, accents,
quotation marks and British/American spelling do not count as changes."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+(?:['’.,][^\W_]+)*", re.UNICODE)
_SPELLING = [
    (re.compile(r"(?<=\w{2})is(e|ed|es|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=\w{2})ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"(?<=\w{3})our(s|ed|ing|able|ite|ites)?$"), r"or\1"),
    (re.compile(r"(?<=\w{2}[^aeiou])re(s)?$"), r"er\1"),
    (re.compile(r"(?<=\w{2})ll(ed|ing|er|ers)$"), r"l\1"),
    (re.compile(r"(?<=\w)ogue$"), "og"),
    (re.compile(r"(?<=\w{4})mme(s)?$"), r"m\1"),
]
# Words that carry no content for deciding whether two texts speak of the same thing.
_STOP_WORDS = (
    "a an the and or but of to in on at for by with from as is are was were be been being it its this "
    "that these those he she they we i you his her their our my your him them us me not no so if then "
    "than there here has have had do does did will would can could should may might must shall into about "
    "over after before up down out off who whom which what when where why how all any each more most some "
    "such only also just very said says say "
)
STOP_WORDS = frozenset(_STOP_WORDS.split())


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a text: where it is and its folded form."""

    start: int
    end: int
    text: str
    key: str


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lowercase, no accents, no inner punctuation, one spelling ("Glamorised" -> "glamorized")."""
    decomposed = unicodedata.normalize("NFKD", word.replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = re.sub(r"(?<=\d)[.,](?=\d{3}\b)", "", plain)
    plain = plain.replace("'s", "").replace("'", "")
    for pattern, replacement in _SPELLING:
        plain = pattern.sub(replacement, plain)
    return plain


def words(text: str, offset: int = 0) -> list[Word]:
    """The words of ``text`` with offsets (plus ``offset``) and folded keys."""
    return [Word(m.start() + offset, m.end() + offset, m.group(), fold(m.group())) for m in _WORD.finditer(text)]


def content_keys(items: list[Word]) -> set[str]:
    """Folded words that carry content (no stop words, no single letters)."""
    return {w.key for w in items if len(w.key) > 1 and w.key not in STOP_WORDS}


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
