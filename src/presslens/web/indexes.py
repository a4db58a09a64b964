"""The index pages: stories (search, outlet and date filters, sort, paging), threads, people, outlets.

Every filter is a query parameter, so a view can be shared as its URL; bad values are ignored, not errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from ..api.params import blank
from ..store import Store
from .charts import Point, dot_chart, volume_chart

PAGE_SIZE = 25
KINDS = ("person", "organisation", "work", "place")


@dataclass(frozen=True, slots=True)
class Paging:
    """Page ``number`` (from 1) of ``total`` items, ``size`` a page."""

    number: int
    total: int
    size: int = PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    def links(self, params: dict) -> dict:
        """The first shown, last shown and the previous and next pages' URLs (None at either end)."""
        def url(number: int) -> str:
            return "?" + urlencode({k: v for k, v in {**params, "page": number}.items() if v not in (None, "")})
        return {"first": self.offset + 1 if self.total else 0, "last": min(self.offset + self.size, self.total),
                "prev": url(self.number - 1) if self.number > 1 else None,
                "next": url(self.number + 1) if self.number < self.pages else None,
                "number": self.number, "pages": self.pages, "total": self.total}


def page_number(text: str | None) -> int:
    try:
        return max(1, min(int(text or 1), 100_000))
    except ValueError:
        return 1


def page_size(text: str | None) -> int:
    """``?per=``: items a page, 5 to 100 (``PAGE_SIZE`` when absent or bad)."""
    try:
        return max(5, min(int(text), 100)) if text else PAGE_SIZE
    except ValueError:
        return PAGE_SIZE


def parse_day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def clean(text: str | None, limit: int = 200) -> str | None:
    return None if text is None or blank(text) else text.strip()[:limit]


def stories_view(store: Store, params: dict) -> dict:
    """The story list: ``q`` (headline words), ``outlet``, ``since``/``until`` (days), ``order``, ``page``."""
    order = params.get("order") if params.get("order") in ("size", "recent") else "size"
    outlets = [name for name, _n in store.outlet_counts() if name != "(unknown)"]
    outlet = params.get("outlet") if params.get("outlet") in outlets else None
    search, since, until = clean(params.get("q")), parse_day(params.get("since")), parse_day(params.get("until"))
    filters = {"outlet": outlet, "search": search, "since": since, "until": until}
    paging = Paging(page_number(params.get("page")), store.count_stories(**filters), page_size(params.get("per")))
    shown = {"q": search or "", "outlet": outlet or "", "since": since.isoformat() if since else "",
             "until": until.isoformat() if until else "", "order": order,
             "per": str(paging.size) if paging.size != PAGE_SIZE else ""}
    stories = store.list_stories(**filters, order=order, limit=paging.size, offset=paging.offset)
    return {"stories": stories, "threads": store.threads_of_stories([s.story_id for s in stories]),
            "order": order, "outlets": outlets, "filters": shown, "paging": paging.links(shown),
            "filtered": any(v for k, v in shown.items() if k not in ("order", "per")),
            "articles": store.count_articles(), "quotes": store.count_quotes()}


def threads_view(store: Store, params: dict) -> dict:
    """Running storylines, most stories (or latest) first, paged."""
    order = params.get("order") if params.get("order") in ("size", "recent") else "size"
    paging = Paging(page_number(params.get("page")), store.count_threads(), page_size(params.get("per")))
    return {"threads": store.list_threads(order=order, limit=paging.size, offset=paging.offset), "order": order,
            "paging": paging.links({"order": order, "per": params.get("per")})}


def thread_view(store: Store, key: str) -> dict:
    """A thread: its stories in time order and a coverage timeline over all their articles."""
    thread = store.get_thread(key)
    members = [(story, m) for story in thread.stories for m in store.get_story(story.story_id).members]
    points = [Point(m.outlet or "(unknown)", m.published, f"{m.outlet or '(unknown)'}, {m.published.isoformat()}: "
                    f"{m.title or ''} (story: {story.title})", f"/articles/{m.article_id}")
              for story, m in members if m.published]
    return {"thread": thread, "articles": len(members),
            "chart": dot_chart(sorted({m.outlet or "(unknown)" for _s, m in members}), points)}


def people_view(store: Store, params: dict) -> dict:
    """People and organisations, most quoted (or most mentioned) first, by ``q`` (name) and ``kind``."""
    kind = params.get("kind") if params.get("kind") in KINDS else None
    order = "mentioned" if params.get("order") == "mentioned" else "quoted"
    search = clean(params.get("q"))
    number, size = page_number(params.get("page")), page_size(params.get("per"))
    shown = {"q": search or "", "kind": kind or "", "order": order, "per": str(size) if size != PAGE_SIZE else ""}
    if order == "quoted":
        paging = Paging(number, store.count_quoted(kind=kind, search=search), size)
        rows = store.most_quoted(kind=kind, search=search, limit=paging.size, offset=paging.offset)
    else:
        paging = Paging(number, store.count_entities(kind=kind, search=search), size)
        rows = store.list_entities(kind=kind, search=search, limit=paging.size, offset=paging.offset)
    return {"rows": rows, "order": order, "kinds": KINDS, "filters": shown, "paging": paging.links(shown)}


def outlets_view(store: Store) -> dict:
    """Each outlet: articles, first and last day, its most quoted speakers; a plot of volume over time."""
    days = store.outlet_days()
    spans: dict[str, list[date]] = {}
    for outlet, day, _n in days:
        spans.setdefault(outlet, []).append(day)
    top = store.top_speakers_by_outlet(5)
    rows = [{"outlet": name, "articles": n, "first": min(spans[name]) if name in spans else None,
             "last": max(spans[name]) if name in spans else None, "top": top.get(name, []),
             "filter": name != "(unknown)"} for name, n in store.outlet_counts()]
    return {"rows": rows, "chart": volume_chart(days)}


__all__ = ["outlets_view", "people_view", "stories_view", "thread_view", "threads_view"]
