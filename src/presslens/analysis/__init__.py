"""The analysis of articles: entities and quotes, in two halves.

``find(articles, settings)`` is store-free and model-heavy (spaCy, the quote tagger): it can run anywhere,
a Spark executor included, and gives each article its ``Findings`` (or the error that stopped it).
``link(articles, findings, directory)`` is cheap and ordered: canonical entity ids, surnames joined to people
known from earlier articles (``directory``: the store, or none), speakers pointed at their entities.
``analyse`` is both, for articles that must all succeed.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import PresslensError
from ..records import Article, Quote
from ..settings import Settings
from .finding import clean_and_find, find_entities, find_in_articles, find_in_texts, quote_extractor, quotes_in_texts
from .findings import Findings
from .linking import Analysis, Directory, link

__all__ = ["Analysis", "Directory", "Findings", "analyse", "clean_and_find", "find", "find_entities", "find_in_texts",
           "link", "quote_extractor", "quotes_for_articles", "quotes_in_texts"]

find = find_in_articles


def analyse(articles: Sequence[Article], settings: Settings, directory: Directory | None = None) -> Analysis:
    """``link(find(...))``: entities with canonical ids and quotes for articles; raises the first document's error
    if any document fails (``find`` reports them one by one)."""
    found = find(articles, settings)
    failed = next((f for f in found if isinstance(f, PresslensError)), None)
    if failed is not None:
        raise failed
    return link(articles, found, directory)  # type: ignore[arg-type]


def quotes_for_articles(articles: Sequence[Article], settings: Settings) -> dict[str, list[Quote]]:
    """Quote records by article id; spans point into each article's original text."""
    return analyse(articles, settings).quotes
