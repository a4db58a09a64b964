"""Quote tracing across the archive: every version of a quotation, whatever its story, outlet or date.

Each stored quote gets a MinHash signature (datasketch) of its words said (``align.words_said``: quoted words,
folded; word pairs holding a content word) cut into LSH bands: ``BANDS`` bands of ``ROWS`` rows, so two quotes
whose word pairs overlap by a Jaccard of 0.5 share a band 64% of the time, by 0.7 99%. A trimmed version of a
long quote overlaps it little, so each quote is also indexed under its word triples holding two content words
(anchors, at most ``ANCHORS``): one shared triple makes a candidate. The store keeps these 64-bit keys beside
the quotes (``quote_bands``) as articles arrive: adding a quote costs its signature and at most
``BANDS + ANCHORS`` index rows whatever the store holds, and finding its candidates as many index lookups.
Every candidate is then checked by the aligner (``align.align``), the same rules as the brief, so a version is
a same-quote pair, not a fuzzy neighbour.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from .. import lang
from ..lang import Language
from .align import Alignment, QuoteSide, align, words_said
from .text import content_keys, context_of, words

PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
SEED = 7
MIN_WORDS = 3  # a quote of fewer words said ("confidential") is a word in quotation marks, nothing to trace
ANCHORS = 64  # word-triple keys a quote is indexed under, at most (a quote of some 80 words has them all)


def band_keys(text: str, language: Language | str | None = None) -> list[int]:
    """The index keys of a quotation's words said, as signed 64-bit integers: its ``BANDS`` LSH band keys, then an
    anchor key for each of its word triples holding two content words, at most ``ANCHORS`` (the smallest: the same
    triples for the same text). Bands find rewordings of a whole quote; anchors find a short part of a long one
    ("gets away clean" in a two-sentence quote), which shares too few word pairs with it for a band. None for a
    quotation of fewer than ``MIN_WORDS`` words said or with no content word."""
    language = lang.as_language(language)
    said = words(words_said(text, language), language=language)
    keys = [w.key for w in said]
    content = content_keys(said, language)
    shingles = _shingles(keys, content) if len(keys) >= MIN_WORDS else set()
    if not shingles:
        return []
    from datasketch import MinHash

    signature = MinHash(num_perm=PERMUTATIONS, seed=SEED)
    signature.update_batch([s.encode("utf-8") for s in sorted(shingles)])
    values = np.asarray(signature.hashvalues, dtype=np.uint64)
    bands = [_key(bytes([band]) + values[band * ROWS:(band + 1) * ROWS].tobytes()) for band in range(BANDS)]
    anchors = sorted(_key(b"t" + triple.encode("utf-8")) for triple in _triples(keys, content))[:ANCHORS]
    return list(dict.fromkeys(bands + anchors))


def _key(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big", signed=True)


def _triples(keys: Sequence[str], content: set[str]) -> set[str]:
    """Word triples (folded words said) that hold two content words or more."""
    return {" ".join(keys[i:i + 3]) for i in range(len(keys) - 2) if sum(k in content for k in keys[i:i + 3]) >= 2}


def _shingles(keys: Sequence[str], content: set[str]) -> set[str]:
    """Word pairs that hold a content word (a one-word quote: the word itself)."""
    if len(keys) == 1:
        return set(keys) & content
    return {f"{a} {b}" for a, b in itertools.pairwise(keys) if a in content or b in content}


@dataclass(frozen=True, slots=True)
class QuoteVersion:
    """A version of a quotation: where and when it appeared, who it was given to, and how it differs."""

    quote_id: str
    article_id: str
    outlet: str | None
    published: date | None
    speaker: str | None
    text: str
    alignment: Alignment | None = None  # against the traced quote (None for the traced quote itself)

    def as_dict(self) -> dict:
        out = {"quote_id": self.quote_id, "article_id": self.article_id, "outlet": self.outlet,
               "published": self.published.isoformat() if self.published else None, "speaker": self.speaker,
               "text": self.text}
        if self.alignment is not None:
            out |= {"class": self.alignment.kind, "other_speaker": self.alignment.speaker_conflict,
                    "diff": [d.as_dict() for d in self.alignment.diff if d.op != "equal"]}
        return out


@dataclass
class QuoteTrace:
    """A quote and its versions anywhere in the store, in publication order."""

    quote: QuoteVersion
    versions: list[QuoteVersion] = field(default_factory=list)  # the same quote elsewhere
    other_speakers: list[QuoteVersion] = field(default_factory=list)  # the same words given to someone else

    @property
    def earliest(self) -> QuoteVersion:
        """The first publisher seen (undated versions last)."""
        return min([self.quote, *self.versions], key=lambda v: (v.published is None, v.published or date.max))

    def outlets_by_class(self, kind: str) -> list[str]:
        """Outlets whose version has this class against the traced quote ("trimmed", "altered")."""
        return sorted({v.outlet or "?" for v in self.versions if v.alignment and v.alignment.kind == kind})

    def as_dict(self) -> dict:
        earliest = self.earliest
        return {"quote": self.quote.as_dict(), "versions": [v.as_dict() for v in self.versions],
                "earliest": {"quote_id": earliest.quote_id, "outlet": earliest.outlet,
                             "published": earliest.published.isoformat() if earliest.published else None},
                "outlets": sorted({v.outlet or "?" for v in [self.quote, *self.versions]}),
                "trimmed_by": self.outlets_by_class("trimmed"), "altered_by": self.outlets_by_class("altered"),
                "other_speakers": [v.as_dict() for v in self.other_speakers]}


def trace(quote: QuoteVersion, context: str, candidates: Sequence[tuple[QuoteVersion, str]],
          language: Language | str | None = None) -> QuoteTrace:
    """Check each candidate (a version and its context) against the quote with the aligner: a same-quote pair is a
    version; the same words given to another speaker are listed apart. Publication order, then quote id."""
    language = lang.as_language(language)
    side = _side(quote, context)
    found = QuoteTrace(quote)
    for candidate, candidate_context in candidates:
        if candidate.article_id == quote.article_id:
            continue  # the article's own other quotes are no versions of it
        result = align(side, _side(candidate, candidate_context), language=language)
        version = QuoteVersion(candidate.quote_id, candidate.article_id, candidate.outlet, candidate.published,
                               candidate.speaker, candidate.text, result)
        if result.same_quote:
            found.versions.append(version)
        elif result.speaker_conflict:
            found.other_speakers.append(version)
    order = lambda v: (v.published is None, v.published or date.max, v.quote_id)  # noqa: E731
    found.versions.sort(key=order)
    found.other_speakers.sort(key=order)
    return found


def trace_quote(quote, text: str, candidates: Sequence[tuple[object, str]],
                language: Language | str | None = None) -> QuoteTrace:
    """``trace`` for stored quotes (``QuoteSummary``: quote_id, article_id, outlet, published, speaker_name,
    content, content_start, content_end) with their articles' original texts."""
    return trace(version_of(quote), context_of(text, quote.content_start, quote.content_end),
                 [(version_of(q), context_of(t, q.content_start, q.content_end)) for q, t in candidates], language)


def version_of(quote) -> QuoteVersion:
    """A stored quote (``QuoteSummary``) as a version."""
    return QuoteVersion(quote.quote_id, quote.article_id, quote.outlet, quote.published,
                        quote.speaker_name or quote.speaker, quote.content)


def _side(version: QuoteVersion, context: str) -> QuoteSide:
    return QuoteSide(version.text, context, version.speaker, None, version.outlet, version.published)
