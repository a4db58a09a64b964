"""The code page of a document that is not UTF-8.

Detectors guess badly on short Western text (``café`` read as cp1250, ``François`` as cp1006), so
before asking charset-normalizer two readings are tried that are easy to recognise: cp1252 (a superset
of Latin-1) giving Western European words, and cp1251 giving Cyrillic words. A detector's candidate
is kept only when it reads as words of one script each, with no box drawing or unassigned characters.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

import charset_normalizer

__all__ = ["decode_legacy"]

_SAMPLE = 20_000
_CANDIDATES = 6  # of charset-normalizer's, best first
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
         (b"\xfe\xff", "utf-16"))
_WORD = re.compile(r"[^\W\d_]+")
_WESTERN = set("àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿœßÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞŒ")
_CYRILLIC_VOWELS = set("аеёиоуыэюяіїєАЕЁИОУЫЭЮЯІЇЄ")
_RARE_CYRILLIC = set("ъщЪЩ")
_MAX_ACCENTED = 0.4  # share of non-ASCII letters in Western text (short French can reach a third)
_FEW_LETTERS = 12  # below this, one accented word ("été") may be most of the letters
_WORD_JOINERS = set("’‘·-–\u00ad")
_SCRIPT_GROUPS = {name: "CJK" for name in ("HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "HALFWIDTH", "FULLWIDTH",
                                           "IDEOGRAPHIC")}


def decode_legacy(data: bytes) -> str | None:
    """The text of ``data`` (not UTF-8) in the code page that fits it best, or None when none does."""
    codec = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if codec:
        return _decoded(data, codec)
    for codec, fits in (("cp1252", _looks_western), ("cp1251", _looks_cyrillic)):
        text = _decoded(data, codec)
        if text is not None and fits(text[:_SAMPLE]):
            return text
    matches = charset_normalizer.from_bytes(data)
    for match in itertools.islice(matches, _CANDIDATES):
        text = str(match)
        if _looks_coherent(text[:_SAMPLE]):
            return text
    best = matches.best()
    return str(best) if best is not None else None


def _decoded(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _looks_western(text: str) -> bool:
    """Accented Western letters inside words of ASCII letters (not whole words of them, as Cyrillic read
    as cp1252 gives), not too many, and no symbol inside a word (Polish ``ł`` read as ``³``)."""
    letters = sum(ch.isalpha() for ch in text)
    accented = [ch for ch in text if ch.isalpha() and not ch.isascii()]
    if not accented or any(ch not in _WESTERN for ch in accented):
        return False
    if letters >= _FEW_LETTERS and len(accented) > _MAX_ACCENTED * letters:
        return False
    words = (w for w in _WORD.findall(text) if len(w) > 1 and not w.isascii())
    return all(any(ch.isascii() for ch in w) for w in words) and not _symbol_inside_word(text)


def _looks_cyrillic(text: str) -> bool:
    """Words all Cyrillic or all ASCII, cased like words, with Cyrillic vowels where they belong."""
    words = _WORD.findall(text)
    cyrillic = [w for w in words if all(_script(ch) == "CYRILLIC" for ch in w)]
    if not cyrillic or len(cyrillic) + sum(w.isascii() for w in words) < len(words):
        return False
    if not all(_cased_like_a_word(w) for w in cyrillic) or _symbol_inside_word(text):
        return False
    letters = "".join(cyrillic)
    vowels = sum(ch in _CYRILLIC_VOWELS for ch in letters) / len(letters)
    rare = sum(ch in _RARE_CYRILLIC for ch in letters) / len(letters)
    return 0.25 <= vowels <= 0.65 and (len(letters) < 20 or rare <= 0.04)


def _looks_coherent(text: str) -> bool:
    """No control, private or unassigned characters, no box drawing; each word in one script."""
    if any(_odd(ch) for ch in text):
        return False
    for word in _WORD.findall(text):
        scripts = {_script(ch) for ch in word}
        if len(scripts) > 1:
            return False
        if scripts == {"LATIN"} and sum(not ch.isascii() for ch in word) > max(2, len(word) // 2):
            return False
    return True


def _odd(ch: str) -> bool:
    category = unicodedata.category(ch)
    if category in ("Co", "Cn", "Cs") or (category == "Cc" and ch not in "\t\n\r\f"):
        return True
    return "\u2500" <= ch <= "\u259f" or "\ue000" <= ch <= "\uf8ff"


def _script(ch: str) -> str:
    first = unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]
    return _SCRIPT_GROUPS.get(first, first)


def _cased_like_a_word(word: str) -> bool:
    return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())


def _symbol_inside_word(text: str) -> bool:
    """A non-ASCII symbol between two letters: a letter of another code page read as punctuation."""
    return any(not ch.isascii() and not ch.isalpha() and ch not in _WORD_JOINERS
               and text[i - 1].isalpha() and text[i + 1].isalpha()
               for i, ch in enumerate(text[1:-1], start=1))
