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
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
GROUP_PRONOUNS = {"they", "we", "it", "i", "you", "them", "us"}
CHANNELS = {
    "letter": "letter", "statement": "statement", "interview": "interview", "tweet": "tweet",
    "tweeted": "tweet", "tweets": "tweet", "twitter": "tweet", "press release": "press release",
    "email": "email", "e-mail": "email", "speech": "speech", "blog": "blog post", "op-ed": "op-ed",
    "petition": "petition", "memo": "memo", "podcast": "podcast", "video": "video", "post": "post",
    "facebook": "post", "instagram": "post", "press conference": "press conference", "report": "report",
}
_POSSESSIVE = re.compile(r"['’]s?$")
_LEADING_NAME = re.compile(r"((?:[A-Z][a-z'’-]+\s){1,2}[A-Z][a-z'’-]+)(?=,|\s*$)")
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
                    previous: Speaker | None = None) -> Speaker:
    """Canonical speaker for a source span, using the article's person mentions."""
    if source is None:
        return Speaker(None)
    surface = _POSSESSIVE.sub("", text[source[0]:source[1]].strip())
    if not surface:
        return Speaker(None)
    organisations = [p for p in people if p.kind == "organisation"]
    people = [p for p in people if p.kind == "person"]
    inside = [p for p in people if source[0] <= p.start and p.end <= source[1]]
    if surface.lower() in PERSONAL_PRONOUNS:
        person = _nearest_before(people, source[0])
        surname = person.words[-1] if person and person.words else None
        if previous and previous.name and (surname is None or previous.name.endswith(surname)):
            return previous
        return _as_speaker(text, person, people) if person else Speaker(None)
    if surface.lower() in RELATIVE_PRONOUNS or surface.lower().startswith("whose "):
        antecedent = _antecedent(text, source[0], people + organisations)
        return resolve_speaker(text, (antecedent.start, antecedent.end), people + organisations, previous) \
            if antecedent else Speaker(None)
    if surface.lower() in GROUP_PRONOUNS:
        return previous if previous and surface.lower() in {"they", "we"} and previous.name else Speaker(None)
    role_holder = _role_holder(text, surface, people, source[0])
    if role_holder:
        return role_holder
    generic = GENERIC_GROUPS.match(surface)
    if generic:
        organisation = _organisation_for(generic.group("noun"), organisations, source[0])
        if organisation:
            return Speaker(_organisation_name(organisation))
    if not inside:
        # "the Center along with ..." names the organisation; "Jo Farrant, who works at X" does not.
        named_organisation = [o for o in organisations if source[0] <= o.start <= source[0] + 4
                              and o.start < source[1]]
        if named_organisation:
            return Speaker(_organisation_name(named_organisation[-1]))
    leading = _LEADING_NAME.match(text, source[0], source[1])
    if leading and looks_like_person_name(leading.group(1)) and not inside and not ROLE_WORDS.search(leading.group(1)):
        # "Jo Farrant, a nurse who works at Portmere General": the name the span opens with.
        return Speaker(" ".join(name_words(leading.group(1))), apposition_role(text, leading.end(1)))
    if inside:
        person = inside[0]
        speaker = _as_speaker(text, person, people)
        prefix = text[source[0]:person.start].strip(" ,")
        if prefix and ROLE_WORDS.search(prefix):
            return Speaker(speaker.name, clean_role(prefix))
        return speaker
    return Speaker(_strip_article(surface))


def _role_holder(text: str, surface: str, people: Sequence[Person], position: int) -> Speaker | None:
    """ "the mayor", "the chief engineer": the person whose stated role holds those words."""
    words = surface.lower().split()
    if not words or words[0] != "the" or len(words) > 4 or not ROLE_WORDS.search(surface):
        return None
    noun = words[-1]
    holders = []
    for person in people:
        role = apposition_role(text, person.end) or _role_before(text, person.start)
        if role and noun in role.lower().split():
            holders.append((person.start < position, person.start, person))
    if not holders:
        return None
    _, _, person = max(holders, key=lambda h: (h[0], h[1] if h[0] else -h[1]))
    return _as_speaker(text, person, people)


def _role_before(text: str, start: int) -> str | None:
    """A title right before a name on the same line ("Mayor Helen Okafor")."""
    line_start = text.rfind("\n", 0, start) + 1
    words = text[line_start:start].split()[-3:]
    title = [w for w in words if ROLE_WORDS.fullmatch(w.strip(",.'’"))]
    return title[-1].strip(",.'’") if title else None


def _organisation_name(organisation: Person) -> str:
    return organisation.name or _strip_article(_POSSESSIVE.sub("", organisation.text))


def _antecedent(text: str, position: int, named: Sequence[Person]) -> Person | None:
    """What "who" or "which" stands for: a name ending just before it ("Doe, who said ...")."""
    before = [p for p in named if p.end <= position and position - p.end <= 40
              and not any(c in ".!?\n" for c in text[p.end:position])]
    return max(before, key=lambda p: p.end) if before else None


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
