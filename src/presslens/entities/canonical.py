"""Across articles and outlets: one canonical id per entity.

An entity's id is its kind and the slug of its normal name (``person:dawn-hawkins``,
``organisation:national-center-on-sexual-exploitation``): spelling variants, "the",
possessives and case share a normal name, so they share an id wherever they appear.

A person named only by surname in an article joins a known full-name person with that
surname only when the context supports it: that person is the only one of the name,
or the only one who shares other entities with the article. Otherwise the surname
stays an entity of its own (``person:okafor``), never merged by guesswork.

A full name spelled another way than a known person's ("Raphael Sousa" for "Rafael Sousa":
``names.spelling_variants``) takes that person's id when that person is the only such one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..records import KnownPerson
from .cluster import LocalEntity
from .names import person_key, slug, spelling_variants


@dataclass
class Resolution:
    """Canonical id for one local entity, and why."""

    entity_id: str
    evidence: list[str]
    name: str | None = None  # the known full name a surname was joined to


def entity_id_for(entity: LocalEntity) -> str:
    """The id an entity gets from its own name."""
    return f"{entity.kind}:{slug(entity.key)}"


def resolve(entities: Sequence[LocalEntity], known: Mapping[str, Sequence[KnownPerson]]) -> list[Resolution]:
    """Canonical ids for an article's entities; ``known`` maps a surname to full-name people."""
    own_ids = {entity_id_for(e) for e in entities if not e.surname_only}
    out = []
    for entity in entities:
        entity_id = entity_id_for(entity)
        evidence = list(entity.evidence)
        name = None
        if entity.surname_only:
            candidates = known.get(entity.key, ())
            match, reason = _person_for_surname(entity.key, own_ids, candidates)
            if match:
                entity_id = match
                evidence.append(reason)
                name = next((c.name for c in candidates if c.entity_id == match), None)
        elif entity.kind == "person":
            variant = _known_spelling(entity, entity_id, known)
            if variant is not None:
                entity_id, name = variant.entity_id, variant.name
                evidence.append(f"{entity.name!r}: another spelling of {variant.name!r}")
        out.append(Resolution(entity_id, evidence, name))
    return out


def _known_spelling(entity: LocalEntity, entity_id: str,
                    known: Mapping[str, Sequence[KnownPerson]]) -> KnownPerson | None:
    """The one known person whose full name is another spelling of this person's, if there is exactly one."""
    words = entity.key.split()
    if len(words) < 2 or any(c.entity_id == entity_id for c in known.get(words[-1], ())):
        return None
    variants = {c.entity_id: c for c in known.get(words[-1], ())
                if c.name and spelling_variants(c.name, entity.name) and person_key(c.name) != entity.key}
    return next(iter(variants.values())) if len(variants) == 1 else None


def _person_for_surname(surname: str, article_ids: set[str],
                        candidates: Iterable[KnownPerson]) -> tuple[str | None, str]:
    candidates = list(candidates)
    if len(candidates) == 1:
        only = candidates[0]
        if only.neighbours & article_ids or not article_ids:
            return only.entity_id, f"{surname!r}: the only person of that surname known, in the same context"
        return None, ""
    shared = [(len(c.neighbours & article_ids), c) for c in candidates]
    shared = [(n, c) for n, c in shared if n]
    if len(shared) == 1 or (len(shared) > 1 and sorted(n for n, _ in shared)[-1] > sorted(n for n, _ in shared)[-2]):
        _, best = max(shared, key=lambda pair: pair[0])
        return best.entity_id, f"{surname!r}: of {len(candidates)} people of that surname, the one sharing context"
    return None, ""
