"""Plain-text articles: an optional ``date`` header, a title line, trailers.

The header is ``date`` and an ISO or day/month/year date (the body may follow on the same line), or
``date`` and any readable date alone on its line (``date: March 6, 2024``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..records import RawDoc
from .dates import note_date, read_when
from .meta import host_of
from .registry import Reader, register

_NUMERIC_DATE = (r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
                 r"|\d{1,2}[/.]\d{1,2}[/.]\d{4}")
_DATE_HEADER = re.compile(rf"\A\s*date[ \t]*:?[ \t]+({_NUMERIC_DATE})(?![\w/:-]|\.\d)[ \t]*\n?[ \t]*", re.IGNORECASE)
_DATE_LINE = re.compile(r"\A\s*date[ \t]*:?[ \t]+([^\n]{3,60}?)[ \t]*(?:\n[ \t]*|\Z)", re.IGNORECASE)
_TRAILER = re.compile(
    r"^[ \t]*(?:article from|originally published (?:at|on|in|by)|source|read the original"
    r"(?: article)?)[ \t]*:?[ \t]*(?P<url>https?://\S+)?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_PARAGRAPH = re.compile(r"[^\n]+(?:\n[ \t]*[^\s][^\n]*)*")
_MAX_TITLE_LINES = 3
_NOT_A_HEADING_END = (".", "!", ":", ";", ",", "。", "！", "：", "；", "，", "、", "｡")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")  # kana and ideographs


def read_txt(text: str, source: str, locator: str = "") -> Iterator[RawDoc]:
    """One article from a plain-text file."""
    doc = RawDoc(source=source, locator=locator, fmt="txt", text=text)
    body_start = _read_date_header(doc)
    body_end = _read_trailer(doc, body_start)
    _read_title(doc, body_start, body_end)
    yield doc


def _read_date_header(doc: RawDoc) -> int:
    """Read a ``date`` header into ``doc``; where the body starts."""
    match = _DATE_HEADER.match(doc.text)
    if not match:
        match = _DATE_LINE.match(doc.text)
        if not match or read_when(match[1]) is None:
            return 0
    note_date(doc, match[1])
    doc.skip_spans.append((match.start(), match.end()))
    return match.end()


def _read_trailer(doc: RawDoc, body_start: int) -> int:
    """Find an ``Article from:`` style trailer near the end; skip it and all after it."""
    tail_start = max(body_start, _start_of_last_lines(doc.text, 4))
    match = _TRAILER.search(doc.text, tail_start)
    if not match:
        return len(doc.text)
    if match["url"]:
        doc.url = match["url"].rstrip(").,;")
        doc.outlet = host_of(doc.url)
    doc.skip_spans.append((match.start(), len(doc.text)))
    return match.start()


def _read_title(doc: RawDoc, body_start: int, body_end: int) -> None:
    """The title is the first heading-like paragraph at the top that is not a banner.

    Above it may stand site banners and section kickers ("NATIONAL NEWS", "Fan Zone:
    the voice of ..."); below it, a standfirst, which stays in the body.
    """
    heading: re.Match[str] | None = None
    for count, para in enumerate(_PARAGRAPH.finditer(doc.text, body_start, body_end)):
        if count >= _MAX_TITLE_LINES or not is_heading_like(para[0]):
            break
        if not is_banner_like(para[0]):
            heading = para
            break
    if heading is None or heading.end() >= body_end - 1:
        return
    doc.title = heading[0].strip()
    doc.skip_spans.append((heading.start(), heading.end()))


def is_heading_like(paragraph: str) -> bool:
    """A one-line paragraph of 2-30 words that does not end like a sentence.

    In Chinese and Japanese, written without spaces, two characters count as a word.
    """
    line = paragraph.strip()
    if "\n" in line or len(line) > 200:
        return False
    return 2 <= _word_count(line) <= 30 and not line.endswith(_NOT_A_HEADING_END)


def _word_count(line: str) -> int:
    """Words split by spaces, with each run of two kana or ideographs counted as one."""
    cjk = len(_CJK.findall(line))
    if not cjk:
        return len(line.split())
    return len(_CJK.sub(" ", line).split()) + (cjk + 1) // 2


def is_banner_like(line: str) -> bool:
    """A site banner or section kicker rather than a headline."""
    line = line.strip()
    letters = [ch for ch in line if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        return True
    if " | " in line:
        return True
    words = re.findall(r"[A-Za-z][\w'’-]*", line)
    capitalised = sum(w[0].isupper() for w in words if len(w) > 3)
    long_words = sum(len(w) > 3 for w in words)
    if line.endswith(")") and long_words and capitalised == long_words:
        return True
    kicker = re.match(r"^([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}): ([a-z])", line)
    return kicker is not None


def _start_of_last_lines(text: str, count: int) -> int:
    end = len(text.rstrip())
    for _ in range(count):
        end = text.rfind("\n", 0, end)
        if end < 0:
            return 0
        while end > 0 and text[end - 1] == "\n":
            end -= 1
    return end


register(Reader("txt", read_txt, extensions=(".txt", ".text"), fallback=True))
