"""What the find step leaves for the link step: one article's entities and quotes, as found in its own text."""

from __future__ import annotations

from dataclasses import dataclass

from ..entities import EntityMention, LocalEntity
from ..quotes import FoundQuote


@dataclass
class Findings:
    """One article's entities and quotes as found in its own text (and its batch's), before they are
    linked to the people and organisations known from other articles."""

    entities: list[LocalEntity]
    quotes: list[FoundQuote]

    def quote_rows(self) -> list[dict]:
        """The quotes as flat rows (offsets into the clean text), in order: ``from_rows`` reads them back."""
        rows = []
        for n, q in enumerate(self.quotes):
            source, cue = q.source or (None, None), q.cue or (None, None)
            rows.append({"position": n, "content_start": q.content[0], "content_end": q.content[1], "kind": q.kind,
                         "source_start": source[0], "source_end": source[1], "cue_start": cue[0], "cue_end": cue[1],
                         "speaker_name": q.speaker_name, "speaker_role": q.speaker_role, "channel": q.channel})
        return rows

    def mention_rows(self) -> list[dict]:
        """The entities as flat rows, one a mention (an entity without mentions still gets one, position -1)."""
        rows = []
        for n, entity in enumerate(self.entities):
            head = {"entity": n, "entity_kind": entity.kind, "name": entity.name, "key": entity.key,
                    "roles": list(entity.roles), "evidence": list(entity.evidence)}
            mentions = [{**head, "position": m, "start": x.start, "end": x.end, "text": x.text, "kind": x.kind,
                         "found_by": x.source, "expands": x.expands} for m, x in enumerate(entity.mentions)]
            rows += mentions or [{**head, "position": -1, "start": None, "end": None, "text": None, "kind": None,
                                  "found_by": None, "expands": None}]
        return rows

    @classmethod
    def from_rows(cls, quote_rows: list[dict], mention_rows: list[dict]) -> Findings:
        """Findings from ``quote_rows`` and ``mention_rows`` (extra columns are ignored)."""
        return cls(_entities(mention_rows), _quotes(quote_rows))


def _quotes(rows: list[dict]) -> list[FoundQuote]:
    def span(start, end):
        return None if start is None else (start, end)

    return [FoundQuote((r["content_start"], r["content_end"]), r["kind"], span(r["source_start"], r["source_end"]),
                       span(r["cue_start"], r["cue_end"]), r["speaker_name"], r["speaker_role"], r["channel"])
            for r in sorted(rows, key=lambda r: r["position"])]


def _entities(rows: list[dict]) -> list[LocalEntity]:
    entities: dict[int, LocalEntity] = {}
    for r in sorted(rows, key=lambda r: (r["entity"], r["position"])):
        entity = entities.get(r["entity"])
        if entity is None:
            entity = entities[r["entity"]] = LocalEntity(r["entity_kind"], r["name"], r["key"], [],
                                                         list(r["roles"] or ()), list(r["evidence"] or ()))
        if r["position"] >= 0:
            entity.mentions.append(EntityMention(r["start"], r["end"], r["text"], r["kind"], r["found_by"],
                                                 r["expands"]))
    return [entities[n] for n in sorted(entities)]
