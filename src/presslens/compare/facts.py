"""Facts and numbers: quantities, counts, durations, money and years stated in an
article, and how two outlets' statements of the same thing relate.

A fact is found by its number ("56", "eight", "15 000", "£4.2 million",
"several thousand") with what qualifies it ("about", "more than", "up to") and
what it counts or measures ("campaigners", "40-centimetre crack",
"eight-episode"). Values become intervals in one base unit (metres, days,
pounds), so "around 40 cm" agrees with "a 40-centimetre crack" and conflicts
with "a 4-metre crack". Two facts speak of the same thing when they measure the
same dimension, count the same kind of noun and share their sentence's words.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .text import content_keys, fold, words

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12,
}
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9}
# Unit -> (dimension, factor to the base unit).
UNITS = {
    "mm": ("length", 0.001), "millimetre": ("length", 0.001), "cm": ("length", 0.01),
    "centimetre": ("length", 0.01), "metre": ("length", 1.0), "m": ("length", 1.0), "km": ("length", 1000.0),
    "kilometre": ("length", 1000.0), "mile": ("length", 1609.0), "foot": ("length", 0.3048),
    "feet": ("length", 0.3048), "inch": ("length", 0.0254), "minute": ("duration", 1 / 1440),
    "hour": ("duration", 1 / 24), "day": ("duration", 1.0), "week": ("duration", 7.0),
    "month": ("duration", 30.0), "year": ("duration", 365.0), "decade": ("duration", 3652.0),
    "episode": ("episodes", 1.0),
    "part": ("episodes", 1.0), "year-old": ("age", 1.0), "percent": ("percent", 1.0), "%": ("percent", 1.0),
    "per cent": ("percent", 1.0), "tonne": ("weight", 1000.0), "kg": ("weight", 1.0), "kilogram": ("weight", 1.0),
    "litre": ("volume", 1.0), "storey": ("storeys", 1.0), "mph": ("speed", 1.0), "km/h": ("speed", 0.62),
}
CURRENCIES = {"£": "GBP", "$": "USD", "€": "EUR", "us$": "USD"}
VAGUE = {
    "several thousand": (2e3, 9999), "thousands of": (2e3, 99_999), "hundreds of": (200, 999),
    "dozens of": (24, 99), "scores of": (40, 99), "several": (3, 9), "a handful of": (2, 6),
    "a few": (2, 5), "a group of": (None, None), "a number of": (None, None), "many": (None, None),
}
PEOPLE_WORDS = (
    "people person men man women woman campaigners survivors residents fans commuters workers employees staff "
    "pupils students children extras investors representatives signatories members parents teachers adults "
    "victims passengers drivers visitors voters supporters protesters officers doctors nurses experts providers")
_APPROX = (r"(?P<approx>about|around|roughly|approximately|some|nearly|almost|more than|over|at least|up to|"
           r"fewer than|less than|under|as many as|close to|just over|just under|an estimated|somewhere around|"
           r"an|a)\s+")
_NUMBER = (r"(?P<currency>£|\$|€|US\$)?(?P<number>\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
           r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|"
           r"eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
           r"fifteen|sixteen|seventeen|eighteen|nineteen|a hundred|hundred|a dozen)")
_SCALE = r"(?:\s?(?P<scale>thousand|million|billion|bn|mn|m|k)\b)?"
_UNIT = (r"(?:(?P<hyphen>-)|\s+)?(?P<unit>year-old|per cent|percent|%|km/h|mph|millimetres?|centimetres?|"
         r"centimeters?|metres?|meters?|kilometres?|kilometers?|miles?|feet|foot|inch(?:es)?|mm|cm|km|m|"
         r"minutes?|hours?|days?|weeks?|months?|years?|decades?|episodes?|parts?|tonnes?|kg|kilograms?|litres?|storeys?)?"
         r"\b")
_FACT = re.compile(r"(?<![\w.,£$€-])(?:" + _APPROX + r")?" + _NUMBER + _SCALE + _UNIT, re.IGNORECASE)
_VAGUE = re.compile(r"\b(?P<vague>" + "|".join(sorted(map(re.escape, VAGUE), key=len, reverse=True)) + r")\s+",
                    re.IGNORECASE)
_YEAR = re.compile(r"\b(?:in|since|from|until|by|of|for)\s+(?:the\s+)?(?P<part>(?:early|late|mid-?)\s*)?"
                   r"(?P<year>(?:19|20)\d{2})(?P<decade>s)?\b", re.IGNORECASE)
_NOUN_WORD = re.compile(r"\s*[\"“”‘’']?([a-z][\w-]*)[\"“”‘’']?", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘A-Z0-9£$€])|\n+")
_NOT_NOUNS = {"of", "the", "a", "an", "and", "or", "to", "in", "on", "at", "for", "by", "from", "with", "who",
              "which", "that", "had", "have", "has", "were", "was", "is", "are", "will", "would", "after",
              "before", "since", "than", "as", "it", "its", "their", "his", "her", "said", "ago"}


@dataclass(frozen=True, slots=True)
class Fact:
    """A stated quantity: its words, what it is about, and its value as an interval in base units."""

    article_id: str
    start: int
    end: int
    text: str
    dimension: str
    nouns: tuple[str, ...]
    low: float | None
    high: float | None
    vague: bool
    context: frozenset[str] = field(default_factory=frozenset)
    sentence: str = ""

    @property
    def noun(self) -> str:
        return self.nouns[0] if self.nouns else ""

    def as_dict(self) -> dict:
        return {"article_id": self.article_id, "start": self.start, "end": self.end, "text": self.text,
                "dimension": self.dimension, "about": list(self.nouns), "low": self.low, "high": self.high,
                "vague": self.vague, "sentence": self.sentence}


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a text (a light splitter: end punctuation before a capital, or a line break)."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if text[start:match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


class Nouns:
    """What follows a number: noun words by part of speech (spaCy tagger) or, without a model, by shape."""

    def __init__(self, text: str, tagger=None) -> None:
        self.tokens: list[tuple[int, int, str, str]] = []
        if tagger is not None:
            self.tokens = [(t.idx, t.idx + len(t.text), t.pos_, t.lemma_) for t in tagger(text)]
        self.starts = [t[0] for t in self.tokens]

    def after(self, text: str, position: int) -> tuple[tuple[str, ...], int]:
        """The nouns right after ``position`` (joined by "and" or commas) and where they end."""
        if not self.tokens:
            return _nouns_after(text, position)
        index = bisect.bisect_left(self.starts, position)
        nouns: list[str] = []
        end = position
        while index < len(self.tokens):
            start, stop, pos, lemma = self.tokens[index]
            if pos in ("NOUN", "PROPN", "ADJ") or (pos == "PUNCT" and text[start:stop] == "-" and nouns):
                if pos == "NOUN":
                    nouns.append(fold(lemma))
                    end = stop
            elif not (pos in ("CCONJ", "PUNCT") and text[start:stop] in ("and", ",", "'", "“", "‘", '"')):
                break
            index += 1
        return tuple(reversed(nouns)), end


def extract_facts(article_id: str, text: str, tagger=None) -> list[Fact]:
    """Every quantity, count, duration, sum of money and year stated in ``text``
    (``tagger``: a spaCy pipeline with a tagger, to find what a number counts)."""
    found: list[Fact] = []
    reader = Nouns(text, tagger)
    for s_start, s_end in sentences(text):
        sentence = text[s_start:s_end]
        context = frozenset(k for k in content_keys(words(sentence)) if not k[:1].isdigit())
        taken: list[tuple[int, int]] = []
        def nouns_at(position: int, offset: int = s_start) -> tuple[tuple[str, ...], int]:
            found_nouns, end = reader.after(text, offset + position)
            return found_nouns, end - offset
        for fact in _numbers(sentence, nouns_at) + _vague(sentence, nouns_at) + _years(sentence):
            start, end, phrase, dimension, nouns, low, high, vague = fact
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            while end > start and not sentence[end - 1].isalnum():
                end -= 1
            phrase = sentence[start:end]
            found.append(Fact(article_id, s_start + start, s_start + end, phrase, dimension, nouns, low, high,
                              vague, context - set(nouns), sentence))
    return sorted(found, key=lambda f: f.start)


def _numbers(sentence: str, nouns_at) -> list[tuple]:
    out = []
    for match in _FACT.finditer(sentence):
        value = _value(match.group("number"))
        if value is None or ((match.group("approx") or "").lower() in ("a", "an") and not match.group("unit")):
            continue
        if match.group("number").lower() == "one" and not match.group("unit"):
            continue
        if sentence[max(0, match.start() - 6):match.start()].lower().endswith("every "):
            continue  # "every 15 minutes" is a rate, not a quantity of the story
        scale = (match.group("scale") or "").lower()
        currency = match.group("currency")
        if scale in ("m", "k") and not currency:
            scale = "" if match.group("unit") is None else scale
        value *= SCALES.get(scale, 1.0)
        unit = _unit_key(match.group("unit"))
        if unit is None and _is_year(match.group("number"), currency, scale):
            continue
        nouns, end = nouns_at(match.end())
        end = max(end, match.end())
        if not nouns and not unit:
            nouns = _noun_before(sentence, match.start())
        if not nouns and not unit and not currency and not scale:
            continue
        if scale and not currency and not nouns and _MONEY_WORDS.search(sentence):
            currency = "£"
        if currency or _money_word(nouns):
            dimension, factor = f"money:{CURRENCIES.get((currency or '£').lower(), 'GBP')}", 1.0
        elif unit:
            dimension, factor = UNITS[unit]
        else:
            dimension, factor = "count", 1.0
        if unit in ("episode", "part") and match.group("unit").lower().endswith("s") and not nouns:
            dimension, nouns = "count", ("episode",)  # "two episodes": a count, not the length of a series
        low, high = _interval(value * factor, (match.group("approx") or "").lower(), match.group("number"))
        out.append((match.start(), end, sentence[match.start():end].strip(), dimension, nouns, low, high, False))
    return out


_MONEY_WORDS = re.compile(r"\b(?:price|worth|cost|costs|deal|paid|pay|fee|debts?|bill|sum|funding)\b|[£$€]",
                          re.IGNORECASE)
_NOUN_BEFORE = re.compile(r"\b(?:number|count|total|tally|toll) of ((?:[a-z-]+ ){0,2}[a-z-]+) (?:stood at|stands at|"
                          r"was|is|has risen to|had risen to|rose to|reached|had reached|fell to)\s*$", re.IGNORECASE)


def _noun_before(sentence: str, position: int) -> tuple[str, ...]:
    """What a bare figure counts when the sentence named it first: "the count of dead fish stood at"."""
    match = _NOUN_BEFORE.search(sentence[:position])
    return (_singular(fold(match.group(1).split()[-1])),) if match else ()


def _vague(sentence: str, nouns_at) -> list[tuple]:
    out = []
    for match in _VAGUE.finditer(sentence):
        nouns, end = nouns_at(match.end())
        if not nouns or not (set(nouns) & PEOPLE or match.group("vague").lower() != "several"):
            continue
        low, high = VAGUE[match.group("vague").lower()]
        out.append((match.start(), end, sentence[match.start():end].strip(), "count", nouns, low, high, True))
    return out


def _years(sentence: str) -> list[tuple]:
    out = []
    for match in _YEAR.finditer(sentence):
        year = int(match.group("year"))
        high = year + 9 if match.group("decade") else year
        start = match.start("part") if match.group("part") else match.start("year")
        out.append((start, match.end(), sentence[start:match.end()], "year", (), float(year), float(high),
                    bool(match.group("decade") or match.group("part"))))
    return out


def _value(number: str) -> float | None:
    plain = re.sub(r"[,\u00a0\u202f ]", "", number.lower())
    if plain in NUMBER_WORDS:
        return float(NUMBER_WORDS[plain])
    if "-" in plain:
        tens, _, unit = plain.partition("-")
        return float(NUMBER_WORDS.get(tens, 0) + NUMBER_WORDS.get(unit, 0)) or None
    try:
        return float(plain)
    except ValueError:
        return None


def _unit_key(unit: str | None) -> str | None:
    if not unit:
        return None
    key = unit.lower().replace("meter", "metre")
    if key in UNITS:
        return key
    if key.endswith("es") and key[:-2] in UNITS:
        return key[:-2]
    return key[:-1] if key.endswith("s") and key[:-1] in UNITS else None


def _is_year(number: str, currency: str | None, scale: str) -> bool:
    return not currency and not scale and re.fullmatch(r"(?:19|20)\d{2}", number) is not None


def _money_word(nouns: tuple[str, ...]) -> bool:
    return bool(nouns) and nouns[0] in ("pound", "dollar", "euro")


def _nouns_after(sentence: str, position: int) -> tuple[tuple[str, ...], int]:
    """Without a tagger: the next words (up to three) that are not function words."""
    nouns: list[str] = []
    end = position
    for _ in range(3):
        match = _NOUN_WORD.match(sentence, end)
        if not match:
            break
        word = match.group(1).lower()
        if word in _NOT_NOUNS:
            if word == "and" and nouns:
                end = match.end()
                continue
            break
        nouns.append(_singular(fold(word)))
        end = match.end()
        if sentence[end:end + 1] == ",":
            end += 1
    return _heads(nouns), end if nouns else position


def _heads(nouns: list[str]) -> tuple[str, ...]:
    """Keep the words most likely to be heads: all of them, last first ("dead fish" -> fish, dead)."""
    return tuple(reversed(nouns))


def _singular(word: str) -> str:
    irregular = {"men": "man", "women": "woman", "children": "child", "people": "person", "feet": "foot"}
    if word in irregular:
        return irregular[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _interval(value: float, approx: str, number: str) -> tuple[float | None, float | None]:
    """The values a stated number allows: figures and "about" 3% either way (rounding), bounds one way."""
    if approx in ("more than", "over", "just over"):
        return value * 1.0001, None
    if approx == "at least":
        return value, None
    if approx in ("up to", "fewer than", "less than", "under", "just under", "as many as"):
        return 0.0, value
    if approx in ("nearly", "almost", "close to"):
        return value * 0.9, value
    tolerance = _tolerance(number) if re.search(r"\d", number) or approx else 0.0
    return value * (1 - tolerance), value * (1 + tolerance)


def _tolerance(number: str) -> float:
    """How far a figure may be from another it agrees with: half its last significant digit
    ("4,870": 0.1%; "41": 1.2%), at most 3% (round figures: "5,000", "40", "about 12,000")."""
    digits = re.sub(r"\D", "", number.split(".")[0])
    if not digits or "." in number:
        return 0.03
    significant = digits.rstrip("0")
    unit = 10 ** (len(digits) - len(significant))
    return min(0.03, 0.5 * unit / max(int(digits), 1))


# -- relating two facts ------------------------------------------------------

PEOPLE = frozenset(_singular(fold(w)) for w in PEOPLE_WORDS.split()) | {"people"}
WORKS = frozenset({"series", "drama", "show", "program", "thriller", "comedy", "film", "documentary", "season"})

RELATIONS = ("agree", "conflict", "differs")
SAME_THING = 0.5


def same_thing(a: Fact, b: Fact) -> float:
    """How likely two facts speak of the same thing, 0 to 1."""
    if a.dimension != b.dimension:
        return 0.0
    shared_context = len(a.context & b.context) / max(1, min(len(a.context), len(b.context)))
    nouns = _noun_match(a, b)
    if a.dimension == "count":
        return 0.0 if nouns == 0 else min(1.0, (0.4 if nouns == 1 else 0.15) + shared_context)
    if a.dimension in ("year", "age", "role"):
        return 1.0 if a.dimension != "year" and a.nouns == b.nouns else shared_context * (a.dimension == "year")
    # A measure (length, money, duration, share, series length) is rarer in a story than a count.
    return min(1.0, 0.25 + 0.3 * nouns + shared_context + (0.2 if a.dimension == "episodes" else 0.0))


def _noun_match(a: Fact, b: Fact) -> float:
    if not a.nouns or not b.nouns:
        return 0.5
    if set(a.nouns) & set(b.nouns):
        return 1.0
    return 0.5 if any(set(a.nouns) & kind and set(b.nouns) & kind for kind in (PEOPLE, WORKS)) else 0.0


def relation(a: Fact, b: Fact) -> str:
    """agree, conflict or differs (one is vague, or the values are given too loosely to compare)."""
    if a.vague and b.vague and (a.low, a.high) == (b.low, b.high):
        return "agree"
    if a.vague or b.vague:
        return "conflict" if _disjoint(a, b) and a.low is not None and b.low is not None else "differs"
    return "conflict" if _disjoint(a, b) else "agree"


def _disjoint(a: Fact, b: Fact) -> bool:
    low_a, high_a = a.low if a.low is not None else float("-inf"), a.high if a.high is not None else float("inf")
    low_b, high_b = b.low if b.low is not None else float("-inf"), b.high if b.high is not None else float("inf")
    return high_a < low_b or high_b < low_a


def related(a: Fact, b: Fact) -> str | None:
    """The relation of two facts, or None when they speak of different things."""
    return relation(a, b) if same_thing(a, b) >= SAME_THING else None


def best_matches(facts: Sequence[Fact], others: Sequence[Fact]) -> list[tuple[Fact, Fact, float]]:
    """For each fact, the fact among ``others`` most likely about the same thing (if any)."""
    pairs = []
    for fact in facts:
        scored = [(same_thing(fact, other), other) for other in others]
        scored = [(s, o) for s, o in scored if s >= SAME_THING]
        if scored:
            score, other = max(scored, key=lambda item: item[0])
            pairs.append((fact, other, score))
    return pairs
