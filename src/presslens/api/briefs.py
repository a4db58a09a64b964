"""Story briefs, built once per story membership and kept in a bounded, thread-safe cache.

A brief of a large story takes tens of seconds and a lot of memory to build, so concurrent first
requests for one story share one build (single flight): the first builds, the others wait for its
result, and a failure reaches every waiter and is not cached. The cache holds at most ``size``
entries and, roughly, ``max_bytes`` of story material (the newest entry is always kept).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

from ..compare import Brief, story_brief
from ..records import StoryMaterial
from ..store import Store

__all__ = ["BriefCache", "SingleFlightCache", "rough_size"]

K = TypeVar("K")
V = TypeVar("V")
MAX_ENTRIES = 64
MAX_BYTES = 512 * 1024 * 1024


class _Flight(Generic[V]):
    """One build in progress: waiters block on it and get its value or its exception."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: V | None = None
        self.error: BaseException | None = None

    def result(self) -> V:
        self.done.wait()
        if self.error is not None:
            raise self.error
        return self.value  # type: ignore[return-value]


class SingleFlightCache(Generic[K, V]):
    """An LRU cache where each missing key is built once however many threads ask for it at once."""

    def __init__(self, *, size: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES,
                 weigh: Callable[[V], int] = lambda _value: 0) -> None:
        self._items: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._flights: dict[K, _Flight[V]] = {}
        self._size, self._max_bytes, self._weigh = size, max_bytes, weigh
        self._bytes = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    @property
    def weight(self) -> int:
        """The rough size of what is cached, in bytes."""
        with self._lock:
            return self._bytes

    def get(self, key: K, build: Callable[[], V]) -> V:
        """The value for ``key``: cached, awaited from a build in progress, or built here."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key][0]
            flight = self._flights.get(key)
            leader = flight is None
            if flight is None:
                flight = self._flights[key] = _Flight()
        return self._lead(key, flight, build) if leader else flight.result()

    def _lead(self, key: K, flight: _Flight[V], build: Callable[[], V]) -> V:
        try:
            flight.value = build()
        except BaseException as exc:
            flight.error = exc
            raise
        finally:
            with self._lock:
                del self._flights[key]
                if flight.error is None:
                    self._put(key, flight.value)  # type: ignore[arg-type]
            flight.done.set()
        return flight.value

    def _put(self, key: K, value: V) -> None:
        weight = self._weigh(value)
        self._items[key] = (value, weight)
        self._bytes += weight
        while len(self._items) > 1 and (len(self._items) > self._size or self._bytes > self._max_bytes):
            _key, (_value, dropped) = self._items.popitem(last=False)
            self._bytes -= dropped


def rough_size(found: tuple[StoryMaterial, Brief]) -> int:
    """A rough size in bytes of a story's material and brief: its texts and records."""
    material, brief = found
    text = sum(len(a.raw_text) + len(a.clean_text) for a in material.articles)
    records = len(material.quotes) + len(material.mentions) + len(material.entities)
    grouped = sum(len(g.versions) for g in brief.quote_groups) + len(brief.facts) + len(brief.unique)
    return 2 * text + 400 * records + 1000 * grouped


class BriefCache:
    """Story material and briefs by story id and membership: rebuilt only when the story's articles change."""

    def __init__(self, size: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES,
                 build: Callable[[StoryMaterial], Brief] = story_brief) -> None:
        self._cache: SingleFlightCache[tuple[str, str], tuple[StoryMaterial, Brief]] = SingleFlightCache(
            size=size, max_bytes=max_bytes, weigh=rough_size)
        self._build = build

    def __len__(self) -> int:
        return len(self._cache)

    def get(self, store: Store, key: str) -> Brief:
        """The brief of the story ``key`` (story id, prefix or article id)."""
        return self.material_and_brief(store, key)[1]

    def material_and_brief(self, store: Store, key: str) -> tuple[StoryMaterial, Brief]:
        """The story's material and brief, built once for its present membership."""
        story = store.get_story(key)
        members = hashlib.sha256("\n".join(m.article_id for m in story.members).encode()).hexdigest()
        return self._cache.get((story.story_id, members), lambda: self._make(store, story.story_id))

    def _make(self, store: Store, story_id: str) -> tuple[StoryMaterial, Brief]:
        material = store.story_material(story_id)
        return material, self._build(material)
