"""Names: normal forms of person and organisation names, roles in apposition.

Shared by the entities stage (clustering, canonical ids) and the quotes stage
(speaker names and roles), so both agree on who is who.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lang
from ..lang import Language
from ..lang.patterns import one_of, one_of_followed


@dataclass(frozen=True, slots=True)
class _Names:
    """A language's name rules, compiled."""

    role_words: re.Pattern[str]  # a word that makes a phrase a role ("director", "spokeswoman")
    apposition: re.Pattern[str]  # ", the mayor of Portmere," after a name
    possessive: re.Pattern[str]  # "'s" ending a name
    article: re.Pattern[str]  # "the", "a" opening a name or role
    preceding: re.Pattern[str]  # "La maire de Valcourt, " right before a name


@lru_cache(maxsize=8)
def _names(language: Language) -> _Names:
    """The name rules of a language, compiled once."""
    articles = one_of_followed(language.articles)
    return _Names(
        re.compile(rf"\b(?:{one_of(language.role_words)})\b", re.IGNORECASE),
        re.compile(rf",\s+(?P<role>(?:{articles})?[^,.;:\"“”()\n]{{3,140}}?)\s*"
                   rf"(?:,|\.|;|:|\)|\s+(?:{one_of(language.apposition_verbs)}))"),
        re.compile(rf"(?:{one_of(map(re.escape, language.possessive_endings))})$"),
        re.compile(rf"^(?:{one_of_followed(language.articles)})", re.IGNORECASE),
        re.compile(rf"(?:^|(?<=[.;:!?(\n])|(?<=,))\s*(?P<role>(?:(?:{one_of_followed(language.articles)})|"
                   rf"(?:{one_of_followed(language.possessive_determiners)}))?[^,.;:!?\"“”«»()\n]{{3,100}}?),\s*$",
                   re.IGNORECASE))


def role_words(language: Language = lang.DEFAULT) -> re.Pattern[str]:
    """The language's role words as one pattern (whole words, any case): ``search`` finds a role in a phrase."""
    return _names(language).role_words


def name_words(surface: str, language: Language = lang.DEFAULT) -> list[str]:
    """A person's name as words, without possessive or leading honorifics ("Ms Okafor's" -> ["Okafor"])."""
    return list(_name_words(surface, language))


@lru_cache(maxsize=65536)
def _name_words(surface: str, language: Language) -> tuple[str, ...]:
    """``name_words`` once per surface form: speaker resolution asks for every mention again per quote."""
    names = _names(language)
    words = names.possessive.sub("", names.article.sub("", surface.strip())).split()
    while len(words) > 1 and words[0].lower().rstrip(".") in language.honorifics:
        words = words[1:]
    return tuple(words)


@lru_cache(maxsize=65536)
def person_key(surface: str, language: Language = lang.DEFAULT) -> str:
    """Comparable form of a person's name: words without honorifics, lowercase, no accents."""
    return _fold(" ".join(name_words(surface, language)))


def spelling_variants(first: str, second: str, language: Language = lang.DEFAULT) -> bool:
    """Two spellings of one person's name, as transliteration gives them ("Rafael"/"Raphael Sousa",
    "Mohammed"/"Muhammad Aziz", "Yusuf"/"Yousef Demir"): the same surname, the same first initial, and first
    names with the same consonants once "ph" is "f" and doubled letters are single; never a first name that
    opens the other ("Daniel"/"Danielle" are two people) nor consonants too few to tell ("Jon"/"Jan")."""
    a, b = person_key(first, language).split(), person_key(second, language).split()
    if len(a) < 2 or len(a) != len(b) or a[1:] != b[1:] or a[0] == b[0] or a[0][0] != b[0][0]:
        return False
    if a[0].startswith(b[0]) or b[0].startswith(a[0]):
        return False
    skeletons = {_consonants(a[0]), _consonants(b[0])}
    return len(skeletons) == 1 and len(skeletons.pop()) >= 3


def _consonants(word: str) -> str:
    """A first name's consonant skeleton: its first letter, then its consonants ("raphael" -> "rfl")."""
    word = re.sub(r"(.)\1", r"\1", word.replace("ph", "f"))
    return word[0] + re.sub(r"[aeiouy]", "", word[1:])


@lru_cache(maxsize=65536)
def organisation_key(surface: str, language: Language = lang.DEFAULT) -> str:
    """Comparable form of an organisation's name: no "the", no possessive, one spelling, lowercase."""
    names, spellings = _names(language), language.spelling_variants
    words = re.findall(r"[\w&]+", names.article.sub("", names.possessive.sub("", surface.strip())))
    return " ".join(spellings.get(w.lower(), w.lower()) for w in words if w).strip()


def display_name(surface: str, kind: str, language: Language = lang.DEFAULT) -> str:
    """The name to show: honorifics, leading "the" and possessives removed (where names are in sentence case,
    an article written with a capital is part of the name: "Les Films du Héron")."""
    if kind == "person":
        return " ".join(name_words(surface, language))
    names = _names(language)
    article = names.article
    if language.sentence_case_names:
        article = re.compile(article.pattern)  # the same articles, in lower case only
    return article.sub("", names.possessive.sub("", " ".join(surface.split())))


def slug(text: str) -> str:
    """ASCII, lowercase, hyphen-separated, at most 160 characters: "Jürgen Albers" -> "jurgen-albers"."""
    return re.sub(r"[^a-z0-9]+", "-", _fold(text))[:160].strip("-") or "unnamed"


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    return lang.fold_accents(text).lower()


_WORD_CHAR = re.compile(r"[\w-]")


def whole_word_spans(text: str, form: str) -> list[tuple[int, int]]:
    r"""Where ``form`` stands as a whole word (not inside a longer word or hyphenation), left to right
    without overlaps: what ``re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text)`` finds,
    by ``str.find`` (a pattern that opens with a look-behind is tried at every character)."""
    spans: list[tuple[int, int]] = []
    if not form:
        return [m.span() for m in re.finditer(r"(?<![\w-])(?![\w-])", text)]
    size = len(form)
    position = text.find(form)
    while position >= 0:
        end = position + size
        if (position == 0 or not _WORD_CHAR.match(text, position - 1)) and not _WORD_CHAR.match(text, end):
            spans.append((position, end))
            position = text.find(form, end)
        else:
            position = text.find(form, position + 1)
    return spans


def apposition_role(text: str, position: int, language: Language = lang.DEFAULT) -> str | None:
    """A role in apposition right after a name: ", VP of International Originals at Netflix,"."""
    names = _names(language)
    match = names.apposition.match(text, position)
    if not match:
        return None
    role = match.group("role")
    return clean_role(role, language) if names.role_words.search(role) else None


def preceding_role(text: str, position: int, language: Language = lang.DEFAULT) -> str | None:
    """A role set off by a comma right before a name, opening its clause: "La maire de Valcourt, Hélène Marchal"
    (``Language.title_speakers``; None for the other languages)."""
    if not language.title_speakers:
        return None
    names = _names(language)
    start = max(text.rfind("\n", 0, position) + 1, position - 120)
    match = names.preceding.search(text, start, position)
    if not match:
        return None
    role = match.group("role").strip()
    words = role.split()
    if not words or not names.role_words.search(" ".join(words[:3])) or any(w[:1].isupper() for w in words[1:2]
                                                                             if w.lower() not in language.articles):
        return None
    role = re.sub(rf"^(?:{one_of_followed(language.possessive_determiners)})", "", role, flags=re.IGNORECASE)
    return clean_role(role, language)


def clean_role(role: str, language: Language = lang.DEFAULT) -> str:
    """A role without surrounding punctuation or a leading article."""
    role = re.sub(r"\s+", " ", role).strip(" ,")
    return _names(language).article.sub("", role)


def looks_like_person_name(surface: str, language: Language = lang.DEFAULT) -> bool:
    """Two or three capitalised words, as a full personal name usually is (and no "Council", "Bridge")."""
    words = name_words(surface, language)
    return (2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].replace("-", "").islower() for w in words)
            and not any(w.lower() in language.not_name_words for w in words))
