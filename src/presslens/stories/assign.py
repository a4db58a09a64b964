"""Documents into stories, in stream order, with a state that can be saved and resumed.

``StoryStream`` is everything the stage remembers between documents: one clusterer per
language, the near-duplicate finder, which documents are still in the window, and the
groups of copies. ``extend`` feeds it documents and can save it (``snapshot``) on the way, so
a later run resumes from there and replays only what came after: the same links as a
replay from scratch, at a cost bounded by the window instead of the whole archive.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from ..records import StoryLink
from . import state
from .duplicates import NearDuplicateFinder
from .features import DEFAULT_SIGNALS, StoryDocument
from .stream import StreamClusterer

STATE_VERSION = 2  # bump when what a saved StoryStream holds, or how it links, changes


@dataclass(slots=True)
class _Member:
    link: StoryLink  # as streamed, before its group of copies is settled
    published: datetime | None
    length: int
    story: tuple[str, int]  # (language, clusterer story id)


@dataclass
class StreamRun:
    """What ``extend`` did: the new documents' links, the links of earlier documents whose group of copies
    changed, and the saved state (zlib-compressed pickle) from before document ``snapshot_at``, if asked."""

    links: list[StoryLink]
    changed: list[StoryLink] = field(default_factory=list)
    snapshot: bytes | None = None


class StoryStream:
    """The stories stage's state: feed documents in stream order (publication order) with ``extend``."""

    def __init__(self, window_days: float = 7.0, signals: Sequence[str] = DEFAULT_SIGNALS):
        self.window_days = window_days
        self.signals = tuple(signals)
        self.clusterers: dict[str, StreamClusterer] = {}
        self.duplicates = NearDuplicateFinder(window_days=window_days)  # copies are looked for in the window
        self.story_key: dict[tuple[str, int], str] = {}  # open clusterer story -> stored story id
        self.members: dict[str, _Member] = {}  # documents in the window, and every document in a group of copies
        self.groups: dict[str, list[str]] = {}  # original (as streamed) -> its copies
        self.position = 0
        self._expiry: list[tuple[datetime, int, str]] = []
        self._newest: datetime | None = None

    def extend(self, documents: Sequence[StoryDocument], languages: Sequence[str], *,
               snapshot_at: int | None = None) -> StreamRun:
        """Place ``documents`` (stream order); ``snapshot_at``: save the state from before that document."""
        links, touched, snapshot = [], set(), None
        for n, (document, language) in enumerate(zip(documents, languages, strict=True)):
            if n == snapshot_at:
                snapshot = self.dumps()
            link = self._add(document, language)
            links.append(link)
            if link.duplicate_of is not None:
                touched.add(link.duplicate_of)
        if snapshot_at is not None and snapshot_at >= len(documents):
            snapshot = self.dumps()
        self._forget_closed_stories()
        return self._settle(links, touched, snapshot)

    def dumps(self) -> bytes:
        """This state, to resume from with ``loads``."""
        return state.pack(STATE_VERSION, self)

    @staticmethod
    def loads(data: bytes) -> StoryStream:
        """A state saved by ``dumps`` (ValueError if another version of this module saved it)."""
        return state.unpack(data, STATE_VERSION, "story")

    def _add(self, document: StoryDocument, language: str) -> StoryLink:
        self._forget_before(document.published)
        clusterer = self.clusterers.get(language)
        if clusterer is None:
            clusterer = self.clusterers[language] = StreamClusterer(language, signals=self.signals,
                                                                   window_days=self.window_days)
        copy = self.duplicates.add(document.key, document.body or document.text, document.published)
        original = self.members.get(copy.original) if copy else None
        follow = original.story[1] if original and original.story[0] == language else None
        assignment = clusterer.add(document, follow=follow)
        internal = (language, assignment.story_id)
        link = StoryLink(document.key, self.story_key.setdefault(internal, document.key), self.position,
                         None if assignment.probability is None else round(assignment.probability, 4),
                         copy.original if copy else None, copy.containment if copy else None)
        self.members[document.key] = _Member(link, document.published, len(document.body or document.text), internal)
        if document.published is not None:
            heapq.heappush(self._expiry, (document.published, self.position, document.key))
        if copy:
            self.groups.setdefault(copy.original, []).append(document.key)
        self.position += 1
        return link

    def _forget_before(self, published: datetime | None) -> None:
        """Drop documents the near-duplicate finder has forgotten too (same cutoff), unless in a group of copies."""
        if published is None or self.duplicates.window is None:
            return
        self._newest = max(filter(None, (self._newest, published)))
        cutoff = self._newest - self.duplicates.window
        while self._expiry and self._expiry[0][0] < cutoff:
            key = heapq.heappop(self._expiry)[2]
            member = self.members.get(key)
            if member is not None and key not in self.groups and member.link.duplicate_of is None:
                del self.members[key]

    def _forget_closed_stories(self) -> None:
        self.story_key = {internal: key for internal, key in self.story_key.items()
                          if internal[1] in self.clusterers[internal[0]].stories}

    def _settle(self, links: list[StoryLink], touched: set[str], snapshot: bytes | None) -> StreamRun:
        """In each group of copies that gained one, the original is the earliest published, then the
        longest, then the first to arrive; links of this run are replaced, earlier ones come back changed."""
        position_of = {link.article_id: n for n, link in enumerate(links)}
        changed = []
        for original in sorted(touched):
            for link in self._settled_group(original):
                n = position_of.get(link.article_id)
                if n is None:
                    changed.append(link)
                else:
                    links[n] = link
        return StreamRun(links, changed, snapshot)

    def _settled_group(self, original: str) -> list[StoryLink]:
        keys = [original, *self.groups[original]]
        members = [self.members[k] for k in keys]
        first = min(range(len(keys)), key=lambda i: (members[i].published or datetime.max, -members[i].length,
                                                     members[i].link.position))
        score = {keys[i]: members[i].link.containment for i in range(1, len(keys))}
        head = keys[first]
        return [replace(m.link, duplicate_of=None if i == first else head,
                        containment=None if i == first else score.get(keys[i], score.get(head)))
                for i, m in enumerate(members)]


def assign_stories(documents: Sequence[StoryDocument], languages: Sequence[str], *, window_days: float = 7.0,
                   signals: Sequence[str] = DEFAULT_SIGNALS) -> list[StoryLink]:
    """One link per document, in the order given (the arrival order)."""
    return StoryStream(window_days, signals).extend(documents, languages).links
