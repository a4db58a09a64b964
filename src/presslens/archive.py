"""The Python API: ``presslens.open(url)`` gives an ``Archive``, the store with the pipeline around it.

    import presslens

    archive = presslens.open("news.db")          # a SQLite file, or any SQLAlchemy URL
    archive.ingest(["articles/", "feed.xml"])    # paths, folders, globs; or dicts / RawDocs
    for story in archive.stories(since=date(2026, 3, 1), outlet="Harbour Gazette"):
        print(story.title, story.size)
    brief = archive.story("08f96cc7").brief()    # how each outlet told it
    quotes = list(archive.quotes(speaker="Okafor"))

Listings are iterators that read the store a page at a time, so a million quotes never sit in memory at
once; ``limit`` and ``offset`` take a slice, ``count(listing, ...)`` says how many the same filters give. Articles
and quotes are read after the last row seen (keyset), so rows stored while iterating neither repeat nor shift
a page. The command line is built on this class. ``presslens.analyse(text)`` runs the pipeline on one text
without any store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from .compare import Brief, QuoteTrace, brief_markdown, story_brief, trace_quote
from .errors import ConfigError
from .export import export_chunks
from .pipeline import IngestReport, ingest_paths, ingest_records
from .records import Article, RawDoc, TextAnalysis
from .settings import Settings
from .store import (
    EXPORT_COLUMNS,
    ArticleSummary,
    EntitySummary,
    ExportFilters,
    QuoteSummary,
    SearchHit,
    Store,
    StorySummary,
    ThreadSummary,
)

__all__ = ["Archive", "StoryView", "analyse", "open_archive"]

PAGE = 500


@dataclass(frozen=True)
class StoryView:
    """One stored story (``summary``: its title, size, outlets, days and timeline) and what to ask of it."""

    summary: StorySummary
    archive: Archive

    @property
    def story_id(self) -> str:
        return self.summary.story_id

    @property
    def title(self) -> str:
        return self.summary.title

    def brief(self) -> Brief:
        """How each outlet told the story: who is quoted by whom, shared and altered quotes, facts."""
        return story_brief(self.archive.store.story_material(self.story_id))

    def brief_markdown(self) -> str:
        """The brief as Markdown, as ``presslens story ID --format md`` prints it."""
        return brief_markdown(self.brief())

    def quotes(self) -> Iterator[QuoteSummary]:
        """The story's quotes, oldest article first."""
        return self.archive.quotes(story=self.story_id)


class Archive:
    """A store of articles, quotes, entities and stories, with ingest and exports around it."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store, self.settings = store, settings

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- adding ----------------------------------------------------------------------

    def ingest(self, sources: str | Path | Iterable[str | Path | dict | RawDoc], *,
               outlet: str | None = None,
               on_file: Callable[[Path | None, int], None] | None = None) -> IngestReport:
        """Read, analyse and store articles, then bring the stories up to date.

        ``sources``: a path (file, folder or glob: txt, JSONL, HTML, RSS/Atom, WARC; or an http(s) URL of a feed
        or page) or several, or records: dicts with ``text`` and optional ``title``, ``url``, ``outlet``,
        ``date``, ``language``, or ``RawDoc``s. Bad documents are listed in the report's ``errors``; the others
        are stored. ``on_file(path, total)``: progress, as ``pipeline.ingest_paths`` calls it.
        """
        if isinstance(sources, str | Path | dict | RawDoc):
            sources = [sources]
        items = list(sources)
        paths = [s for s in items if isinstance(s, str | Path)]
        if paths and len(paths) != len(items):
            raise ConfigError("E004", variable="sources", value="a mix", allowed="paths, or records, not both")
        if paths:
            return ingest_paths(paths, self.store, self.settings, outlet=outlet, on_file=on_file)
        return ingest_records(items, self.store, self.settings, outlet=outlet)

    # --- reading ---------------------------------------------------------------------

    def articles(self, *, outlet: str | None = None, language: str | None = None, since: date | None = None,
                 until: date | None = None, limit: int | None = None, offset: int = 0) -> Iterator[ArticleSummary]:
        """Articles, newest first."""
        return _keyset_pages(lambda size, after: self.store.list_articles(
            outlet=outlet, language=language, since=since, until=until, limit=size, offset=offset if after is None
            else 0, after=after), lambda a: a.article_id, limit)

    def article(self, key: str) -> Article:
        """One article, whole (its id or a unique prefix of 4+ characters)."""
        return self.store.get_article(key)

    def search(self, query: str, *, limit: int = 20, exact: bool = False, outlet: str | None = None,
               since: date | None = None, until: date | None = None) -> list[SearchHit]:
        """Articles matching a full-text query (FTS5 syntax), best first, with snippets; words match in any of
        their forms ("floods" finds "flood") unless ``exact``."""
        return self.store.search(query, limit=limit, exact=exact, outlet=outlet, since=since, until=until)

    def stories(self, *, since: date | None = None, until: date | None = None, outlet: str | None = None,
                search: str | None = None, min_size: int = 1, order: str = "size", limit: int | None = None,
                offset: int = 0) -> Iterator[StorySummary]:
        """Stories, biggest first (``order="recent"``: latest first), whose days overlap ``since``..``until``."""
        return _pages(lambda size, start: self.store.list_stories(
            outlet=outlet, search=search, min_size=min_size, since=since, until=until, order=order, limit=size,
            offset=start), limit, offset)

    def story(self, key: str) -> StoryView:
        """One story: by its id, its first characters, or the id of one of its articles."""
        return StoryView(self.store.get_story(key), self)

    def threads(self, *, outlet: str | None = None, order: str = "size", limit: int | None = None,
                offset: int = 0) -> Iterator[ThreadSummary]:
        """Threads: running storylines of several stories."""
        return _pages(lambda size, start: self.store.list_threads(outlet=outlet, order=order, limit=size,
                                                                  offset=start), limit, offset)

    def thread(self, key: str) -> ThreadSummary:
        """One thread with its stories in time order (its id, first characters, or one of its stories' ids)."""
        return self.store.get_thread(key)

    def quotes(self, *, speaker: str | None = None, outlet: str | None = None, story: str | None = None,
               kind: str | None = None, search: str | None = None, since: date | None = None,
               until: date | None = None, speaker_entity_id: str | None = None, article_id: str | None = None,
               limit: int | None = None, offset: int = 0) -> Iterator[QuoteSummary]:
        """Quotes, oldest article first: by speaker (any part of the name), outlet, story, kind, words."""
        filters = {"speaker": speaker, "outlet": outlet, "story": story, "kind": kind, "search": search,
                   "since": since, "until": until, "speaker_entity_id": speaker_entity_id, "article_id": article_id}
        return _keyset_pages(lambda size, after: self.store.list_quotes(
            limit=size, offset=offset if after is None else 0, after=after, **filters), lambda q: q.quote_id, limit)

    def trace(self, quote_id: str) -> QuoteTrace:
        """Every version of a quote anywhere in the archive (``presslens trace QUOTE_ID``)."""
        return quote_trace(self.store, quote_id)

    def entities(self, *, kind: str | None = None, search: str | None = None, limit: int | None = None,
                 offset: int = 0) -> Iterator[EntitySummary]:
        """Canonical people, organisations, works and places, most mentioned first."""
        return _pages(lambda size, start: self.store.list_entities(kind=kind, search=search, limit=size,
                                                                   offset=start), limit, offset)

    def entity(self, key: str) -> EntitySummary:
        return self.store.get_entity(key)

    def count(self, listing: str, /, **filters) -> int:
        """How many items ``listing`` (articles, stories, threads, quotes, entities) gives with these filters."""
        counters = {"articles": self.store.count_articles, "stories": self.store.count_stories,
                    "threads": self.store.count_threads, "quotes": self.store.count_quotes,
                    "entities": self.store.count_entities}
        if listing not in counters:
            raise ConfigError("E004", variable="listing", value=listing, allowed=", ".join(counters))
        return counters[listing](**filters)

    def outlets(self) -> list[tuple[str, int]]:
        """``(outlet, articles)``, largest first."""
        return self.store.outlet_counts()

    # --- exports ---------------------------------------------------------------------

    def rows(self, table: str, **filters) -> Iterator[dict]:
        """Every row of an export table as a dict (see ``export``), streamed."""
        return self.store.export(table, _export_filters(filters))

    def export(self, table: str, path: str | Path, *, format: str | None = None, bom: bool = False,
               **filters) -> Path:
        """Write ``table`` (articles, quotes, mentions, entities, stories, threads) to ``path`` as CSV, JSONL or
        Parquet (``format``, or from the suffix); ``filters``: since, until, outlet, story, speaker."""
        path = Path(path)
        fmt = format or {".csv": "csv", ".parquet": "parquet"}.get(path.suffix.lower(), "jsonl")
        chunks = export_chunks(self.rows(table, **filters), EXPORT_COLUMNS[table], fmt, bom=bom)
        with path.open("wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        return path


def quote_trace(store: Store, quote_id: str, limit: int = 200) -> QuoteTrace:
    """A stored quote's versions across the store: its index candidates checked by the aligner."""
    quote = store.get_quote(quote_id)
    texts: dict[str, str] = {}

    def text_of(article_id: str) -> str:
        if article_id not in texts:
            texts[article_id] = store.get_article(article_id).raw_text
        return texts[article_id]

    article = store.get_article(quote.article_id)
    texts[quote.article_id] = article.raw_text
    candidates = [(q, text_of(q.article_id)) for q in store.quote_candidates(quote_id, limit)]
    return trace_quote(quote, article.raw_text, candidates, article.language)


def _export_filters(filters: dict) -> ExportFilters:
    known = {"since", "until", "outlet", "story", "speaker"}
    if unknown := set(filters) - known:
        raise ConfigError("E004", variable="filter", value=", ".join(sorted(unknown)),
                          allowed=", ".join(sorted(known)))
    story = filters.pop("story", None)
    return ExportFilters(story_id=story, **filters)


def _pages(fetch: Callable[[int, int], list], limit: int | None, offset: int) -> Iterator:
    """The items ``fetch(size, offset)`` gives from ``offset`` on (at most ``limit``), a page at a time."""
    return _paged(fetch, offset, lambda at, page: at + len(page), limit)


def _keyset_pages(fetch: Callable[[int, str | None], list], key: Callable[[object], str],
                  limit: int | None) -> Iterator:
    """The items ``fetch(size, after)`` gives, each page after the last item of the one before."""
    return _paged(fetch, None, lambda _at, page: key(page[-1]), limit)


def _paged(fetch: Callable, start: object, following: Callable[[object, list], object],
           limit: int | None) -> Iterator:
    """``fetch(size, position)`` page after page, ``following(position, page)`` giving the next position."""
    left, position = limit, start
    while left is None or left > 0:
        size = PAGE if left is None else min(PAGE, left)
        page = fetch(size, position)
        yield from page
        if len(page) < size:
            return
        position = following(position, page)
        left = None if left is None else left - size


def open_archive(url: str | Path = "presslens.db", *, create: bool = True, settings: Settings | None = None
                 ) -> Archive:
    """The archive at ``url`` (a SQLite file path or any SQLAlchemy URL), created when missing unless
    ``create`` is False; other settings come from ``settings`` or the ``PRESSLENS_*`` environment."""
    settings = Settings.from_env(db_url=str(url)) if settings is None else replace(settings, db_url=str(url))
    return Archive(Store.open(settings, create=create), settings)


def analyse(text: str, *, title: str | None = None, outlet: str | None = None, url: str | None = None,
            published: date | None = None, language: str | None = None,
            settings: Settings | None = None) -> TextAnalysis:
    """Clean one text and find its quotes (speakers resolved), entities and mentions, with no store."""
    from .analysis import analyse as analyse_articles
    from .clean import clean_document

    settings = settings or Settings.from_env()
    doc = RawDoc(source="<text>", locator="", fmt="txt", text=text, title=title, url=url, outlet=outlet,
                 published=published, language=language)
    article = clean_document(doc, settings)
    found = analyse_articles([article], settings)
    entities, mentions = found.entities.get(article.article_id, ([], []))
    return TextAnalysis(article, found.quotes.get(article.article_id, []), list(entities), list(mentions))
