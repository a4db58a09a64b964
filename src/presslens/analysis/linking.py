"""Link: the cheap, ordered half of the analysis. Entities take canonical ids (surnames joined to people
known from earlier articles, through a ``Directory``: the store, or nothing), and quotes point at them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from ..entities import (
    LocalEntity,
    batch_kinds,
    link_entities,
    lookups,
    organisation_key,
    person_key,
    surname_key,
)
from ..quotes import FoundQuote, article_quotes
from ..records import Article, Entity, KnownPerson, Mention, Quote
from .findings import Findings


class Directory(Protocol):
    """What linking asks of the entities known from earlier articles (``presslens.store.Store`` satisfies it)."""

    def known_people(self, surnames: Iterable[str],
                     surname_of: Callable[[str], str | None]) -> dict[str, list[KnownPerson]]: ...

    def entity_ids_for_slugs(self, slugs: Iterable[str]) -> dict[str, str]: ...

    def outlet_names(self) -> set[str]: ...


@dataclass
class Analysis:
    """What the nlp, entities and quotes stages found in a batch of articles, by article id."""

    quotes: dict[str, list[Quote]] = field(default_factory=dict)
    entities: dict[str, tuple[list[Entity], list[Mention]]] = field(default_factory=dict)


def link(articles: Sequence[Article], findings: Sequence[Findings], directory: Directory | None = None) -> Analysis:
    """Canonical ids for the entities of articles and the speakers of their quotes (people known from earlier
    articles looked up in ``directory``). Articles must come in ingest order, one batch after another."""
    local = [f.entities for f in findings]
    surnames, slugs = lookups(local)
    known = directory.known_people(surnames, surname_key) if directory is not None else {}
    known_ids = directory.entity_ids_for_slugs(slugs) if directory is not None else {}
    batch_kinds(local, known_ids)
    outlets = {a.outlet for a in articles if a.outlet} | (directory.outlet_names() if directory is not None else set())
    analysis = Analysis()
    for article, entities, quotes in zip(articles, local, (f.quotes for f in findings), strict=True):
        speakers = [(q.source, article.clean_text[q.source[0]:q.source[1]], q.speaker_name)
                    for q in quotes if q.source and q.speaker_name]
        records, mentions = link_entities(article, entities, speakers, known, known_ids, outlets)
        analysis.entities[article.article_id] = (records, mentions)
        analysis.quotes[article.article_id] = _with_speaker_ids(article_quotes(article, quotes), quotes, entities,
                                                               records)
    return analysis


def _with_speaker_ids(records: list[Quote], found: Sequence[FoundQuote], entities: Sequence[LocalEntity],
                      canonical: Sequence[Entity]) -> list[Quote]:
    """Point each quote's speaker at the canonical entity whose mention it is, or whose name it gives."""
    by_key = {(e.kind, e.key): c.entity_id for e, c in zip(entities, canonical, strict=True)}
    out = []
    for record, quote in zip(records, found, strict=True):
        entity_id = None
        if quote.source:
            entity_id = next((c.entity_id for e, c in zip(entities, canonical, strict=True)
                              for m in e.mentions if m.start < quote.source[1] and quote.source[0] < m.end
                              and e.kind in ("person", "organisation")), None)
        if quote.speaker_name and (entity_id is None or not entity_id.startswith("person:")):
            entity_id = (by_key.get(("person", person_key(quote.speaker_name)))
                         or by_key.get(("organisation", organisation_key(quote.speaker_name))) or entity_id)
        if not entity_id:
            out.append(record)
            continue
        name = next((c.name for c in canonical if c.entity_id == entity_id), None)
        fuller = (name and record.speaker_name and entity_id.startswith("person:")
                  and len(name) > len(record.speaker_name) and name.endswith(record.speaker_name.split()[-1]))
        out.append(replace(record, speaker_entity_id=entity_id, speaker_name=name if fuller else record.speaker_name))
    return out
