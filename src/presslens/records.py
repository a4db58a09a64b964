"""Plain records passed between pipeline stages.

Every span carries character offsets (Python ``str`` code points, end exclusive)
into the article's original text, ``Article.raw_text``.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

__all__ = [
    "ENTITY_KINDS",
    "Article",
    "Entity",
    "KnownPerson",
    "Mention",
    "OffsetMap",
    "Quote",
    "RawDoc",
    "Sentence",
    "Span",
    "Story",
    "StoryLink",
    "StoryMaterial",
    "TextAnalysis",
    "Thread",
]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an article's original text: ``raw_text[start:end] == text``."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class RawDoc:
    """One document as a reader found it, before cleaning.

    ``text`` is the original text every later span points into. ``skip_spans``
    are stretches of it that hold metadata rather than prose (a ``date`` header,
    the title line, an ``Article from:`` trailer) and that cleaning leaves out.
    ``published`` is the day as the document writes it; ``published_at`` the moment when it gives a
    time (timezone-aware when it gives a zone). ``warnings`` are messages about metadata that could not
    be read (``[W101] feed.jsonl:line 3: unreadable date 'soon'``): the document is still good.
    """

    source: str
    locator: str
    fmt: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    language: str | None = None
    skip_spans: list[tuple[int, int]] = field(default_factory=list)
    published_at: datetime | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def where(self) -> str:
        """Human-readable location: ``path`` or ``path:record 3``."""
        return f"{self.source}:{self.locator}" if self.locator else self.source


class OffsetMap:
    """Maps offsets in a cleaned text back to offsets in the original text.

    Stored as segments ``(clean_start, raw_start, clean_len, raw_len)``. A segment
    with equal lengths maps character by character; an unequal one (a collapsed
    whitespace run, an inserted paragraph break) maps as a block: a span starting
    inside it starts at its raw start and a span ending inside it ends at its raw end.
    """

    __slots__ = ("_clean_starts", "segments")

    def __init__(self, segments: list[tuple[int, int, int, int]] | None = None) -> None:
        self.segments: list[tuple[int, int, int, int]] = list(segments or [])
        self._clean_starts = [s[0] for s in self.segments]

    def add(self, clean_start: int, raw_start: int, clean_len: int, raw_len: int) -> None:
        """Append a segment, merging it with the previous one when both are linear."""
        if clean_len == 0:
            return
        if self.segments:
            c0, r0, cl, rl = self.segments[-1]
            linear = cl == rl and clean_len == raw_len
            if linear and c0 + cl == clean_start and r0 + rl == raw_start:
                self.segments[-1] = (c0, r0, cl + clean_len, rl + raw_len)
                return
        self.segments.append((clean_start, raw_start, clean_len, raw_len))
        self._clean_starts.append(clean_start)

    def _segment(self, offset: int, *, for_end: bool) -> tuple[int, int, int, int]:
        if not self.segments:
            raise ValueError("empty offset map")
        index = bisect.bisect_right(self._clean_starts, offset - (1 if for_end else 0)) - 1
        return self.segments[max(index, 0)]

    def to_raw_start(self, offset: int) -> int:
        """Raw offset where a span starting at clean ``offset`` starts."""
        c0, r0, cl, rl = self._segment(offset, for_end=False)
        if cl == rl:
            return r0 + min(max(offset - c0, 0), rl)
        return r0 if offset < c0 + cl else r0 + rl

    def to_raw_end(self, offset: int) -> int:
        """Raw offset where a span ending (exclusive) at clean ``offset`` ends."""
        c0, r0, cl, rl = self._segment(offset, for_end=True)
        if cl == rl:
            return r0 + min(max(offset - c0, 0), rl)
        return r0 + rl if offset > c0 else r0

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``(start, end)`` of the clean span ``[start, end)``."""
        raw_start = self.to_raw_start(start)
        return raw_start, max(raw_start, self.to_raw_end(end))

    def to_json(self) -> str:
        return json.dumps(self.segments, separators=(",", ":"))

    @classmethod
    def from_json(cls, data: str) -> OffsetMap:
        return cls([tuple(s) for s in json.loads(data)])

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OffsetMap) and self.segments == other.segments

    def __repr__(self) -> str:
        return f"OffsetMap({len(self.segments)} segments)"


@dataclass(slots=True)
class Article:
    """A cleaned article, ready for the NLP stages and the store."""

    article_id: str
    outlet: str | None
    url: str | None
    title: str | None
    published: date | None
    language: str | None
    raw_text: str
    clean_text: str
    offset_map: OffsetMap
    source: str = ""
    fmt: str = ""
    outlet_domain: str | None = None
    removed: list[Span] = field(default_factory=list)
    published_at: datetime | None = None

    def raw_span(self, clean_start: int, clean_end: int) -> Span:
        """The original-text span behind ``clean_text[clean_start:clean_end]``."""
        start, end = self.offset_map.to_raw(clean_start, clean_end)
        return Span(start, end, self.raw_text[start:end])

    def as_dict(self) -> dict:
        data = {k: getattr(self, k) for k in self.__slots__ if k not in ("offset_map", "removed")}
        data["published"] = self.published.isoformat() if self.published else None
        data["published_at"] = self.published_at.isoformat() if self.published_at else None
        data["offset_map"] = self.offset_map.segments
        data["removed"] = [asdict(s) for s in self.removed]
        return data


ENTITY_KINDS = ("person", "organisation", "work", "place")  # in the order that wins when one name has two


@dataclass
class KnownPerson:
    """A full-name person already given a canonical id, and the entity ids seen beside them: what the entities
    stage needs to know of earlier articles to join a surname standing alone to its person."""

    entity_id: str
    surname: str
    neighbours: set[str] = field(default_factory=set)
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article, by its span in the original text."""

    article_id: str
    span: Span


@dataclass(frozen=True, slots=True)
class Mention:
    """A mention of an entity (person, organisation, work, place) in one article."""

    article_id: str
    span: Span
    label: str
    entity_id: str | None = None
    source: str = "ner"
    evidence: str | None = None


@dataclass(slots=True)
class Entity:
    """A canonical entity across articles and outlets: every surface form and role seen."""

    entity_id: str
    kind: str
    name: str
    roles: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Quote:
    """An attribution: who (speaker) said what (content), through which cue."""

    article_id: str
    content: Span
    kind: str
    speaker: Span | None = None
    cue: Span | None = None
    speaker_name: str | None = None
    speaker_entity_id: str | None = None
    channel: str | None = None
    speaker_role: str | None = None


@dataclass(frozen=True, slots=True)
class StoryLink:
    """Where one article sits in the stories: its story, arrival position, and the copy it repeats, if any."""

    article_id: str
    story_id: str
    position: int
    probability: float | None = None
    duplicate_of: str | None = None
    containment: float | None = None


@dataclass(slots=True)
class Story:
    """A group of articles about one event or topic, across outlets."""

    story_id: str
    title: str
    article_ids: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    first_seen: date | None = None
    last_seen: date | None = None


@dataclass(slots=True)
class Thread:
    """A running storyline: stories (events) about the same people and things, in time order."""

    thread_id: str  # the id of its first story
    title: str
    story_ids: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    articles: int = 0
    first_seen: date | None = None
    last_seen: date | None = None


@dataclass(slots=True)
class StoryMaterial:
    """Everything the compare stage reads about one story, as plain records."""

    story: Story
    articles: list[Article]
    quotes: list[Quote] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    copies: dict[str, str] = field(default_factory=dict)  # article id -> the article it copies


@dataclass(slots=True)
class TextAnalysis:
    """One text analysed without a store (``presslens.analyse``): the cleaned article, its quotes, and the
    entities it mentions with each mention; every span points into the text as given."""

    article: Article
    quotes: list[Quote] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
