"""Within one article: group the mentions of each entity and attach the roles stated.

"Dawn Hawkins" ... "Hawkins" -> one person; "National Center on Sexual Exploitation
(NCOSE)" ... "NCOSE" ... "the Center" -> one organisation. Each merge keeps a line
of evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .. import lang
from ..lang import Language
from ..lang.patterns import initial_either_case
from .mentions import EntityMention
from .names import (
    apposition_role,
    clean_role,
    display_name,
    name_words,
    organisation_key,
    person_key,
    preceding_role,
    role_words,
    spelling_variants,
    whole_word_spans,
)

_PREFIX_ROLE = re.compile(r"(?P<role>(?:[A-Z]?[\w'’-]+\s+){1,5})$")


@dataclass(frozen=True, slots=True)
class _Rules:
    """A language's clustering rules, compiled."""

    # "the Center", "the city council", "the harbour authority": a head noun standing for a named organisation.
    short_reference: re.Pattern[str]


@lru_cache(maxsize=8)
def _rules(language: Language) -> _Rules:
    """The clustering rules of a language, compiled once."""
    modifiers = language.reference_modifiers
    modifier = rf"(?:(?:{initial_either_case(modifiers, group=False)})\s+)?" if modifiers else ""
    nouns = initial_either_case(language.reference_nouns, group=False)
    return _Rules(
        re.compile(rf"\b{initial_either_case(language.definite_articles)}\s+(?P<noun>{modifier}(?:{nouns}))\b"))


@dataclass
class LocalEntity:
    """One entity within an article: its mentions, fullest name, roles and merge evidence."""

    kind: str
    name: str
    key: str
    mentions: list[EntityMention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)

    @property
    def surname_only(self) -> bool:
        return self.kind == "person" and len(self.key.split()) == 1


def cluster_mentions(text: str, mentions: Sequence[EntityMention],
                     language: Language = lang.DEFAULT) -> list[LocalEntity]:
    """The article's entities, each with its mentions in text order."""
    entities: dict[tuple[str, str], LocalEntity] = {}
    full = [m for m in mentions if m.kind == "person" and len(name_words(m.text, language)) > 1]
    # (A lone surname the model took for an organisation, "Rourke", is already the person: ``kinds.vote_kinds``.)
    people = [m for m in mentions if m.kind == "person"]
    spellings = _first_spellings(full, language)
    for mention in full:
        key = person_key(mention.text, language)
        if key in spellings:
            entity = entities[("person", spellings[key])]
            entity.mentions.append(mention)
            entity.evidence.append(f"{mention.text!r} is another spelling of {entity.name!r} in this article")
            continue
        _add(entities, "person", key, mention, display_name(mention.text, "person", language))
    for mention in people:
        if mention in full:
            continue
        target = _full_person_for(mention, full, language)
        if target:
            key = person_key(target.text, language)
            entity = entities[("person", spellings.get(key, key))]
            entity.mentions.append(mention)
            entity.evidence.append(f"{mention.text!r} is the surname of {entity.name!r} in this article")
        else:
            _add(entities, "person", person_key(mention.text, language), mention,
                 display_name(mention.text, "person", language))
    for mention in mentions:
        if mention.kind != "person" and not _is_role(mention, language):
            _add_named(entities, mention, language)
    _merge_short_forms(entities, language)
    _add_short_references(text, entities, language)
    _add_repeats(text, entities, language)
    for entity in entities.values():
        entity.mentions.sort(key=lambda m: m.start)
        if entity.kind == "person":
            entity.roles = _roles(text, entity, language)
    return sorted(entities.values(), key=lambda e: e.mentions[0].start)


def join_pieces(pieces: Sequence[tuple[int, Sequence[LocalEntity]]],
                language: Language = lang.DEFAULT) -> list[LocalEntity]:
    """One text's entities from those of its pieces (``(offset of the piece, its entities)``): the same name
    in two pieces is one entity, and a surname alone in a piece joins the one full name it ends elsewhere."""
    joined: dict[tuple[str, str], LocalEntity] = {}
    for offset, entities in pieces:
        for entity in entities:
            mentions = [replace(m, start=m.start + offset, end=m.end + offset) for m in entity.mentions]
            same = joined.get((entity.kind, entity.key))
            if same is None:
                joined[(entity.kind, entity.key)] = LocalEntity(entity.kind, entity.name, entity.key, mentions,
                                                                list(entity.roles), list(entity.evidence))
                continue
            same.mentions += mentions
            same.roles += [r for r in entity.roles if r not in same.roles]
            same.evidence += entity.evidence
            if len(entity.name) > len(same.name):
                same.name = entity.name
    _join_surnames(joined, language)
    for entity in joined.values():
        entity.mentions.sort(key=lambda m: m.start)
    return sorted(joined.values(), key=lambda e: e.mentions[0].start)


def _join_surnames(entities: dict[tuple[str, str], LocalEntity], language: Language) -> None:
    """A surname-only person joins the one full-name person of the text whose name it ends."""
    by_surname: dict[str, list[LocalEntity]] = {}
    for entity in entities.values():
        if entity.kind == "person" and not entity.surname_only and name_words(entity.name, language):
            by_surname.setdefault(person_key(name_words(entity.name, language)[-1], language), []).append(entity)
    for (kind, key), entity in list(entities.items()):
        targets = by_surname.get(key, []) if entity.surname_only else []
        if len(targets) == 1:
            targets[0].mentions += entity.mentions
            targets[0].evidence.append(f"{entity.name!r} is the surname of {targets[0].name!r} in this article")
            del entities[(kind, key)]


def _merge_short_forms(entities: dict, language: Language) -> None:
    """ "Ventrel" -> "Ventrel Chemicals", "Rovers" -> "Northfield Rovers", "Kingsmead Grammar" ->
    "Kingsmead Grammar School": a shorter name that starts or ends the one longer name of the kind."""
    legal_forms = language.legal_forms
    for (kind, key), short in list(entities.items()):
        if kind == "person" or (len(key.split()) > 2 and not language.sentence_case_names):
            continue
        words = key.split()
        longer = [e for (k, other), e in entities.items() if k == kind and other != key
                  and len(other.split()) > len(words)
                  and ((other.split()[:len(words)] == words and (set(other.split()[len(words):]) <= legal_forms
                                                                  or _place_added(other.split()[len(words):],
                                                                                  words, language)))
                       or (len(words) == 1 and other.split()[-1] == words[0] and words[0] not in legal_forms))]
        if len(longer) != 1:
            continue
        target = longer[0]
        target.mentions += short.mentions
        target.evidence.append(f"{short.name!r} is a short form of {target.name!r} in this article")
        del entities[(kind, key)]


def _place_added(rest: list[str], words: list[str], language: Language) -> bool:
    """ "Comité local des pêches" + "de Saint-Elric": where names are in sentence case, a name of two words or
    more is the short form of itself and a complement ("de", "du" ... and a name)."""
    particles = {p.rstrip("'’") for p in (language.partitive, *language.partitive_forms)}
    return language.sentence_case_names and len(words) > 1 and bool(rest) and rest[0] in particles


Gazetteer = dict[str, tuple[str, str, str]]  # surface form -> (kind, key, name)


def gazetteer_of(entity_lists: Sequence[Sequence[LocalEntity]]) -> Gazetteer:
    """Surface forms of named entities found in a set of articles (a batch), for ``add_known_names``."""
    out: Gazetteer = {}
    for entities in entity_lists:
        for entity in entities:
            if entity.kind == "person" and entity.surname_only:
                continue
            for mention in entity.mentions:
                form = mention.text
                acronym = mention.source == "rule:acronym" and len(form) > 1  # "ARS", defined in its article
                if mention.source not in ("pronoun", "rule:short-reference") and form[:1].isupper() and (
                        len(form) > 3 or acronym):
                    out.setdefault(form, (entity.kind, entity.key, entity.name))
    return out


def add_known_names(text: str, entities: list[LocalEntity], gazetteer: Gazetteer) -> list[LocalEntity]:
    """Mentions of names found in other articles that the model missed in this one."""
    if not gazetteer:
        return entities
    index = {(e.kind, e.key): e for e in entities}
    taken = [(m.start, m.end) for e in entities for m in e.mentions]
    for start, end in _gazetteer_spans(text, tuple(sorted(gazetteer, key=len, reverse=True))):
        if any(s < end and start < e for s, e in taken):
            continue
        form = text[start:end]
        kind, key, name = gazetteer[form]
        entity = index.get((kind, key))
        if entity is None:
            entity = index[(kind, key)] = LocalEntity(kind, name, key)
            entities.append(entity)
        entity.mentions.append(EntityMention(start, end, form, kind, "rule:known-name"))
        entity.evidence.append(f"{form!r} is a name found in another article of the batch")
        taken.append((start, end))
    for entity in entities:
        entity.mentions.sort(key=lambda m: m.start)
    return sorted(entities, key=lambda e: e.mentions[0].start)


_WORD_START = re.compile(r"(?<![\w-])\w+")
_WORD_CHAR = re.compile(r"[\w-]")


def _gazetteer_spans(text: str, forms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the forms (longest first) occur as whole words, left to right without overlaps: the
    matches of ``_gazetteer_pattern(forms)``, found word start by word start. A form can only match
    where a word starts (it opens with a letter) and only where that word is the form's first word,
    so each word start looks up the few forms that open with its word, in the pattern's order."""
    by_first_word = _forms_by_first_word(forms)
    if by_first_word is None:
        return [m.span() for m in _gazetteer_pattern(forms).finditer(text)]
    spans: list[tuple[int, int]] = []
    resume = 0
    for word in _WORD_START.finditer(text):
        start = word.start()
        if start < resume:
            continue
        for form in by_first_word.get(word.group(), ()):
            end = start + len(form)
            if text.startswith(form, start) and not _WORD_CHAR.match(text, end):
                spans.append((start, end))
                resume = end
                break
    return spans


@lru_cache(maxsize=4)
def _forms_by_first_word(forms: tuple[str, ...]) -> dict[str, list[str]] | None:
    """Forms by their first word, in the order given; None when a form does not open with a word
    character (then only the pattern says where it matches)."""
    out: dict[str, list[str]] = {}
    for form in forms:
        first = re.match(r"\w+", form)
        if first is None:
            return None
        out.setdefault(first.group(), []).append(form)
    return out


@lru_cache(maxsize=4)
def _gazetteer_pattern(forms: tuple[str, ...]) -> re.Pattern:
    """One pattern for every known form, longest first, whole words only."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])")


def _add_repeats(text: str, entities: dict, language: Language = lang.DEFAULT) -> None:
    """Every other capitalised occurrence of an entity's surface forms (the model misses repeats)."""
    taken = sorted((m.start, m.end) for e in entities.values() for m in e.mentions)
    forms = {(m.text, e.kind, e.key) for e in entities.values() for m in e.mentions
             if m.source != "pronoun" and m.text[:1].isupper() and len(m.text) > 2}
    # A person's surname alone ("Okafor") is a mention of them too, when only one person has it.
    surnames: dict[str, set[str]] = {}
    for e in entities.values():
        if e.kind == "person" and not e.surname_only:
            surnames.setdefault(name_words(e.name, language)[-1], set()).add(e.key)
    forms |= {(surname, "person", next(iter(keys))) for surname, keys in surnames.items() if len(keys) == 1}
    forms = sorted(forms, key=lambda item: (-len(item[0]), item))  # longest first; ties by name, not hash order
    for form, kind, key in forms:
        for start, end in whole_word_spans(text, form):
            if any(s < end and start < e for s, e in taken):
                continue
            entities[(kind, key)].mentions.append(EntityMention(start, end, form, kind, "rule:repeat"))
            taken.append((start, end))


def _is_role(mention: EntityMention, language: Language) -> bool:
    """ "VP of International Originals": a job title the model took for an organisation."""
    first = mention.text.split()[0] if mention.text.split() else ""
    return mention.kind == "organisation" and bool(role_words(language).fullmatch(first))


def _add(entities, kind: str, key: str, mention: EntityMention, name: str) -> LocalEntity:
    entity = entities.get((kind, key))
    if entity is None:
        entity = entities[(kind, key)] = LocalEntity(kind, name, key)
    elif len(name) > len(entity.name):
        entity.name = name
    entity.mentions.append(mention)
    return entity


def _first_spellings(full: Sequence[EntityMention], language: Language) -> dict[str, str]:
    """Full names that are another spelling of one written earlier in the text ("Raphael Sousa" after
    "Rafael Sousa"), mapped to the key of that first spelling."""
    first: list[tuple[str, str]] = []  # (key, surface) of each spelling kept
    out = {}
    for mention in full:
        key = person_key(mention.text, language)
        if key in out or any(key == k for k, _ in first):
            continue
        same = next((k for k, surface in first if spelling_variants(surface, mention.text, language)), None)
        if same is None:
            first.append((key, mention.text))
        else:
            out[key] = same
    return out


def _full_person_for(mention: EntityMention, full: Sequence[EntityMention],
                     language: Language) -> EntityMention | None:
    """The full mention a surname stands for: the nearest earlier one, else the first later one."""
    words = name_words(mention.text, language)
    if not words:
        return None
    surname = person_key(words[-1], language)
    matches = [m for m in full if person_key(name_words(m.text, language)[-1], language) == surname]
    if len({person_key(m.text, language) for m in matches}) > 1:
        before = [m for m in matches if m.start < mention.start]
        return before[-1] if before else None
    return matches[0] if matches else None


def _add_named(entities, mention: EntityMention, language: Language) -> None:
    if mention.expands:
        key = organisation_key(mention.expands, language)
        entity = _add(entities, mention.kind, key, mention, mention.expands)
        entity.evidence.append(f"{mention.text!r} is defined as {mention.expands!r} in this article")
        return
    key = organisation_key(mention.text, language)
    existing = entities.get((mention.kind, key))
    name = display_name(mention.text, mention.kind, language)
    entity = _add(entities, mention.kind, key, mention, existing.name if existing else name)
    note = f"{mention.text!r} and {existing.mentions[0].text!r}" if existing else ""
    if existing is not None and mention.text != existing.mentions[0].text and not any(
            e.startswith(note) for e in entity.evidence):
        entity.evidence.append(f"{mention.text!r} and {existing.mentions[0].text!r} differ only in case, "
                               "'the', possessive or spelling")


def _add_short_references(text: str, entities: dict, language: Language) -> None:
    """ "the Center" joins the nearest earlier organisation whose name holds that noun."""
    organisations = [e for e in entities.values() if e.kind == "organisation"]
    for match in _rules(language).short_reference.finditer(text):
        noun = organisation_key(match.group("noun"), language).split()[-1]
        start, end = match.span("noun")
        if any(m.start <= start < m.end for e in organisations for m in e.mentions):
            continue
        candidates = [(max(m.start for m in e.mentions if m.start < start), e) for e in organisations
                      if noun in e.key.split() and any(m.start < start for m in e.mentions)]
        if candidates:
            _, entity = max(candidates, key=lambda pair: pair[0])
            entity.mentions.append(EntityMention(start, end, text[start:end], "organisation", "rule:short-reference"))
            entity.evidence.append(f"'the {match.group('noun')}' refers back to {entity.name!r}")


def _roles(text: str, entity: LocalEntity, language: Language) -> list[str]:
    """Roles stated in apposition after a mention, or as a title before it (set off by a comma, where the
    language reads titles so: "La maire de Valcourt, Hélène Marchal")."""
    roles: list[str] = []
    for mention in entity.mentions:
        role = (apposition_role(text, mention.end, language) or preceding_role(text, mention.start, language)
                or _prefix_role(text, mention.start, language))
        if role and role not in roles:
            roles.append(role)
    return roles


def _prefix_role(text: str, start: int, language: Language) -> str | None:
    """ "White House spokesman Josh Earnest", "Executive Erik Barmack": a title right before a name."""
    line_start = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start), text.rfind(", ", 0, start)) + 1
    match = _PREFIX_ROLE.search(text, line_start, start)
    if not match:
        return None
    words = match.group("role").split()
    if not words or not role_words(language).fullmatch(words[-1].rstrip("'’s")):
        return None
    while words and words[0].lower() in language.role_lead_words:
        words = words[1:]
    return clean_role(" ".join(words), language) if words else None
