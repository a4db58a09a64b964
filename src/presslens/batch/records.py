"""The batch output's tables: analysed articles, their quotes and their entity mentions, as Parquet rows.

Rows hold what the model-heavy half of the analysis found (``analysis.Findings``, as its own rows), before the
findings are linked to people known from other articles: that linking is ordered and cheap, and
runs when the output is loaded (``presslens load``), exactly as a single-process ingest runs it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

import pyarrow as pa

from ..analysis.findings import Findings
from ..entities import LocalEntity
from ..quotes import FoundQuote
from ..records import Article, OffsetMap, Span

FORMAT_VERSION = 2

ARTICLES = pa.schema([
    ("batch", pa.int64()), ("position", pa.int64()), ("article_id", pa.string()), ("source", pa.string()),
    ("fmt", pa.string()), ("outlet", pa.string()), ("outlet_domain", pa.string()), ("url", pa.string()),
    ("title", pa.string()), ("published", pa.string()), ("language", pa.string()), ("raw_text", pa.string()),
    ("clean_text", pa.string()), ("offset_map", pa.string()), ("removed", pa.string()), ("vector", pa.binary()),
    ("published_at", pa.string()),
])
_OWNER = [("batch", pa.int64()), ("article", pa.int64()), ("article_id", pa.string())]
QUOTES = pa.schema([
    *_OWNER, ("position", pa.int64()), ("content_start", pa.int64()), ("content_end", pa.int64()),
    ("kind", pa.string()), ("source_start", pa.int64()), ("source_end", pa.int64()), ("cue_start", pa.int64()),
    ("cue_end", pa.int64()), ("speaker_name", pa.string()), ("speaker_role", pa.string()), ("channel", pa.string()),
])
MENTIONS = pa.schema([
    *_OWNER, ("entity", pa.int64()), ("entity_kind", pa.string()), ("name", pa.string()), ("key", pa.string()),
    ("roles", pa.list_(pa.string())), ("evidence", pa.list_(pa.string())), ("position", pa.int64()),
    ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string()), ("kind", pa.string()),
    ("found_by", pa.string()), ("expands", pa.string()),
])
TABLES = {"articles": ARTICLES, "quotes": QUOTES, "mentions": MENTIONS}


@dataclass
class AnalysedArticle:
    """One article as the batch job leaves it: where it sits in ingest order, and what was found in it."""

    batch: int
    position: int
    article: Article
    entities: list[LocalEntity]
    quotes: list[FoundQuote]
    vector: bytes | None = None


def article_row(item: AnalysedArticle) -> dict:
    a = item.article
    return {"batch": item.batch, "position": item.position, "article_id": a.article_id, "source": a.source,
            "fmt": a.fmt, "outlet": a.outlet, "outlet_domain": a.outlet_domain, "url": a.url, "title": a.title,
            "published": a.published.isoformat() if a.published else None, "language": a.language,
            "raw_text": a.raw_text, "clean_text": a.clean_text, "offset_map": json.dumps(a.offset_map.segments),
            "removed": json.dumps([[s.start, s.end, s.text] for s in a.removed]), "vector": item.vector,
            "published_at": a.published_at.isoformat() if a.published_at else None}


def quote_rows(item: AnalysedArticle) -> list[dict]:
    return [{**_owner(item), **row} for row in Findings(item.entities, item.quotes).quote_rows()]


def mention_rows(item: AnalysedArticle) -> list[dict]:
    """One row a mention; an entity without mentions still gets one row (position -1)."""
    return [{**_owner(item), **row} for row in Findings(item.entities, item.quotes).mention_rows()]


def _owner(item: AnalysedArticle) -> dict:
    """The article a quote or mention row belongs to: by place, as one input may hold an article twice."""
    return {"batch": item.batch, "article": item.position, "article_id": item.article.article_id}


def read_analysed(articles: pa.Table, quotes: pa.Table, mentions: pa.Table) -> list[AnalysedArticle]:
    """The rows back as analysed articles, in ingest order."""
    quotes_of: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for row in quotes.to_pylist():
        quotes_of[row["batch"], row["article"]].append(row)
    mentions_of: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for row in mentions.to_pylist():
        mentions_of[row["batch"], row["article"]].append(row)
    items = []
    for row in articles.to_pylist():
        place = (row["batch"], row["position"])
        found = Findings.from_rows(quotes_of[place], mentions_of[place])
        items.append(AnalysedArticle(*place, _article(row), found.entities, found.quotes, row["vector"]))
    return sorted(items, key=lambda i: (i.batch, i.position))


def _article(row: dict) -> Article:
    return Article(row["article_id"], row["outlet"], row["url"], row["title"],
                   date.fromisoformat(row["published"]) if row["published"] else None, row["language"],
                   row["raw_text"], row["clean_text"], OffsetMap([tuple(s) for s in json.loads(row["offset_map"])]),
                   source=row["source"], fmt=row["fmt"], outlet_domain=row["outlet_domain"],
                   removed=[Span(*s) for s in json.loads(row["removed"])],
                   published_at=datetime.fromisoformat(row["published_at"]) if row["published_at"] else None)
