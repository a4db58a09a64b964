"""Article rows as listings show them: the summary columns and the record made of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .models import ArticleRow

__all__ = ["SUMMARY_COLUMNS", "ArticleSummary", "article_summary", "display_title"]


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One line of an article listing."""

    article_id: str
    outlet: str | None
    title: str
    published: date | None
    language: str | None
    url: str | None
    fmt: str
    word_count: int

    def as_dict(self) -> dict:
        data = {k: getattr(self, k) for k in self.__slots__}
        data["published"] = self.published.isoformat() if self.published else None
        return data


# What ``article_summary`` reads, in this order (the clean text gives a title to an article without one).
SUMMARY_COLUMNS = (ArticleRow.id, ArticleRow.outlet, ArticleRow.title, ArticleRow.published,
                   ArticleRow.language, ArticleRow.url, ArticleRow.fmt, ArticleRow.word_count,
                   ArticleRow.clean_text)


def display_title(title: str | None, clean_text: str, words: int = 12) -> str:
    """The title, or the first words of the text when an article has none."""
    if title:
        return title
    head = clean_text.split()[:words]
    return " ".join(head) + ("…" if len(clean_text.split(maxsplit=words)) > words else "")


def article_summary(row) -> ArticleSummary:
    """The summary of a row that starts with the ``SUMMARY_COLUMNS``."""
    article_id, outlet, title, published, language, url, fmt, word_count, clean_text = row[:9]
    if isinstance(published, str):
        published = date.fromisoformat(published)
    return ArticleSummary(article_id, outlet, display_title(title, clean_text), published,
                          language, url, fmt, word_count)
