"""The entities stage: people, organisations, works and places, one canonical entity each.

Within a text (store-free): ``analyse_text`` (spaCy's entities corrected and completed by rules, then
grouped: surnames, acronyms, "the Center", roles); across a batch, ``gazetteer_of`` and ``add_known_names``
(a name found in one text is looked for in the others); ``join_pieces`` for a text analysed in pieces.

Across articles (ordered): ``lookups`` says what to ask of the entities known from earlier articles, and
``link_entities`` gives each article its canonical ids (``resolve``: surname-only people joined with care).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .. import lang
from ..lang import Language
from ..records import Article, Entity, KnownPerson, Mention
from .canonical import resolve
from .cluster import LocalEntity, add_known_names, cluster_mentions, gazetteer_of, join_pieces
from .mentions import KINDS, EntityMention, find_mentions
from .names import name_words, organisation_key, person_key, slug

__all__ = [
    "KINDS",
    "PRONOUNS",
    "EntityMention",
    "LocalEntity",
    "add_known_names",
    "analyse_text",
    "batch_kinds",
    "gazetteer_of",
    "join_pieces",
    "link_entities",
    "lookups",
    "organisation_key",
    "person_key",
    "surname_key",
]


def analyse_text(text: str, named: Iterable, *, language: Language | str | None = None) -> list[LocalEntity]:
    """An article's entities from its text and spaCy's entity spans (start, end, text, label), by the rules of
    its ``language`` (a code or a ``Language``; English when not given)."""
    rules = lang.as_language(language)
    return cluster_mentions(text, find_mentions(text, named, rules), rules)


def surname_key(name: str) -> str | None:
    """The surname key of a full personal name (``"Dr Dawn Hawkins"`` -> ``"hawkins"``); None for one word."""
    words = person_key(name).split()
    return words[-1] if len(words) > 1 else None


def surnames_needed(entities: Sequence[LocalEntity]) -> set[str]:
    """Surnames to look up among known people: those standing alone in an article, and those of its full names
    (another spelling of a known person's name joins that person)."""
    return {e.key if e.surname_only else e.key.split()[-1] for e in entities if e.kind == "person" and e.key}


def batch_kinds(found: Sequence[Sequence[LocalEntity]], known_ids: dict[str, str]) -> None:
    """One kind per new name across a batch of articles: a name the store does not hold yet, typed differently in
    the batch's articles ("Dunmore" a place in four, a person in two), takes the kind of most of its mentions (the
    first one seen on a tie) in every article; ``known_ids`` gets that id, as if the store held it."""
    votes: dict[str, dict[str, int]] = {}
    for entities in found:
        for entity in entities:
            if not entity.surname_only:
                tally = votes.setdefault(slug(entity.key), {})
                tally[entity.kind] = tally.get(entity.kind, 0) + len(entity.mentions)
    for name_slug, tally in votes.items():
        if len(tally) > 1 and name_slug not in known_ids:
            known_ids[name_slug] = f"{max(tally, key=tally.__getitem__)}:{name_slug}"


def lookups(found: Sequence[Sequence[LocalEntity]]) -> tuple[set[str], set[str]]:
    """What to look up among entities known from earlier articles for these articles' entities: the surnames
    standing alone (``Directory.known_people``) and the name slugs (``Directory.entity_ids_for_slugs``)."""
    surnames = set().union(*(surnames_needed(entities) for entities in found)) if found else set()
    return surnames, {slug(e.key) for entities in found for e in entities}


def link_entities(article: Article, entities: Sequence[LocalEntity],
                  speakers: Iterable[tuple[tuple[int, int], str, str]], known: dict[str, list[KnownPerson]],
                  known_ids: dict[str, str], outlets: Iterable[str] = ()) -> tuple[list[Entity], list[Mention]]:
    """An article's canonical entities and mentions, in the order the steps need: a quote's pronoun speaker
    (span, surface, resolved name) becomes a mention, entities take canonical ids (surnames joined to ``known``
    people), a name already used under another kind keeps that id (``known_ids``), and this article's people
    join ``known`` for the articles after it; a name of one of the ``outlets`` (the article's own included) is an
    organisation. ``known`` and ``known_ids`` grow."""
    add_pronoun_mentions(entities, speakers)
    name_outlets(entities, {article.outlet, *outlets} - {None, ""}, lang.as_language(article.language))
    records, mentions = link_article(article, entities, known)
    unify_ids(records, mentions, known_ids)
    merge_known_people(known, known_people_in(zip((r.entity_id for r in records), entities, strict=True)))
    return records, mentions


def name_outlets(entities: Sequence[LocalEntity], outlets: Iterable[str], language: Language = lang.DEFAULT) -> None:
    """An outlet named in a text ("Feld told Screenline", "told the Ledger") is an organisation, whatever the
    model took it for: an outlet's whole name or web host ("screenline" for "screenline.example"), or a name
    that ends it, one word only when it is what outlets are called (``Language.outlet_words``: "Ledger" of "The
    Daily Ledger", not "Littoral" of "La Dépêche du Littoral")."""
    names = {tuple(_outlet_words(outlet)) for outlet in outlets}
    names.discard(())
    for entity in entities:
        words = tuple(slug(entity.key).split("-"))
        if entity.kind != "organisation" and words and len(words) <= 3 and any(
                n == words or (n[-len(words):] == words and (len(words) > 1 or words[0] in language.outlet_words))
                for n in names):
            entity.kind, entity.roles = "organisation", []
            entity.evidence.append(f"{entity.name!r} is an outlet")


def _outlet_words(outlet: str) -> list[str]:
    """An outlet's name as slug words; a web host gives its first label ("www.bbc.co.uk" -> ["bbc"])."""
    outlet = outlet.strip()
    if "." in outlet and " " not in outlet:
        labels = [label for label in outlet.lower().split("/")[0].split(".") if label not in {"www", "m"}]
        outlet = labels[0] if labels else outlet
    return [w for w in slug(outlet).split("-") if w]


def link_article(article: Article, entities: Sequence[LocalEntity],
                 known: Mapping[str, Sequence[KnownPerson]]) -> tuple[list[Entity], list[Mention]]:
    """Canonical entities and mentions (spans into the original text) for an article's local entities."""
    records: list[Entity] = []
    mentions: list[Mention] = []
    for entity, resolution in zip(entities, resolve(entities, known), strict=True):
        forms = sorted({m.text for m in entity.mentions})
        name = resolution.name or entity.name
        records.append(Entity(resolution.entity_id, entity.kind, name, list(entity.roles), forms))
        evidence = "; ".join(resolution.evidence) or None
        for mention in entity.mentions:
            span = article.raw_span(mention.start, mention.end)
            mentions.append(Mention(article.article_id, span, entity.kind, resolution.entity_id, mention.source,
                                    evidence))
    return records, mentions


def unify_ids(records: list[Entity], mentions: list[Mention], known_ids: Mapping[str, str]) -> None:
    """Give entities the id already used for the same name under another kind ("Glasshouse" seen as a
    work elsewhere stays that work); ``known_ids`` maps a name slug to the id in use, and grows."""
    renamed: dict[str, str] = {}
    for record in records:
        name_slug = record.entity_id.split(":", 1)[1]
        known = known_ids.get(name_slug)
        if known and known != record.entity_id:
            renamed[record.entity_id] = known
            record.entity_id, record.kind = known, known.split(":", 1)[0]
        else:
            known_ids[name_slug] = record.entity_id
    for i, mention in enumerate(mentions):
        if mention.entity_id in renamed:
            new_id = renamed[mention.entity_id]
            mentions[i] = Mention(mention.article_id, mention.span, new_id.split(":", 1)[0], new_id, mention.source,
                                  mention.evidence)


PRONOUNS = {"he", "she", "him", "her", "his"}


def add_pronoun_mentions(entities: Sequence[LocalEntity],
                         speakers: Iterable[tuple[tuple[int, int], str, str]]) -> None:
    """ "she said": a quote's pronoun speaker (span, surface, resolved name) is a mention of that person."""
    people = {e.key: e for e in entities if e.kind == "person"}
    for span, surface, name in speakers:
        person = people.get(person_key(name))
        if surface.lower() in PRONOUNS and person is not None:
            person.mentions.append(EntityMention(span[0], span[1], surface, "person", "pronoun"))
            person.mentions.sort(key=lambda m: m.start)


def merge_known_people(known: dict[str, list[KnownPerson]], more: Mapping[str, Sequence[KnownPerson]]) -> None:
    """Add people to a by-surname index, one entry per entity id (neighbours pooled)."""
    for surname, people in more.items():
        entries = known.setdefault(surname, [])
        for person in people:
            same = next((p for p in entries if p.entity_id == person.entity_id), None)
            if same is None:
                entries.append(KnownPerson(person.entity_id, surname, set(person.neighbours), person.name))
            else:
                same.neighbours |= person.neighbours


def known_people_in(entities: Iterable[tuple[str, LocalEntity]]) -> dict[str, list[KnownPerson]]:
    """Full-name people among (entity id, local entity) pairs, by surname, with their neighbours."""
    pairs = list(entities)
    ids = {entity_id for entity_id, _ in pairs}
    out: dict[str, list[KnownPerson]] = {}
    for entity_id, entity in pairs:
        if entity.kind == "person" and not entity.surname_only and name_words(entity.name):
            surname = person_key(name_words(entity.name)[-1])
            people = out.setdefault(surname, [])
            person = next((p for p in people if p.entity_id == entity_id), None)
            if person is None:
                person = KnownPerson(entity_id, surname, name=entity.name)
                people.append(person)
            person.neighbours |= ids - {entity_id}
    return out
