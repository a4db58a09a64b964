"""Who a speaker span names: the canonical person, their role, and the channel.

"she" and "Hawkins" resolve to the nearest full mention of a person ("Dawn
Hawkins"); a role comes from the speaker span itself ("White House spokesman
Josh Earnest") or from an apposition after the person's full mention ("Dawn
Hawkins, executive director of the National Center on Sexual Exploitation,").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .. import lang
from ..entities.names import (
    apposition_role,
    clean_role,
    looks_like_person_name,
    name_words,
    preceding_role,
    role_words,
)
from ..lang import Language
from ..lang.patterns import one_of, one_of_followed

_LEADING_NAME = re.compile(r"((?:[A-Z][a-z'’-]+\s){1,2}[A-Z][a-z'’-]+)(?=,|\s*$)")


@dataclass(frozen=True, slots=True)
class _Speech:
    """A language's speaker rules, compiled."""

    possessive: re.Pattern[str]  # "'s" ending a speaker span
    channel: re.Pattern[str]  # a channel word ("letter", "tweeted")
    generic_group: re.Pattern[str]  # "the organization": a speaker standing for an organisation
    article: re.Pattern[str]  # "the" opening a speaker span
    group_part: re.Pattern[str]  # "la direction de l'entreprise": a part of an organisation named earlier


@lru_cache(maxsize=8)
def _speech(language: Language) -> _Speech:
    """The speaker rules of a language, compiled once."""
    channels = sorted(map(re.escape, language.channels), key=len, reverse=True)
    return _Speech(
        re.compile(rf"(?:{one_of(map(re.escape, language.possessive_endings))})$"),
        re.compile(rf"\b({one_of(channels)})\b", re.I),
        re.compile(rf"^(?:{one_of_followed(language.definite_articles)})?(?P<noun>{one_of(language.group_nouns)})$",
                   re.IGNORECASE),
        re.compile(rf"^(?:{one_of_followed(language.definite_articles)})", re.I),
        re.compile(rf"^(?:{one_of_followed(language.definite_articles)})?(?:[\w-]+\s+){{1,3}}"
                   rf"(?:{one_of_followed((language.partitive, *language.partitive_forms))})"
                   rf"(?:{one_of_followed(language.definite_articles)})?(?P<noun>{one_of(language.group_nouns)})$",
                   re.IGNORECASE))


@dataclass(frozen=True, slots=True)
class Person:
    """A named mention found by the entity recogniser: offsets, surface text, and kind."""

    start: int
    end: int
    text: str
    kind: str = "person"
    name: str | None = None  # the entity's full name, where the caller knows it ("the Center" -> ...)

    @property
    def words(self) -> list[str]:
        """The name's words without possessive or leading honorifics ("Ms Okafor's" -> ["Okafor"])."""
        return name_words(self.text)


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: canonical name, role (with organisation) when stated."""

    name: str | None
    role: str | None = None


def resolve_speaker(text: str, source: tuple[int, int] | None, people: Sequence[Person],
                    previous: Speaker | None = None, language: Language = lang.DEFAULT) -> Speaker:
    """Canonical speaker for a source span, using the article's person mentions."""
    if source is None:
        return Speaker(None)
    surface = _speech(language).possessive.sub("", text[source[0]:source[1]].strip())
    if not surface:
        return Speaker(None)
    organisations = [p for p in people if p.kind == "organisation"]
    people = [p for p in people if p.kind == "person"]
    pronoun = _pronoun_speaker(text, source, surface, people, organisations, previous, language)
    if pronoun is not None:
        return pronoun
    return _named_speaker(text, source, surface, people, organisations, language)


def _pronoun_speaker(text: str, source: tuple[int, int], surface: str, people: list[Person],
                     organisations: list[Person], previous: Speaker | None, language: Language) -> Speaker | None:
    """The speaker a pronoun stands for ("she", "who", "they"); None when the span is no pronoun."""
    lower = surface.lower()
    if lower in language.personal_pronouns:
        if language.title_speakers:  # nobody named inside a quotation is a pronoun's antecedent
            people = _outside_quotes(text, people, language)
        person = _nearest_before(people, source[0])
        surname = person.words[-1] if person and person.words else None
        if previous and previous.name and (surname is None or previous.name.endswith(surname)):
            return previous
        return _as_speaker(text, person, people, language) if person else Speaker(None)
    if lower in language.relative_pronouns or any(lower.startswith(f"{w} ") for w in language.possessive_relatives):
        antecedent = _antecedent(text, source[0], people + organisations)
        if antecedent is None:
            return Speaker(None)
        head = _head_of(text, antecedent, language)
        if head is not None:  # "the husband of the granddaughter of Mussolini, who": the husband speaks
            return Speaker(head)
        return resolve_speaker(text, (antecedent.start, antecedent.end), people + organisations, previous,
                               language)
    if lower in language.group_pronouns:
        return previous if previous and lower in language.plural_pronouns and previous.name else Speaker(None)
    return None


def _named_speaker(text: str, source: tuple[int, int], surface: str, people: list[Person],
                   organisations: list[Person], language: Language) -> Speaker:
    """The speaker a span names: a role holder, an organisation, the name it opens with, a person inside it."""
    roles = role_words(language)
    inside = [p for p in people if source[0] <= p.start and p.end <= source[1]]
    if language.title_speakers and not inside:
        # "la direction de Morvelec Logistique", "l'association Estuaire Vivant": the organisation it names
        named = [o for o in organisations if source[0] <= o.start and o.end <= source[1]]
        if named:
            return Speaker(_organisation_name(max(named, key=lambda o: o.end - o.start), language))
    role_holder = _role_holder(text, surface, people, source[0], language)
    if role_holder:
        return role_holder
    speech = _speech(language)
    generic = speech.generic_group.match(surface) or (speech.group_part.match(surface) if language.title_speakers
                                                      else None)
    if generic:
        organisation = _organisation_for(generic.group("noun"), organisations, source[0], text,
                                         language.group_nouns if language.title_speakers else ())
        if organisation:
            return Speaker(_organisation_name(organisation, language))
    if not inside:
        # "the Center along with ..." names the organisation; "Jo Farrant, who works at X" does not.
        named_organisation = [o for o in organisations if source[0] <= o.start <= source[0] + 4
                              and o.start < source[1]]
        if named_organisation:
            return Speaker(_organisation_name(named_organisation[-1], language))
    leading = _LEADING_NAME.match(text, source[0], source[1])
    if len(inside) > 1 and _addressed(text, source[0], language):
        leading = None  # "in a letter to Priya Shah, the area director, Fiona Carr, wrote": Priya Shah is written to
    if (leading and looks_like_person_name(leading.group(1), language) and not inside
            and not roles.search(leading.group(1))):
        # "Jo Farrant, a nurse who works at Portmere General": the name the span opens with.
        return Speaker(" ".join(name_words(leading.group(1), language)),
                       apposition_role(text, leading.end(1), language))
    if inside:
        addressed = len(inside) > 1 and _addressed(text, source[0], language)
        person = inside[-1] if addressed else inside[0]
        speaker = _as_speaker(text, person, people, language)
        prefix = text[inside[-2].end if addressed else source[0]:person.start].strip(" ,")
        if prefix and roles.search(prefix):
            return Speaker(speaker.name, clean_role(prefix, language))
        return speaker
    return Speaker(_strip_article(surface, language))


def _addressed(text: str, start: int, language: Language) -> bool:
    """Whether the words before a span make its first name the one spoken or written to ("a letter to X",
    "urged X", "told X")."""
    before = text[max(0, start - 25):start].lower().split()
    return bool(before) and before[-1].strip(",") in language.addressee_words


def _role_holder(text: str, surface: str, people: Sequence[Person], position: int,
                 language: Language) -> Speaker | None:
    """ "the mayor", "the chief engineer": the person whose stated role holds those words (with
    ``Language.title_speakers``: a title before the name counts, and a title nobody holds, "l'élue", stands for
    the nearest person named with a role before it)."""
    words = re.sub(r"^(\w)['’]\s*", r"\1' ", surface.lower()).split()  # "l'élue" -> "l'", "élue"
    if (not words or words[0] not in language.definite_articles or len(words) > 4
            or not role_words(language).search(surface)):
        return None
    noun = words[-1]
    holders, titled = [], []
    for person in people:
        role = (apposition_role(text, person.end, language) or preceding_role(text, person.start, language)
                or _role_before(text, person.start, language))
        if role and noun in role.lower().replace("’", "'").replace("'", " ").split():
            holders.append((person.start < position, person.start, person))
        elif role and person.end <= position:
            titled.append(person)
    if not holders:
        if language.title_speakers and titled and not any(w[:1].isupper() for w in surface.split()[1:]):
            return _as_speaker(text, max(titled, key=lambda p: p.end), people, language)
        return None
    _, _, person = max(holders, key=lambda h: (h[0], h[1] if h[0] else -h[1]))
    return _as_speaker(text, person, people, language)


def _role_before(text: str, start: int, language: Language) -> str | None:
    """A title right before a name on the same line ("Mayor Helen Okafor")."""
    line_start = text.rfind("\n", 0, start) + 1
    words = text[line_start:start].split()[-3:]
    title = [w for w in words if role_words(language).fullmatch(w.strip(",.'’"))]
    return title[-1].strip(",.'’") if title else None


def _organisation_name(organisation: Person, language: Language) -> str:
    return organisation.name or _strip_article(_speech(language).possessive.sub("", organisation.text), language)


@lru_cache(maxsize=8)
def _of_chain(language: Language) -> re.Pattern[str]:
    """ "the husband of the granddaughter of ": descriptions a name ends, right before the name."""
    of = one_of(map(re.escape, (language.partitive, *language.partitive_forms)))
    return re.compile(rf"(?:\b(?:{one_of(map(re.escape, language.articles))})\s+(?:[\w'’-]+\s+){{1,2}}"
                      rf"(?:{of})\s+)+$", re.IGNORECASE)


def _head_of(text: str, name: Person, language: Language) -> str | None:
    """The description a name completes ("husband of the granddaughter of Mussolini"), when a relative
    pronoun after the name stands for that description and not for the name; None otherwise."""
    match = _of_chain(language).search(text, max(0, name.start - 80), name.start)
    if match is None or match.end() != name.start:
        return None
    return _strip_article(text[match.start():name.end], language)


def _antecedent(text: str, position: int, named: Sequence[Person]) -> Person | None:
    """What "who" or "which" stands for: a name ending just before it ("Doe, who said ...")."""
    before = [p for p in named if p.end <= position and position - p.end <= 40
              and not any(c in ".!?\n" for c in text[p.end:position])]
    return max(before, key=lambda p: p.end) if before else None


def _organisation_for(noun: str, organisations: Sequence[Person], position: int, text: str = "",
                      kinds: Sequence[str] = ()) -> Person | None:
    """The organisation "the Center" or "the organization" refers to: the nearest earlier one that
    names the noun (or that the noun introduced: "le collectif Sauvons la maternité", then that any of
    ``kinds`` introduced: "la société Morvelec Logistique" for "l'entreprise"), else the nearest earlier
    one of several words."""
    before = [o for o in organisations if o.end <= position]
    noun = noun.lower()
    kinds = {k.lower() for k in kinds}
    for candidates in ([o for o in before if noun in o.text.lower()],
                       [o for o in before if text and _introduced_by(text, o).endswith(noun)],
                       [o for o in before if text and _introduced_by(text, o) in kinds],
                       [o for o in before if len(o.words) > 1]):
        if candidates:
            return candidates[-1]
    return None


def _introduced_by(text: str, organisation: Person) -> str:
    """The word right before an organisation's name ("le collectif Sauvons la maternité" -> "collectif")."""
    before = text[max(0, organisation.start - 30):organisation.start].lower().rstrip(" '’")
    return before.split()[-1] if before.split() else ""


def _outside_quotes(text: str, people: list[Person], language: Language) -> list[Person]:
    """The people named outside quotations (a pronoun speaks of someone named in the narrative)."""
    segments = _quoted(text, language)
    return [p for p in people if not any(s < p.start and p.end < e for s, e in segments)]


@lru_cache(maxsize=4)
def _quoted(text: str, language: Language) -> tuple[tuple[int, int], ...]:
    """The stretches of a text in quotation marks (the quotes of one text ask many times)."""
    from .rules import quoted_segments

    return tuple((s.start, s.end) for s in quoted_segments(text, language))


def _nearest_before(people: Sequence[Person], position: int) -> Person | None:
    """The last person in ``people`` who ends before ``position``."""
    return next((p for p in reversed(people) if p.end <= position), None)


def full_name(person: Person, people: Sequence[Person]) -> Person:
    """The fullest mention of the same person: "Hawkins" -> "Dawn Hawkins", nearest first."""
    words = person.words
    if not words:
        return person
    matches = [p for p in people if len(p.words) > len(words) and p.words[-len(words):] == words]
    if not matches:
        return person
    before = [p for p in matches if p.start <= person.start]
    return before[-1] if before else matches[0]


def _as_speaker(text: str, person: Person, people: Sequence[Person], language: Language) -> Speaker:
    full = full_name(person, people)
    name = " ".join(full.words)
    for mention in (full, *[p for p in people if p.words == full.words and p is not full]):
        role = apposition_role(text, mention.end, language)
        if role:
            return Speaker(name, role)
    return Speaker(name)


def _strip_article(surface: str, language: Language) -> str:
    return _speech(language).article.sub("", re.sub(r"\s+", " ", surface))


def find_channel(text: str, start: int, end: int, language: Language = lang.DEFAULT) -> str | None:
    """The channel named near a quote's cue ("in a letter to executives", "tweeted")."""
    match = _speech(language).channel.search(text, start, end)
    return language.channels[match.group(1).lower()] if match else None
