"""What each page shows, as plain dicts for the templates (which escape every string)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import partial
from urllib.parse import urlencode

from ..api.params import blank
from ..archive import quote_trace
from ..compare.brief import outlet_label
from ..compare.text import unquote
from ..errors import PresslensError
from ..records import Article, Quote
from ..store import QuoteSummary, Store
from .charts import Point, dot_chart

COLOURS = 10
MAX_COLUMNS = 4
PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "his", "hers", "its", "their"}


def story_view(store: Store, briefs, key: str, chosen: Sequence[str] = ()) -> dict:
    """The story page: the chosen outlets' columns (at most ``MAX_COLUMNS``), a who-quotes-whom matrix, and
    every fact, conflict and quotation version linked to its sentence in its column."""
    material, brief = briefs.material_and_brief(store, key)
    colours = _speaker_colours(material.quotes)
    labels = {a.article_id: outlet_label(a) for a in material.articles}
    chooser = outlet_chooser(_outlet_order(material, labels), chosen)
    return {"brief": brief, "columns": _columns(material, brief, labels, chooser, colours), "colours": colours,
            "chooser": chooser, "chart": coverage_chart(material.articles), "thread": _thread_of(store, brief.story_id),
            "matrix": quote_matrix(material.quotes, labels, colours, chooser),
            "legend": _legend(material.quotes, colours), "link": partial(_link, chooser, labels),
            "conflicting_facts": [f for f in brief.facts if f.status in ("conflict", "differs")]}


def _columns(material, brief, labels: dict[str, str], chooser: dict, colours: dict[str, int]) -> list[tuple]:
    """``(outlet, articles)`` for each shown outlet, in the chosen order; each article with its text cut into
    segments, the original it copies or the outlets that copy it."""
    groups = {(v.article_id, v.start, v.end): index for index, g in enumerate(brief.quote_groups, 1)
              for v in g.versions}
    conflicts = {(v.article_id, v.start, v.end) for pair in brief.speaker_conflicts for v in pair}
    anchors = _fact_anchors(brief)
    quotes_by_article: dict[str, list[Quote]] = defaultdict(list)
    for quote in material.quotes:
        quotes_by_article[quote.article_id].append(quote)
    copied_by: dict[str, list[str]] = defaultdict(list)
    for copy, original in material.copies.items():
        copied_by[original].append(copy)
    columns: dict[str, list[dict]] = {outlet: [] for outlet in chooser["shown"]}
    for article in material.articles:
        if labels[article.article_id] not in columns:
            continue
        original = material.copies.get(article.article_id)
        columns[labels[article.article_id]].append({
            "article": article, "copy_of": original, "copy_of_outlet": labels.get(original or ""),
            "copy_of_href": _link(chooser, labels, original, None) if original else None,
            "copied_by": [(labels[c], _link(chooser, labels, c, None)) for c in copied_by[article.article_id]
                          if c in labels],
            "segments": segments(article, quotes_by_article[article.article_id], colours, groups, conflicts,
                                 anchors.get(article.article_id, ()))})
    return list(columns.items())


def _outlet_order(material, labels: dict[str, str]) -> list[str]:
    """The story's outlets, most articles (then quotes) first, then by name."""
    articles = Counter(labels.values())
    quotes = Counter(labels.get(q.article_id, "") for q in material.quotes)
    return sorted(articles, key=lambda o: (-articles[o], -quotes[o], o))


def outlet_chooser(outlets: Sequence[str], chosen: Sequence[str], limit: int = MAX_COLUMNS) -> dict:
    """Which outlets are shown side by side, in which order (the chosen known ones, at most ``limit``; the
    first ``limit`` by default), with the links that move, hide or show each. ``chosen``: outlet names, or
    comma-separated lists of them (``?outlets=a,b``, for URLs typed by hand)."""
    known = set(outlets)
    named = [part.strip() for value in chosen for part in ([value] if value in known else value.split(","))]
    wanted = [o for o in dict.fromkeys(named) if o in known]
    shown = wanted[:limit] or list(outlets[:limit])
    hidden = [o for o in outlets if o not in shown]

    def url(names: Sequence[str]) -> str:  # the parameter repeated: an outlet's name may hold a comma
        return "?" + urlencode([("outlets", name) for name in names])
    moves = []
    for index, name in enumerate(shown):
        left = [*shown[:index - 1], name, shown[index - 1], *shown[index + 1:]] if index else None
        right = [*shown[:index], shown[index + 1], name, *shown[index + 2:]] if index + 1 < len(shown) else None
        moves.append({"name": name, "left": url(left) if left else None, "right": url(right) if right else None,
                      "hide": url([o for o in shown if o != name]) if len(shown) > 1 else None})
    chooser = {"all": list(outlets), "shown": shown, "hidden": hidden, "moves": moves, "limit": limit,
               "dropped": wanted[limit:], "url": url}
    chooser["adds"] = [{"name": name, "href": show_url(chooser, name),
                        "replaces": None if len(shown) < limit else shown[-1]} for name in hidden]
    return chooser


def _link(chooser: dict, labels: dict[str, str], article_id: str | None, start: int | None) -> str | None:
    """The link to an article (``start``: its sentence) in its outlet's column, bringing that column into
    view when it is hidden."""
    outlet = labels.get(article_id or "")
    if outlet is None:
        return None
    anchor = f"#a-{article_id}-{start}" if start is not None else f"#art-{article_id}"
    if outlet in chooser["shown"]:
        return anchor
    return show_url(chooser, outlet) + anchor


def show_url(chooser: dict, outlet: str) -> str:
    """The story page's query with ``outlet`` shown (in place of the last column when all are taken)."""
    shown, limit = chooser["shown"], chooser["limit"]
    if outlet in shown:
        return chooser["url"](shown)
    return chooser["url"]([*shown, outlet] if len(shown) < limit else [*shown[:limit - 1], outlet])


def _fact_anchors(brief) -> dict[str, set[tuple[int, int]]]:
    """The spans of the brief's facts and outlet-only sentences, by article, for anchors in the columns."""
    found: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for fact in brief.facts:
        for value in fact.values:
            if value.article_id:
                found[value.article_id].add((value.start, value.end))
    for item in brief.unique:
        found[item.article_id].add((item.start, item.end))
    return found


def quote_matrix(quotes: Sequence[Quote], labels: dict[str, str], colours: dict[str, int], chooser: dict,
                 limit: int = 12) -> dict:
    """Who quotes whom: outlets (rows) by speakers (columns, the ``limit`` most quoted), quotes in each cell."""
    cells: dict[tuple[str, str], int] = defaultdict(int)
    names: dict[str, str] = {}
    totals: Counter = Counter()
    for quote in quotes:
        key = speaker_key(quote)
        outlet = labels.get(quote.article_id)
        if not key or outlet is None:
            continue
        names.setdefault(key, quote.speaker_name or key)
        cells[(outlet, key)] += 1
        totals[key] += 1
    speakers = [k for k, _n in sorted(totals.items(), key=lambda item: (-item[1], names[item[0]]))[:limit]]
    top = max(cells.values(), default=1)
    rows = [{"outlet": outlet, "shown": outlet in chooser["shown"],
             "href": f"#col-{chooser['shown'].index(outlet)}" if outlet in chooser["shown"]
             else show_url(chooser, outlet),
             "cells": [{"n": cells.get((outlet, k), 0), "level": _level(cells.get((outlet, k), 0), top)}
                       for k in speakers]} for outlet in chooser["all"]]
    return {"speakers": [{"key": k, "name": names[k], "colour": colours.get(k), "total": totals[k],
                          "entity_id": k if ":" in k else None} for k in speakers],
            "rows": rows, "others": len(totals) - len(speakers)}


def _level(n: int, top: int) -> int:
    return 0 if n == 0 else 1 + min(3, (4 * n - 1) // max(top, 1))


def _legend(quotes: Sequence[Quote], colours: dict[str, int]) -> list[dict]:
    seen: dict[str, dict] = {}
    for quote in quotes:
        key = speaker_key(quote)
        if key and key not in seen:
            seen[key] = {"name": quote.speaker_name or key, "colour": colours.get(key),
                         "entity_id": quote.speaker_entity_id}
    return list(seen.values())


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
             conflicts: set, anchors: Iterable[tuple[int, int]] = ()) -> list[dict]:
    """The article's original text, from its first to its last line of prose (no date line, title or
    trailer), cut into plain, quoted, fact (``anchors``: raw spans) and removed (boilerplate, caption) pieces.
    Quotes and facts carry the anchor id ``a-<article>-<start>``; a fact inside a quote anchors before it."""
    marks = []
    for quote in sorted(quotes, key=lambda q: q.content.start):
        if marks and quote.content.start < marks[-1]["end"]:
            continue
        where = (quote.article_id, quote.content.start, quote.content.end)
        marks.append({"start": quote.content.start, "end": quote.content.end, "kind": "quote",
                      "id": f"a-{article.article_id}-{quote.content.start}", "anchors": [],
                      "speaker": quote.speaker_name, "speaker_id": quote.speaker_entity_id,
                      "colour": colours.get(speaker_key(quote) or ""), "group": groups.get(where),
                      "conflict": where in conflicts, "quote_kind": quote.kind})
    for span in article.removed:
        if not any(m["start"] < span.end and span.start < m["end"] for m in marks):
            marks.append({"start": span.start, "end": span.end, "kind": "removed", "anchors": []})
    _add_facts(article.article_id, marks, anchors)
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


def _add_facts(article_id: str, marks: list[dict], anchors: Iterable[tuple[int, int]]) -> None:
    """Fact spans as marks of their own, or as anchors on the mark they overlap."""
    for start, end in sorted(set(anchors)):
        anchor = f"a-{article_id}-{start}"
        overlapping = [m for m in marks if m["start"] < end and start < m["end"]]
        if not overlapping:
            marks.append({"start": start, "end": end, "kind": "fact", "id": anchor, "anchors": []})
        elif all(m.get("id") != anchor for m in overlapping):
            overlapping[0]["anchors"].append(anchor)


def coverage_chart(articles: Sequence[Article]) -> dict:
    """An SVG-ready plot of coverage: one row per outlet, one dot per article at its date."""
    points = [Point(outlet_label(a), a.published, f"{outlet_label(a)}, {a.published.isoformat()}: {a.title or ''}",
                    f"/articles/{a.article_id}") for a in articles if a.published]
    return dot_chart(sorted({outlet_label(a) for a in articles}), points)


def person_view(store: Store, key: str) -> dict:
    """A person: quotes over time per outlet (a plot), quotes by outlet with each wire copy counted once, under
    its original, and where the person is mentioned."""
    entity = store.get_entity(key)
    quotes = store.list_quotes(speaker_entity_id=entity.entity_id, limit=1000)
    counted, copies = fold_copies(quotes, store.copies_of([q.article_id for q in quotes]))
    by_outlet: dict[str, list] = defaultdict(list)
    for quote in counted:
        by_outlet[quote.outlet or "(unknown)"].append(quote)
    timeline = sorted((q for q in counted if q.published), key=lambda q: q.published)
    points = [Point(q.outlet or "(unknown)", q.published, f"“{unquote(q.content)[:80]}”", f"/quotes/{q.quote_id}")
              for q in timeline]
    forms = [f for f in entity.forms if f.lower() not in PRONOUNS and f != entity.name]
    story_of = store.stories_of_articles(list({q.article_id for q in counted}))
    return {"entity": entity, "forms": forms, "by_outlet": sorted(by_outlet.items()), "timeline": timeline,
            "chart": dot_chart(sorted(by_outlet), points, stacked=False), "copies": copies,
            "folded": sum(len(v) for v in copies.values()), "story_of": story_of,
            "mentions": store.entity_mentions(entity.entity_id, limit=200)}


def fold_copies(quotes: Sequence[QuoteSummary], copies: dict[str, str]
                ) -> tuple[list[QuoteSummary], dict[str, list[QuoteSummary]]]:
    """The quotes to count (each once per original), and by the id of each counted quote, the same quote in
    the wire copies of its article. A quote in a copy whose original does not carry the same words counts."""
    originals = {(q.article_id, _words(q.content)): q for q in quotes if q.article_id not in copies}
    counted: list[QuoteSummary] = []
    folded: dict[str, list[QuoteSummary]] = defaultdict(list)
    for quote in quotes:
        original = originals.get((copies.get(quote.article_id, ""), _words(quote.content)))
        if original is None:
            counted.append(quote)
        else:
            folded[original.quote_id].append(quote)
    return counted, dict(folded)


def _words(text: str) -> str:
    return " ".join("".join(c for c in word if c.isalnum()) for word in unquote(text).lower().split())


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
    """Stories, articles, quotes and people matching ``query``, each article and quote with its date and story;
    a blank query (controls, NULs, spaces) finds nothing."""
    if blank(query):
        return {"query": "", "hits": [], "quotes": [], "entities": [], "stories": [], "story_of": {}}
    hits = store.search(query, limit=30)
    quotes = store.list_quotes(search=query, limit=30)
    story_ids = store.stories_of_articles(list({h.article.article_id for h in hits} | {q.article_id for q in quotes}))
    summaries = store.stories_by_id(list(story_ids.values()))
    return {"query": query, "hits": hits, "quotes": quotes, "stories": store.list_stories(search=query, limit=20),
            "story_of": {a: summaries[s] for a, s in story_ids.items() if s in summaries},
            "entities": store.list_entities(search=query, limit=20)}
