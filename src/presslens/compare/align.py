"""Quote alignment: is this the same quotation in two articles, and how was it changed?

A pair is compared on its words (folded: case, accents, quotation marks and
British/American spelling do not count) with a word alignment (difflib's
longest-matching-blocks), and on meaning with MiniLM sentence embeddings, so
that reported speech of a direct quote is still found. The class says how the
texts relate:

- ``verbatim``: the same words;
- ``trimmed``: one is a part of the other (or parts of it in order, spliced);
- ``altered``: mostly the same words, some changed, added or dropped;
- ``paraphrase``: the same statement in other words;
- ``different``: another statement.

*Same quote* further needs the same speaker (when both are named) and the same
occasion: the same line from two speakers is flagged as a speaker conflict, and
a line repeated at another event (named in the context, or weeks apart without
"previously"/"earlier") is another quote.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

import numpy as np

from .. import lang
from ..entities.names import looks_like_person_name, organisation_key, person_key, spelling_variants
from ..lang import Language
from ..lang.patterns import one_of
from .text import Word, content_keys, quoted_fragments, words

CLASSES = ("verbatim", "trimmed", "altered", "paraphrase", "different")
ALTERED_COVER = 0.6       # share of the shorter text's words found, in order, in the longer one
ALTERED_BLOCK = 2.0       # ... in matching runs this long on average
PARAPHRASE_COSINE = 0.72  # embedding cosine for a paraphrase with few shared words
PARAPHRASE_MIXED = 0.5    # cosine when the words overlap a little (cover >= 0.3) or a quoted fragment is shared
SPLICE_WORDS = 4          # a cut of fewer words, with no ellipsis, is an alteration rather than a splice
OCCASION_DAYS = 14        # further apart than this, a repeated line is a new occasion unless marked as earlier
QUOTED_WORDS = 3  # quoted words that make a quotation (fewer: a scare quote, "edgy", and all the words count)
NEAR_VERBATIM_COVER = 0.9  # an alteration keeping this share of the longer text's words is the same wording


@lru_cache(maxsize=8)
def _occasion_patterns(language: Language) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A language's marks of an earlier occasion ("previously", "in January"), of a named event, and of a line
    said again ("repeating the phrase she used")."""
    earlier = re.compile(rf"\b(?:{one_of(language.earlier_markers)})\b", re.IGNORECASE)
    event = re.compile(
        rf"\b(?:{one_of(language.event_prepositions)})\s+(?:{one_of(language.event_determiners)})?\s*"
        rf"(?:[\w-]+\s+){{0,3}}?(?P<event>{one_of(language.event_nouns)})\b", re.IGNORECASE)
    again = re.compile(rf"\b(?:{one_of(language.repeat_markers)})\b", re.IGNORECASE)
    return earlier, event, again


@dataclass(frozen=True, slots=True)
class QuoteSide:
    """One side of a pair: the quotation, what surrounds it, who said it, where and when."""

    text: str
    context: str = ""
    speaker: str | None = None
    speaker_id: str | None = None
    outlet: str | None = None
    published: date | None = None


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One step of a word-level diff from side a to side b."""

    op: str  # equal | delete | insert | replace
    a: str
    b: str

    def as_dict(self) -> dict:
        return {"op": self.op, "a": self.a, "b": self.b}


@dataclass(slots=True)
class Alignment:
    """How two quotations relate."""

    same_quote: bool
    kind: str
    score: float
    cover: float
    cosine: float | None
    speaker_conflict: bool = False
    other_occasion: bool = False
    diff: list[DiffOp] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"same_quote": self.same_quote, "class": self.kind, "score": round(self.score, 4),
                "cover": round(self.cover, 4), "cosine": None if self.cosine is None else round(self.cosine, 4),
                "speaker_conflict": self.speaker_conflict, "other_occasion": self.other_occasion,
                "diff": [d.as_dict() for d in self.diff]}


@dataclass(frozen=True, slots=True)
class WordMatch:
    """The word alignment of two texts."""

    ops: list[tuple[str, int, int, int, int]]
    matched: int
    blocks: int
    shorter: int
    longer: int
    small_gaps: int = 0  # words left out of the longer text in runs too short to be a splice

    @property
    def cover(self) -> float:
        """Share of the shorter text's words matched in order in the longer one."""
        return self.matched / self.shorter if self.shorter else 0.0

    @property
    def mean_block(self) -> float:
        return self.matched / self.blocks if self.blocks else 0.0


def match_words(a: Sequence[Word], b: Sequence[Word], text_a: str = "", text_b: str = "") -> WordMatch:
    """Align two word sequences on their folded keys (texts given: an ellipsis marks a splice)."""
    keys_a, keys_b = [w.key for w in a], [w.key for w in b]
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    blocks = [m for m in matcher.get_matching_blocks() if m.size]
    matched = sum(m.size for m in blocks)
    longer_is_a = len(a) > len(b)
    short_words, short_text = (b, text_b) if longer_is_a else (a, text_a)
    small_gaps = 0
    for left, right in itertools.pairwise(blocks):
        gap = (right.a - left.a - left.size) if longer_is_a else (right.b - left.b - left.size)
        cut = (right.b if longer_is_a else right.a)
        if 0 < gap < SPLICE_WORDS and not _ellipsis_before(short_words, cut, short_text):
            small_gaps += gap
    return WordMatch(matcher.get_opcodes(), matched, len(blocks), min(len(a), len(b)), max(len(a), len(b)),
                     small_gaps)


def _ellipsis_before(items: Sequence[Word], index: int, text: str) -> bool:
    if not text or not 0 < index < len(items):
        return False
    between = text[items[index - 1].end:items[index].start]
    return "..." in between or "…" in between or "[" in between


def word_diff(a: Sequence[Word], b: Sequence[Word], match: WordMatch) -> list[DiffOp]:
    """The diff as runs of original words ("equal", "replace", "delete", "insert")."""
    def run(items: Sequence[Word], i: int, j: int) -> str:
        return " ".join(w.text for w in items[i:j])
    return [DiffOp(tag, run(a, i1, i2), run(b, j1, j2)) for tag, i1, i2, j1, j2 in match.ops]


def text_class(match: WordMatch, cosine: float | None, shared_fragment: bool, both_direct: bool = False) -> str:
    """How two texts relate, from their word alignment and embedding cosine. Two direct quotations
    in other words are two utterances, not a paraphrase: a direct quote gives the words said."""
    if match.shorter == 0:
        return "different"
    if match.matched == match.shorter == match.longer:
        return "verbatim"
    if match.cover == 1.0 and not match.small_gaps and (match.blocks <= 3 or match.mean_block >= 3):
        return "trimmed"
    if match.cover >= ALTERED_COVER and match.mean_block >= ALTERED_BLOCK:
        return "altered"
    if cosine is not None and not both_direct:
        if cosine >= PARAPHRASE_COSINE:
            return "paraphrase"
        if cosine >= PARAPHRASE_MIXED and (match.cover >= 0.3 or shared_fragment):
            return "paraphrase"
    return "different"


_OPENING = "\"“«„‘'‚"


def is_direct(text: str) -> bool:
    """Whether a quotation is given in quotation marks (a direct quote), not as reported speech."""
    text = text.strip()
    return len(text) > 2 and text[0] in _OPENING


def shares_fragment(a: str, b: str, language: Language = lang.DEFAULT) -> bool:
    """Whether a quoted fragment of one text (a mixed quote's verbatim part) appears in the other."""
    folded_a, folded_b = _folded(a, language), _folded(b, language)
    for fragment, other in [(f, folded_b) for f in quoted_fragments(a)] + [(f, folded_a) for f in quoted_fragments(b)]:
        key = _folded(fragment, language)
        if key and content_keys(words(fragment, language=language), language) and f" {key} " in f" {other} ":
            return True
    return False


def _folded(text: str, language: Language = lang.DEFAULT) -> str:
    return " ".join(w.key for w in words(text, language=language))


def speakers_agree(a: QuoteSide, b: QuoteSide, language: Language = lang.DEFAULT) -> bool | None:
    """True when the two speakers are the same, False when clearly not, None when unknown."""
    if a.speaker_id and a.speaker_id == b.speaker_id:
        return True
    name_a, name_b = _speaker_name(a.speaker, language), _speaker_name(b.speaker, language)
    if not name_a or not name_b:
        return None
    words_a, words_b = set(person_key(name_a, language).split()), set(person_key(name_b, language).split())
    if words_a <= words_b or words_b <= words_a or organisation_key(name_a, language) == organisation_key(
            name_b, language):
        return True
    if _same_person_spelt_differently(name_a, name_b, language):
        return True
    person_a, person_b = _is_person(name_a, language), _is_person(name_b, language)
    if person_a and person_b:
        return False
    if person_a != person_b:  # a person and an organisation: the same voice if the person works there
        person, organisation = (a, name_b) if person_a else (b, name_a)
        return True if _affiliated(person, organisation, language) else None
    return False if _is_name(name_a) and _is_name(name_b) else None


def _same_person_spelt_differently(name_a: str, name_b: str, language: Language = lang.DEFAULT) -> bool:
    """"Juergen Albers" / "Jürgen Albers", "Raphael Sousa" / "Rafael Sousa" (the entities stage's spelling
    variants), or "J. Albers" / "Jürgen Albers" (an initial); never "Daniel" / "Danielle Smith"."""
    if not (_is_person(name_a, language) and _is_person(name_b, language)):
        return False
    if spelling_variants(name_a, name_b, language):
        return True
    first_a, *_, last_a = person_key(name_a, language).split()
    first_b, *_, last_b = person_key(name_b, language).split()
    initial = len(first_a) == 1 or len(first_b) == 1
    return initial and last_a == last_b and first_a[:1] == first_b[:1]


def _speaker_name(speaker: str | None, language: Language) -> str | None:
    if not speaker:
        return None
    name = speaker.split(",")[0].strip()
    return None if name.lower() in language.speaker_pronouns else name


def _is_person(name: str, language: Language = lang.DEFAULT) -> bool:
    return looks_like_person_name(name, language)


def _is_name(name: str) -> bool:
    return name[:1].isupper()


AFFILIATION_REACH = 80  # characters between a person's name and their organisation's ("Barmack, VP ... at Netflix")


def _affiliated(person: QuoteSide, organisation: str, language: Language) -> bool:
    """Whether a named organisation ("Netflix", not "survivors of abuse") is named beside the person, as their
    organisation: near the name with no cue between ("Lynch said that the FBI's probe" is what she spoke of)."""
    particles = language.organisation_particles
    proper = all(w[:1].isupper() for w in organisation.split() if w.lower() not in particles)
    named = organisation.split()
    while named and named[0].lower() in language.definite_articles:
        named = named[1:]
    surname = (_speaker_name(person.speaker, language) or "").split()[-1:]
    if not (proper and named and surname and person.context):
        return False
    context, verb = person.context, _speech_verb(language)
    names = [m.span() for m in re.finditer(rf"\b{re.escape(surname[0])}\b", context)]
    for found in re.finditer(rf"\b{re.escape(' '.join(named))}\b", context, re.IGNORECASE):
        for start, end in names:
            between = context[min(end, found.end()):max(start, found.start())]
            if len(between) <= AFFILIATION_REACH and not verb.search(between):
                return True
    return False


@lru_cache(maxsize=8)
def _speech_verb(language: Language) -> re.Pattern[str]:
    cues = (*language.speech_verbs, *language.reporting_verbs, *language.complementisers)
    return re.compile(rf"\b(?:{one_of(cues)})\b", re.IGNORECASE)


def same_occasion(a: QuoteSide, b: QuoteSide, language: Language = lang.DEFAULT, explicit_only: bool = False) -> bool:
    """False when a side says the line was said again ("repeating the phrase she used"), when the contexts name two
    different events, when one names an event that the other article was published too early to report, or when
    the dates are far apart (unless a side marks the line as said earlier: "previously", "in January").

    With ``explicit_only`` (the same words from the same speaker: strong evidence of one utterance) only explicit,
    specific evidence splits: a line said again, or two different events; never dates, nor one event named."""
    marks, _, again = _occasion_patterns(language)
    if again.search(a.context) or again.search(b.context):
        return False
    events_a, events_b = _events(a.context, language), _events(b.context, language)
    if events_a and events_b:
        return bool(events_a & events_b)
    if explicit_only or not (a.published and b.published) or marks.search(a.context) or marks.search(b.context):
        return True
    days = (b.published - a.published).days
    if abs(days) > OCCASION_DAYS:
        return False
    # the later article reports an event the earlier one could not have quoted
    return not ((events_a and days < -1) or (events_b and days > 1))


def _events(context: str, language: Language) -> set[str]:
    _, event, _ = _occasion_patterns(language)
    return {m.group("event").lower() for m in event.finditer(context)}


def align(a: QuoteSide, b: QuoteSide, cosine: float | None = None, language: Language | str | None = None) -> Alignment:
    """Compare two quotations (``cosine``: their embedding cosine, when known) by the rules of ``language``
    (a code or a ``Language``; English when not given).

    The words compared are those said: a reporting clause inside the span ("..., the minister said, ...") is left
    out, and when either side holds quotation marks only the quoted words count on that side (a mixed quote is
    verbatim as far as its quotation goes). A pronoun speaker ("he") is first resolved from the side's context.
    The same words from one speaker are one utterance unless the two sides name two different events."""
    language = lang.as_language(language)
    a, b = with_named_speaker(a, language), with_named_speaker(b, language)
    said_a, said_b = words_said(a.text, language), words_said(b.text, language)
    words_a, words_b = words(said_a, language=language), words(said_b, language=language)
    match = match_words(words_a, words_b, said_a, said_b)
    fragment = shares_fragment(a.text, b.text, language)
    kind = text_class(match, cosine, fragment, is_direct(a.text) and is_direct(b.text))
    agree = speakers_agree(a, b, language)
    lifted = _lifted(a.text, b.text, words_b, language) or _lifted(b.text, a.text, words_a, language)
    if lifted and (kind in ("paraphrase", "altered") or (kind == "different" and agree)):
        kind = "trimmed"  # "called it a “disaster”" beside the whole sentence it comes from
    same_wording = kind in ("verbatim", "trimmed") or (
        kind == "altered" and match.matched >= NEAR_VERBATIM_COVER * match.longer)
    occasion = same_occasion(a, b, language, explicit_only=bool(agree) and same_wording)
    related = kind != "different"
    score = _score(match, cosine, fragment)
    return Alignment(
        # two named voices not known to be one ("anti-Trump forces" / "the non-Trump candidates") are two quotes
        same_quote=related and (agree or (agree is None and not (
            _speaker_name(a.speaker, language) and _speaker_name(b.speaker, language)))) and occasion
        and (kind != "paraphrase" or agree or fragment),
        kind=kind, score=score, cover=match.cover, cosine=cosine,
        speaker_conflict=related and kind != "paraphrase" and agree is False,
        other_occasion=related and not occasion,
        diff=word_diff(words_a, words_b, match) if related else [],
    )


def words_said(text: str, language: Language = lang.DEFAULT) -> str:
    """What a quotation span says, for comparing: its quoted words when it holds quotation marks (joined by an
    ellipsis, so the cut reads as a splice), else the span without a reporting clause set off inside it
    ("The plan, the minister said, was sound")."""
    text = _double_marks(text)
    fragments = quoted_fragments(text)
    tail = _unclosed_tail(text)  # a span cut before its quotation closes: "... said Whitcombe. “But this is"
    if tail and fragments:
        fragments.append(tail)
    if sum(len(fragment.split()) for fragment in fragments) >= QUOTED_WORDS:
        return " … ".join(fragments)
    return _inner_clause(language).sub(" ", text)


def _double_marks(text: str) -> str:
    """Two apostrophes read as a quotation mark (The New York Times: ''like this'')."""
    return text.replace("''", '"')


def _lifted(text: str, other_text: str, other: Sequence[Word], language: Language) -> bool:
    """Whether a side quotes only a word or two ("“disaster”", "“textbook definition”") and each such fragment is
    a run of the other side's words said, in order: a quotation trimmed to its key words. Not when the other side
    quotes only a word or two as well: two reports around one phrase ("had been “heavily diluted”")."""
    fragments, other_fragments = _short_fragments(text, language), _short_fragments(other_text, language)
    if not fragments or not all(fragments) or other_fragments:
        return False
    keys, at = [w.key for w in other], 0
    for fragment in fragments:
        run = [w.key for w in fragment]
        found = next((i for i in range(at, len(keys) - len(run) + 1) if keys[i:i + len(run)] == run), None)
        if found is None:
            return False
        at = found + len(run)
    return True


def _short_fragments(text: str, language: Language) -> list[list[Word]]:
    """The words of each quoted fragment when, together, they are too few to be the words said (else none)."""
    fragments = [words(f, language=language) for f in quoted_fragments(_double_marks(text))]
    return fragments if sum(len(f) for f in fragments) < QUOTED_WORDS else []


def _unclosed_tail(text: str) -> str | None:
    """What follows a quotation mark that opens and never closes, at the end of a span."""
    marks = [(i, c) for i, c in enumerate(text) if c in "\"“”«»„‟"]
    if not marks:
        return None
    at, mark = marks[-1]
    german_close = mark == "“" and len(marks) > 1 and marks[-2][1] == "„"  # „...“
    opening = (mark in "«„" or (mark == "“" and not german_close)
               or (mark == '"' and text.count('"') % 2 == 1))
    tail = text[at + 1:].strip()
    return tail if opening and len(tail.split()) >= 2 else None


@lru_cache(maxsize=8)
def _inner_clause(language: Language) -> re.Pattern[str]:
    """A reporting clause set off by commas inside a span: ", the minister said," / ", said Ms Ortiz,"."""
    verbs = one_of(language.speech_verbs)
    who = (rf"(?:{one_of(sorted(language.speaker_pronouns))}|(?:{one_of(language.definite_articles)})\s+[\w'’-]+"
           rf"(?:\s+[\w'’-]+)?|[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}})")
    return re.compile(rf",\s*(?:{who}\s+(?:{verbs})|(?:{verbs})\s+{who})\s*,", re.IGNORECASE)


def with_named_speaker(side: QuoteSide, language: Language = lang.DEFAULT) -> QuoteSide:
    """The side with a pronoun speaker ("he") replaced by the person its context names last before the quote."""
    if not side.speaker or side.speaker.strip().lower() not in language.speaker_pronouns or not side.context:
        return side
    at = side.context.find(side.text[:40]) if side.text else -1
    before = side.context[:at] if at > 0 else side.context
    names = [m.group() for m in _CAPITALISED.finditer(before) if looks_like_person_name(m.group(), language)]
    return replace(side, speaker=names[-1]) if names else side


_CAPITALISED = re.compile(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}")


def _score(match: WordMatch, cosine: float | None, fragment: bool) -> float:
    """How alike the two texts are, 0 to 1: the better of word cover and meaning."""
    lexical = match.cover * min(1.0, match.mean_block / ALTERED_BLOCK)
    meaning = max(0.0, cosine) if cosine is not None else 0.0
    return float(max(lexical, meaning, 0.75 if fragment else 0.0))


def align_pairs(pairs: Sequence[tuple[QuoteSide, QuoteSide]], encoder=None) -> list[Alignment]:
    """Align many pairs, embedding every distinct text once (``encoder``: a SentenceEncoder or None)."""
    cosines = pair_cosines([(a.text, b.text) for a, b in pairs], encoder)
    return [align(a, b, cos) for (a, b), cos in zip(pairs, cosines, strict=True)]


def pair_cosines(pairs: Sequence[tuple[str, str]], encoder=None) -> list[float | None]:
    """Embedding cosine of each text pair (None for all when there is no encoder)."""
    if encoder is None or not pairs:
        return [None] * len(pairs)
    similarity = cosine_matrix([t for pair in pairs for t in pair], encoder)
    return [float(similarity[2 * i, 2 * i + 1]) for i in range(len(pairs))]


def cosine_matrix(texts: Sequence[str], encoder) -> np.ndarray:
    """Cosines between every two of ``texts``, each distinct text embedded once."""
    distinct = sorted({_for_embedding(t) for t in texts})
    index = {t: i for i, t in enumerate(distinct)}
    vectors = np.asarray(encoder.encode(distinct), dtype=np.float32)
    rows = vectors[[index[_for_embedding(t)] for t in texts]]
    return rows @ rows.T


def _for_embedding(text: str) -> str:
    return re.sub(r"[\"“”«»„‟]", "", " ".join(text.split()))


def fuzzy_baseline(a: QuoteSide, b: QuoteSide) -> tuple[bool, str, float]:
    """Plain fuzzy matching (rapidfuzz): same quote when the token-set ratio reaches 80."""
    from rapidfuzz import fuzz

    left, right = _folded(a.text), _folded(b.text)
    ratio, partial, token_set = fuzz.ratio(left, right), fuzz.partial_ratio(left, right), \
        fuzz.token_set_ratio(left, right)
    if ratio == 100:
        kind = "verbatim"
    elif partial >= 95:
        kind = "trimmed"
    elif ratio >= 75:
        kind = "altered"
    elif token_set >= 60:
        kind = "paraphrase"
    else:
        kind = "different"
    return token_set >= 80, kind, token_set / 100
