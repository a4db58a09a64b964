"""Languages: one module per language (``en.py``, ``fr.py``), as spaCy keeps ``spacy/lang/<code>/``.

Stages ask ``get(code)`` for a ``Language`` (or are handed one) instead of keeping word lists of their own;
where a stage has no language in hand it uses ``DEFAULT`` (English). A stage's entry point takes
``language`` as a code or a ``Language`` (``as_language``). The helpers every language shares live
here too: the one accent folding (``fold_accents``), the one sentence splitter (``sentences``) and the one
source of stop words (``Language.stop_words``, from spaCy).

A code with no module of its own gets a neutral language: English rules and word lists (what every stage
used for every language before languages had modules), spaCy's stop words and the Snowball stemmer for
that code where those exist, and no spaCy model or quote tagger. To add a language, write ``<code>.py``
with a ``LANGUAGE`` giving every field, and list it in ``_MODULES``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from . import en, fr
from .folding import fold_accents
from .language import Language, load_stop_words
from .sentences import SentenceRule, has_sentence_break, sentence_bounds, sentence_spans

__all__ = ["DEFAULT", "ENGLISH", "FRENCH", "SNOWBALL_STEMMERS", "Language", "SentenceRule", "as_language", "codes",
           "fold_accents", "get", "has_sentence_break", "load_stop_words", "sentence_bounds", "sentence_spans",
           "spacy_models", "stemmer"]

ENGLISH = en.LANGUAGE
FRENCH = fr.LANGUAGE
DEFAULT = ENGLISH
_MODULES = {language.code: language for language in (ENGLISH, FRENCH)}
# Snowball stemmers by language code, for the codes with no module of their own.
SNOWBALL_STEMMERS = {"en": "english", "fr": "french", "de": "german", "es": "spanish", "it": "italian",
                     "pt": "portuguese", "nl": "dutch", "sv": "swedish", "da": "danish", "no": "norwegian",
                     "fi": "finnish", "ru": "russian"}


def get(code: str | None) -> Language:
    """The language of a code as the ingest stage writes it (``"en"``); a neutral one for any other code."""
    language = _MODULES.get(code) if code is not None else None
    return language if language is not None else _neutral(code)


def as_language(language: Language | str | None) -> Language:
    """A stage's ``language`` argument as a ``Language``: one as it is, a code through ``get``, None as
    ``DEFAULT``."""
    if isinstance(language, Language):
        return language
    return DEFAULT if language is None else get(language)


def codes() -> tuple[str, ...]:
    """The codes that have a module of their own."""
    return tuple(_MODULES)


def spacy_models() -> dict[str, str]:
    """Language code -> spaCy pipeline package, for the languages that have one."""
    return {code: language.spacy_model for code, language in _MODULES.items() if language.spacy_model}


@lru_cache(maxsize=64)
def stemmer(code: str | None) -> Callable[[str], str]:
    """The Snowball stemmer of a language code's ``Language`` (words as they are where it has none)."""
    import snowballstemmer

    name = get(code).stemmer
    if name is None:
        return lambda word: word
    return lru_cache(maxsize=200_000)(snowballstemmer.stemmer(name).stemWord)


@lru_cache(maxsize=64)
def _neutral(code: str | None) -> Language:
    """English rules and word lists under another code, with that code's stop words and stemmer."""
    return replace(DEFAULT, code=code or "", name=code or "unknown", spacy_model=None, spacy_stop_words=code,
                   stemmer=SNOWBALL_STEMMERS.get(code) if code else None, quote_tagger=False)
