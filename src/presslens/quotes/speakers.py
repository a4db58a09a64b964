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

from ..entities.names import ROLE_WORDS, apposition_role, clean_role, looks_like_person_name, name_words

PERSONAL_PRONOUNS = {"he", "she", "him", "her", "his"}
GROUP_PRONOUNS = {"they", "we", "it", "i", "you", "them", "us"}
CHANNELS = {
    "letter": "letter", "statement": "statement", "interview": "interview", "tweet": "tweet",
    "tweeted": "tweet", "tweets": "tweet", "twitter": "tweet", "press release": "press release",
    "email": "email", "e-mail": "email", "speech": "speech", "blog": "blog post", "op-ed": "op-ed",
    "petition": "petition", "memo": "memo", "podcast": "podcast", "video": "video", "post": "post",
    "facebook": "post", "instagram": "post", "press conference": "press conference", "report": "report",
}
_POSSESSIVE = re.compile(r"['’]s?$")
_CHANNEL = re.compile(r"\b(" + "|".join(sorted(map(re.escape, CHANNELS), key=len, reverse=True)) + r")\b", re.I)


GENERIC_GROUPS = re.compile(
    r"^(?:the\s+)?(?P<noun>organi[sz]ation|group|company|centre|center|charity|firm|network|campaign|agency|"
    r"council|association|foundation|union|institute|streamer|service|studio|club|ministry|department)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Person:
    """A named mention found by the entity recogniser: offsets, surface text, and kind."""

    start: int
    end: int
    text: str
    kind: str = "person"

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
                    previous: Speaker | None = None) -> Speaker:
    """Canonical speaker for a source span, using the article's person mentions."""
    if source is None:
        return Speaker(None)
    surface = _POSSESSIVE.sub("", text[source[0]:source[1]].strip())
    if not surface:
        return Speaker(None)
    organisations = [p for p in people if p.kind == "organisation"]
    # The small model sometimes labels a full name as an organisation ("Adrian Feld"):
    # such two- or three-word capitalised names still count as full mentions of people.
    people = [p for p in people if p.kind == "person" or (p.kind == "organisation" and looks_like_person_name(p.text))]
    inside = [p for p in people if source[0] <= p.start and p.end <= source[1]]
    if surface.lower() in PERSONAL_PRONOUNS:
        person = _nearest_before(people, source[0])
        if previous and previous.name and (person is None or previous.name.endswith(person.words[-1])):
            return previous
        return _as_speaker(text, person, people) if person else Speaker(None)
    if surface.lower() in GROUP_PRONOUNS:
        return previous if previous and surface.lower() in {"they", "we"} and previous.name else Speaker(None)
    generic = GENERIC_GROUPS.match(surface)
    if generic:
        organisation = _organisation_for(generic.group("noun"), organisations, source[0])
        if organisation:
            return Speaker(_strip_article(_POSSESSIVE.sub("", organisation.text)))
    if inside:
        person = inside[-1]
        speaker = _as_speaker(text, person, people)
        prefix = text[source[0]:person.start].strip(" ,")
        if prefix and ROLE_WORDS.search(prefix):
            return Speaker(speaker.name, clean_role(prefix))
        return speaker
    return Speaker(_strip_article(surface))


def _organisation_for(noun: str, organisations: Sequence[Person], position: int) -> Person | None:
    """The organisation "the Center" or "the organization" refers to: the nearest earlier one that
    names the noun, else the nearest earlier one of several words."""
    before = [o for o in organisations if o.end <= position]
    for candidates in ([o for o in before if noun.lower() in o.text.lower()],
                       [o for o in before if len(o.words) > 1]):
        if candidates:
            return candidates[-1]
    return None


def _nearest_before(people: Sequence[Person], position: int) -> Person | None:
    before = [p for p in people if p.end <= position]
    return before[-1] if before else None


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


def _as_speaker(text: str, person: Person, people: Sequence[Person]) -> Speaker:
    full = full_name(person, people)
    name = " ".join(full.words)
    for mention in (full, *[p for p in people if p.words == full.words and p is not full]):
        role = apposition_role(text, mention.end)
        if role:
            return Speaker(name, role)
    return Speaker(name)


def _strip_article(surface: str) -> str:
    return re.sub(r"^(?:the)\s+", "", re.sub(r"\s+", " ", surface), flags=re.I)


def find_channel(text: str, start: int, end: int) -> str | None:
    """The channel named near a quote's cue ("in a letter to executives", "tweeted")."""
    match = _CHANNEL.search(text, start, end)
    return CHANNELS[match.group(1).lower()] if match else None
