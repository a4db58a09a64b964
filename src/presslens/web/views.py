"""What each page shows, as plain dicts for the templates (which escape every string)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from ..api.params import blank
from ..archive import quote_trace
from ..compare.brief import outlet_label
from ..errors import PresslensError
from ..records import Article, Quote
from ..store import Store

COLOURS = 10
PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "his", "hers", "its", "their"}
CHART_WIDTH, ROW_HEIGHT, LEFT = 640, 28, 170


def stories_view(store: Store, order: str) -> dict:
    order = order if order in ("size", "recent") else "size"
    return {"stories": store.list_stories(order=order, limit=200), "order": order,
            "articles": store.count_articles(), "quotes": store.count_quotes()}


def story_view(store: Store, briefs, key: str) -> dict:
    material, brief = briefs.material_and_brief(store, key)
    colours = _speaker_colours(material.quotes)
    groups = {(v.article_id, v.start, v.end): index for index, g in enumerate(brief.quote_groups, 1)
              for v in g.versions}
    conflicts = {(v.article_id, v.start, v.end) for pair in brief.speaker_conflicts for v in pair}
    quotes_by_article: dict[str, list[Quote]] = defaultdict(list)
    for quote in material.quotes:
        quotes_by_article[quote.article_id].append(quote)
    columns: dict[str, list[dict]] = defaultdict(list)
    for article in material.articles:
        columns[outlet_label(article)].append({
            "article": article, "copy_of": material.copies.get(article.article_id),
            "segments": segments(article, quotes_by_article[article.article_id], colours, groups, conflicts)})
    return {"brief": brief, "columns": sorted(columns.items()), "colours": colours,
            "chart": coverage_chart(material.articles), "thread": _thread_of(store, brief.story_id),
            "conflicting_facts": [f for f in brief.facts if f.status in ("conflict", "differs")]}


def _thread_of(store: Store, story_id: str):
    """The story's thread with its stories in time order, or None."""
    thread_id = store.thread_of_story(story_id)
    return store.get_thread(thread_id) if thread_id else None


def _speaker_colours(quotes: Sequence[Quote]) -> dict[str, int]:
    colours: dict[str, int] = {}
    for quote in quotes:
        key = speaker_key(quote)
        if key and key not in colours:
            colours[key] = len(colours) % COLOURS
    return colours


def speaker_key(quote: Quote) -> str | None:
    return quote.speaker_entity_id or quote.speaker_name


def segments(article: Article, quotes: Sequence[Quote], colours: dict[str, int], groups: dict,
             conflicts: set) -> list[dict]:
    """The article's original text, from its first to its last line of prose (no date line, title or
    trailer), cut into plain, quoted and removed (boilerplate, caption) pieces."""
    marks = []
    for quote in sorted(quotes, key=lambda q: q.content.start):
        if marks and quote.content.start < marks[-1]["end"]:
            continue
        where = (quote.article_id, quote.content.start, quote.content.end)
        marks.append({"start": quote.content.start, "end": quote.content.end, "kind": "quote",
                      "speaker": quote.speaker_name, "speaker_id": quote.speaker_entity_id,
                      "colour": colours.get(speaker_key(quote) or ""), "group": groups.get(where),
                      "conflict": where in conflicts, "quote_kind": quote.kind})
    for span in article.removed:
        if not any(m["start"] < span.end and span.start < m["end"] for m in marks):
            marks.append({"start": span.start, "end": span.end, "kind": "removed"})
    marks.sort(key=lambda m: m["start"])
    text, out = article.raw_text, []
    position, stop = article.offset_map.to_raw(0, len(article.clean_text)) if article.clean_text else (0, len(text))
    position = min([position] + [m["start"] for m in marks if m["kind"] == "quote"])
    stop = max([stop] + [m["end"] for m in marks if m["kind"] == "quote"])
    marks = [m for m in marks if m["start"] >= position and m["end"] <= stop]
    for mark in marks:
        if mark["start"] > position:
            out.append({"kind": "text", "text": text[position:mark["start"]]})
        out.append({**mark, "text": text[mark["start"]:mark["end"]]})
        position = mark["end"]
    if position < stop:
        out.append({"kind": "text", "text": text[position:stop]})
    return out


def coverage_chart(articles: Sequence[Article]) -> dict:
    """An SVG-ready plot of coverage: one row per outlet, one dot per article at its date."""
    dated = [a for a in articles if a.published]
    outlets = sorted({outlet_label(a) for a in articles})
    if not dated:
        return {"outlets": outlets, "dots": [], "ticks": [], "width": CHART_WIDTH,
                "height": ROW_HEIGHT * (len(outlets) + 1)}
    first, last = min(a.published for a in dated), max(a.published for a in dated)
    span = max((last - first).days, 1)

    def x(day: date) -> float:
        return LEFT + (CHART_WIDTH - LEFT - 20) * (day - first).days / span
    rows = {outlet: index for index, outlet in enumerate(outlets)}
    counts: dict[tuple, int] = defaultdict(int)
    dots = []
    for article in sorted(dated, key=lambda a: a.published):
        label = outlet_label(article)
        stack = counts[(label, article.published)]
        counts[(label, article.published)] += 1
        dots.append({"x": round(x(article.published) + 9 * stack, 1), "y": ROW_HEIGHT * rows[label] + ROW_HEIGHT / 2,
                     "title": f"{label}, {article.published.isoformat()}: {article.title or ''}",
                     "href": f"/articles/{article.article_id}"})
    ticks = sorted({first, last} | {a.published for a in dated})
    return {"outlets": [{"name": o, "y": ROW_HEIGHT * i + ROW_HEIGHT / 2} for o, i in rows.items()],
            "dots": dots, "width": CHART_WIDTH, "height": ROW_HEIGHT * (len(outlets) + 1),
            "ticks": [{"x": round(x(t), 1), "label": t.strftime("%d %b")} for t in ticks],
            "axis_y": ROW_HEIGHT * len(outlets)}


def person_view(store: Store, key: str) -> dict:
    entity = store.get_entity(key)
    quotes = store.list_quotes(speaker_entity_id=entity.entity_id, limit=1000)
    by_outlet: dict[str, list] = defaultdict(list)
    for quote in quotes:
        by_outlet[quote.outlet or "(unknown)"].append(quote)
    timeline = sorted((q for q in quotes if q.published), key=lambda q: q.published)
    forms = [f for f in entity.forms if f.lower() not in PRONOUNS and f != entity.name]
    return {"entity": entity, "forms": forms, "by_outlet": sorted(by_outlet.items()), "timeline": timeline,
            "mentions": store.entity_mentions(entity.entity_id, limit=200)}


def quote_view(store: Store, key: str) -> dict:
    """A quote and every version of it across the store (``presslens trace``)."""
    found = quote_trace(store, key)
    return {"trace": found, "earliest": found.earliest, "trimmed_by": found.outlets_by_class("trimmed"),
            "altered_by": found.outlets_by_class("altered")}


def article_view(store: Store, key: str) -> dict:
    article = store.get_article(key)
    quotes = store.article_quotes(article.article_id)
    colours = _speaker_colours(quotes)
    try:
        story = store.get_story(article.article_id, with_members=False)
    except PresslensError:
        story = None
    return {"article": article, "segments": segments(article, quotes, colours, {}, set()),
            "mentions": store.article_mentions(article.article_id), "story": story}


def search_view(store: Store, query: str) -> dict:
    """Articles, quotes and people matching ``query``; a blank query (controls, NULs, spaces) finds nothing."""
    if blank(query):
        return {"query": "", "hits": [], "quotes": [], "entities": []}
    return {"query": query, "hits": store.search(query, limit=30),
            "quotes": store.list_quotes(search=query, limit=30),
            "entities": store.list_entities(search=query, limit=20)}
