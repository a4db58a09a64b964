"""Tell article prose from the lines around it: captions, embeds, banners, share lines.

Each rule looks at one paragraph and its neighbours; ``classify_paragraphs`` returns,
for each paragraph, the kind of boilerplate it is or ``None`` for prose.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

__all__ = ["classify_paragraphs", "ends_like_a_sentence", "is_boilerplate"]

_TERMINAL = (".", "!", "?", '"', "'", "”", "’", "»", "“", ".)", "…", ":", ";")
# Sentence ends in other scripts: CJK full stops and full-width marks, Arabic, Devanagari, Ethiopic, Armenian,
# Myanmar, Khmer, Tibetan, Greek question mark and others (Unicode Sentence_Terminal, plus colons).
_SENTENCE_ENDS = frozenset(
    "\u3002\uff61\uff0e\uff01\uff1f\uff1a\uff1b\u2026\u2025\u203c\u2047\u2048\u2049\u203d"  # CJK, general
    "\u061f\u06d4\u061b\u0964\u0965\u1362\u1367\u1368\u0589\u104b\u17d4\u17d5\u0f0d\u037e"  # other scripts
    "\ufe12\ufe52\ufe56\ufe57\ua4ff\ua60e\ua6f3\ua6f7\u166e\u0700\u0701\u0702")
_CLOSERS = frozenset("\"'’”»›")  # quotes that may follow a sentence end
_OPENING_QUOTES = ('"', "“", "„", "«", "‘", "'", "‹")

_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("trailer", re.compile(r"^(article from|originally published (at|on|in|by))\b", re.I)),
    ("share", re.compile(
        r"^(share|share (this|the) (article|story|page|post)|share (on|via) \w+( \w+)?|tweet( this)?"
        r"|email( this)?|print( this)?( article| page)?|save( for later)?|copy link"
        r"|\d*\s*comments?( \(\d+\))?|view comments|reuse this content|whatsapp|facebook|twitter)"
        r"\s*[:.]?$", re.I)),
    ("promo", re.compile(
        r"^(advertisement|advert|sponsored( content)?|promoted( content)?|most (read|popular|viewed)"
        r"|trending( now)?|related( stories| articles| content| links)?|recommended( for you)?"
        r"|you (may|might) also like|more (on this story|stories|from [\w ]{1,30})|top stories"
        r"|in other news|latest news|skip to (main )?content|back to top)\s*[:.]?$", re.I)),
    ("call to action", re.compile(
        r"^(?:(?:sign up|subscribe|follow us|follow [\w ]{1,30} on (?:twitter|x|facebook|instagram)"
        r"|click here|tap here|download (?:the|our) app|get (?:our|the) [\w ]{0,40}newsletter"
        r"|join (?:us|the conversation)|like us on|read more|see more|read next|continue reading"
        r"|read the full|listen to (?:the|this|our) (?:podcast|episode)|watch now|watch live"
        r"|see also|don'?t miss)\b|(?:watch|listen|read|related|more):)", re.I)),
    ("paywall", re.compile(
        r"\b(for subscribers only|subscribe (to|now to) (continue|read)|continue reading with"
        r"|start (your|a) free trial|thank you for (signing up|subscribing)|already a subscriber"
        r"|log ?in to (continue|read))\b", re.I)),
    ("credit", re.compile(
        r"^[\[(]?\s*(photo(graph)?s?|images?|pictures?|credit|illustration|video|graphic)s?"
        r"( credit)?\s*[:/]|^[\[(]\s*(photo|image|picture|credit)s?\b.*[\])]\s*$|^pictured\s*:"
        r"|^©|^copyright\b|\ball rights reserved\b", re.I)),
    ("byline", re.compile(
        r"^by\s+[A-Z][\w'.-]+(\s+[A-Z][\w'.-]+){0,3}\s*([,|–—-].{0,60})?$")),
    ("timestamp", re.compile(
        r"^(updated|published|last (updated|modified)|posted|first published)\b[^.]{0,50}\d", re.I)),
    ("navigation", re.compile(r"^[\w&' -]{1,30}(\s*[>›»|/]\s*[\w&' -]{1,30}){2,}$")),
    ("cookie notice", re.compile(
        r"\b(we use cookies|this (site|website) uses cookies|accept (all )?cookies"
        r"|cookie (policy|settings))\b", re.I)),
    ("embed", re.compile(
        r"^(here is|here's|here are|watch|see|check out|listen to|view|take a look at)\b"
        r".{0,80}\b(trailer|video|clip|footage|below|tweet|post|gallery|teaser|interview|above)"
        r"\b[^.!?]{0,30}[:.]?$", re.I)),
]
_IMAGE_NAME = re.compile(r"^[a-z0-9][a-z0-9 _-]*(\d+|\.(jpe?g|png|gif|webp))$")
_ALL_CAPS = re.compile(r"^[A-Z0-9 &'!:,-]{3,40}$")


def is_boilerplate(paragraph: str) -> str | None:
    """The kind of boilerplate a standalone paragraph is, or ``None`` for prose."""
    text = paragraph.strip()
    if not text:
        return None
    words = text.split()
    for kind, pattern in _RULES:
        if len(words) <= 25 and pattern.search(text):
            return kind
    if len(words) <= 8 and _IMAGE_NAME.match(text):
        return "image name"
    if _ALL_CAPS.match(text) and len(words) <= 5 and not text.endswith("."):
        return "banner"
    if not ends_like_a_sentence(text) and len(words) <= 60:
        return "unpunctuated line"
    return None


def ends_like_a_sentence(text: str) -> bool:
    """Whether a line ends with a sentence end in any script (``.``, ``。``, ``！``, ``؟``, ``।``), maybe
    followed by closing quotes and brackets (``。」``, ``！）``)."""
    if text.endswith(_TERMINAL):
        return True
    end = len(text)
    while end > 0 and (text[end - 1] in _CLOSERS or unicodedata.category(text[end - 1]) in ("Pe", "Pf")):
        end -= 1
    return end > 0 and text[end - 1] in _SENTENCE_ENDS


def classify_paragraphs(paragraphs: Sequence[str], standfirst: int | None = None) -> list[str | None]:
    """Boilerplate kind (or ``None``) for each paragraph, using its neighbours.

    ``standfirst`` is the index of the paragraph right under the title: a summary
    sentence there is prose even without a final full stop.
    """
    kinds = [is_boilerplate(p) for p in paragraphs]
    for i, text in enumerate(paragraphs):
        following = paragraphs[i + 1].strip() if i + 1 < len(paragraphs) else ""
        if kinds[i] == "embed" and following.startswith(_OPENING_QUOTES):
            kinds[i] = None  # "Watch what she said next:" introducing a quote is prose
        if i == standfirst and kinds[i] == "unpunctuated line" and _is_sentence(text):
            kinds[i] = None
        if kinds[i] == "image name" and i + 1 < len(kinds) and kinds[i + 1] is None:
            kinds[i + 1] = "caption"  # the line under an image's file name describes it
    return kinds


def _is_sentence(text: str) -> bool:
    words = text.split()
    return len(words) >= 8 and words[0][0].isupper() and not _ALL_CAPS.match(text.strip())
