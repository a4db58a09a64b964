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
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from .. import lang
from ..entities.names import looks_like_person_name
from ..lang import Language
from ..lang.patterns import NEVER, one_of, one_of_followed
from .text import content_keys, fold, words


@dataclass(frozen=True, slots=True)
class _Rules:
    """A language's fact patterns, compiled."""

    fact: re.Pattern[str]  # a number with its qualifier, scale and unit
    vague: re.Pattern[str]  # "dozens of"
    year: re.Pattern[str]  # "in 2019", "since the early 1990s"
    money_words: re.Pattern[str]  # a sentence about money
    noun_before: re.Pattern[str]  # "the count of dead fish stood at"
    partitive: re.Pattern[str]  # "de", "d'" between a number, its scale or unit and what it counts
    time_of_day: re.Pattern[str]  # "à 7 heures"
    named_before: re.Pattern[str]  # "Nathalie Brun, " before an age
    per_period: re.Pattern[str]  # " a week" after a duration: a rate
    when_after: re.Pattern[str]  # " last year" after a figure: its time, not what it counts
    described_before: re.Pattern[str]  # "The driver, " before an age
    age_decade: re.Pattern[str]  # "in his sixties"
    money_before: re.Pattern[str]  # "will cost " before a bare figure: a sum of money
    whole_before: re.Pattern[str]  # "The crew of " before a bare figure: what it counts


@lru_cache(maxsize=8)
def _rules(language: Language) -> _Rules:
    """The fact patterns of a language, compiled once."""
    approx = rf"(?P<approx>{one_of(language.approximators)})\s+"
    currency = one_of(map(re.escape, language.currencies))
    thousands, decimal = f"[{re.escape(language.thousands_separators)}]", re.escape(language.decimal_mark)
    number = (rf"(?P<currency>{currency})?(?P<number>\d{{1,3}}(?:{thousands}\d{{3}})+(?:{decimal}\d+)?|"
              rf"\d+(?:{decimal}\d+)?|{language.number_pattern})")
    # "six and a half years": the half before the unit
    half = rf"(?:\s+(?P<half>{one_of(language.half_suffixes)})\b)?" if language.half_suffixes else ""
    scale = rf"(?:\s?(?P<scale>{one_of(language.scales)})\b)?"
    unit = rf"(?:(?P<hyphen>-)|\s+)?(?P<unit>{one_of(language.unit_pattern)})?(?:(?<=%)|\b)"  # "29%" too
    vague = one_of(sorted(map(re.escape, language.vague_quantities), key=len, reverse=True))
    the = one_of(rf"{a}\s+" for a in language.definite_articles)
    return _Rules(
        re.compile(r"(?<![\w.,£$€-])(?:" + approx + r")?" + number + half + scale + unit, re.IGNORECASE),
        re.compile(rf"\b(?P<vague>{vague})\s+", re.IGNORECASE),
        re.compile(rf"\b(?:{one_of(language.year_prepositions)})\s+(?:{the})?"
                   rf"(?P<part>(?:{one_of(language.decade_parts)})\s*)?(?P<year>{YEAR})(?P<decade>s)?\b",
                   re.IGNORECASE),
        re.compile(rf"\b(?:{one_of(language.money_words)})\b|[£$€]", re.IGNORECASE),
        re.compile(rf"\b(?:{one_of(language.count_nouns)}) {language.partitive} ((?:[a-z-]+ ){{0,2}}[a-z-]+) "
                   rf"(?:{one_of(language.count_verbs)})\s*$", re.IGNORECASE),
        re.compile(rf"\s*(?:{one_of_followed(language.partitive_forms)})" if language.partitive_forms else NEVER,
                   re.IGNORECASE),
        re.compile(one_of(language.times_of_day), re.IGNORECASE),
        re.compile(rf"(?P<name>[{language.capitals}][\w'’-]+),\s*$"),
        re.compile(rf"\s+(?:{one_of(language.per_period_words)})\s+(?:{one_of(language.unit_pattern)})\b"
                   if language.per_period_words else NEVER, re.IGNORECASE),
        re.compile(rf"\s*(?:{one_of(language.time_determiners)})\s+(?:{one_of(language.time_nouns)})\b"
                   if language.time_determiners else NEVER, re.IGNORECASE),
        re.compile(rf"\b(?:{one_of(language.articles)})\s+(?:[a-zà-öø-ÿ][\w-]*\s+)?(?P<noun>[a-zà-öø-ÿ][\w-]*),\s*$",
                   re.IGNORECASE),
        re.compile(rf"\b(?:{one_of(language.age_decade_leads)})\s+(?:(?P<part>{one_of(language.decade_parts)})\s*)?"
                   rf"(?P<decade>{one_of(language.age_decades)})\b" if language.age_decades else NEVER, re.IGNORECASE),
        re.compile(rf"\b(?:{one_of(language.money_words)})\s*$", re.IGNORECASE),
        re.compile(rf"\b(?:{one_of((*language.articles, *language.possessive_determiners))})\s+"
                   rf"(?P<noun>[a-zà-öø-ÿ][\w-]*)\s+{language.partitive}\s+$", re.IGNORECASE))


YEAR = r"(?:1[6-9]|20)\d\d"  # a year a story states: 1600 to 2099 ("opened in 1869")
_NOUN_WORD = re.compile(r"\s*[\"“”‘’']?([a-zà-öø-ÿœæ][\w-]*)[\"“”‘’']?", re.UNICODE)


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
    bound: str = ""  # how its qualifier bounds it: "up to", "above", "about" ... ("": a figure as stated)
    began: tuple[float, float] | None = None  # the years an age or a length of years puts its start in
    former: bool = False  # a former value ("up from an original 8.5 million"), not the one now
    change: bool = False  # a change of a level ("an extra £87 a year"), not the level (a share is either)
    past: bool = False  # stated of an earlier year than the article's ("In 2018 a fire burned for 11 days")

    @property
    def noun(self) -> str:
        return self.nouns[0] if self.nouns else ""

    def as_dict(self) -> dict:
        return {"article_id": self.article_id, "start": self.start, "end": self.end, "text": self.text,
                "dimension": self.dimension, "about": list(self.nouns), "low": self.low, "high": self.high,
                "vague": self.vague, "sentence": self.sentence}


def sentences(text: str, language: Language = lang.DEFAULT) -> list[tuple[int, int]]:
    """Sentence spans of a text (a light splitter: end punctuation before a capital, or a line break)."""
    return lang.sentence_spans(text, language.fact_sentence)


class Nouns:
    """What follows a number: noun words by part of speech (spaCy tagger) or, without a model, by shape."""

    def __init__(self, text: str, tagger=None) -> None:
        self.tokens: list[tuple[int, int, str, str]] = []
        if tagger is not None:
            self.tokens = [(t.idx, t.idx + len(t.text), t.pos_, t.lemma_) for t in tagger(text)]
        self.starts = [t[0] for t in self.tokens]

    def after(self, text: str, position: int, language: Language = lang.DEFAULT) -> tuple[tuple[str, ...], int]:
        """The nouns right after ``position`` (joined by "and" or commas) and where they end."""
        if not self.tokens:
            return _nouns_after(text, position, language)
        index = bisect.bisect_left(self.starts, position)
        nouns: list[str] = []
        end = position
        while index < len(self.tokens):
            start, stop, pos, lemma = self.tokens[index]
            if pos in ("NOUN", "PROPN", "ADJ") or (pos == "PUNCT" and text[start:stop] == "-" and nouns):
                if pos == "NOUN":
                    nouns.append(fold(lemma, language))
                    end = stop
            elif not (pos in ("CCONJ", "PUNCT") and text[start:stop] in ("and", ",", "'", "“", "‘", '"',
                                                                           *language.conjunctions)):
                break
            index += 1
        return tuple(reversed(nouns)), end

    def verb_at(self, text: str, position: int, language: Language = lang.DEFAULT) -> bool:
        """Whether the next word after ``position`` is a verb ("14 were injured", "8,000 finished")."""
        if not self.tokens:
            following = re.match(r"\s*(\w+)", text[position:])
            return following is not None and following.group(1).lower() in language.passive_auxiliaries
        index = bisect.bisect_left(self.starts, position)
        return index < len(self.tokens) and self.tokens[index][2] in ("VERB", "AUX")


def extract_facts(article_id: str, text: str, tagger=None, language: Language = lang.DEFAULT,
                  published: date | None = None) -> list[Fact]:
    """Every quantity, count, duration, sum of money and year stated in ``text``
    (``tagger``: a spaCy pipeline with a tagger, to find what a number counts; ``published``: the article's
    day, which dates what an age or a length of years began: "the 39-year-old company" in 2026, founded 1987)."""
    found: list[Fact] = []
    reader = Nouns(text, tagger)
    quoted = [] if language.facts_in_quotes else _quoted(text, language)
    for s_start, s_end in sentences(text, language):
        found += _sentence_facts(article_id, text, s_start, s_end, reader, quoted, language)
    if published is not None:
        found = [_dated(replace(fact, past=_of_past_year(fact, published.year, language)), published.year)
                 for fact in found]
    return sorted(found, key=lambda f: f.start)


YEAR_DAYS = 365.25


def _of_past_year(fact: Fact, year: int, language: Language) -> bool:
    """Whether a fact is told of an earlier year: its sentence opens on one ("In 2018 a fire on the same moor
    destroyed 500 hectares"), or it follows one and "when" ("since 2018, when 500 hectares burned")."""
    if fact.dimension == "year" or not fact.sentence:
        return False
    opener = re.match(rf"\s*(?:{one_of(language.past_openers)})\s+({YEAR})\b", fact.sentence, re.IGNORECASE)
    if opener and int(opener.group(1)) < year:
        return True
    before = fact.sentence[:max(0, fact.sentence.find(fact.text))]
    link = [m for m in re.finditer(rf"\b({YEAR}),?\s+(?:{one_of(language.past_links)})\b", before,
                                   re.IGNORECASE)]
    return bool(link) and int(link[-1].group(1)) < year


def _dated(fact: Fact, year: int) -> Fact:
    """A fact with the years its start falls in, where it is an age or a length of a year or more, as stated."""
    if fact.low is None or fact.high is None or fact.bound or fact.vague:
        return fact
    if fact.dimension == "age":
        return replace(fact, began=(year - fact.high - 1, year - fact.low))
    if fact.dimension == "duration" and fact.low >= YEAR_DAYS * (1 - CALENDAR_SLACK):
        return replace(fact, began=(year - fact.high / YEAR_DAYS, year - fact.low / YEAR_DAYS))
    return fact


@dataclass(frozen=True, slots=True)
class _Reading:
    """A sentence of an article, read with the whole article's tagging (positions in the sentence)."""

    text: str
    offset: int
    reader: Nouns
    language: Language

    def nouns(self, position: int) -> tuple[tuple[str, ...], int]:
        found, end = self.reader.after(self.text, self.offset + position, self.language)
        return found, end - self.offset

    def verb(self, position: int) -> bool:
        return self.reader.verb_at(self.text, self.offset + position, self.language)


def _sentence_facts(article_id: str, text: str, s_start: int, s_end: int, reader: Nouns,
                    quoted: list[tuple[int, int]], language: Language) -> list[Fact]:
    """The facts of one sentence, each with the words it is about: the sentence's, or its clause's where the
    sentence states two of a kind ("One person died ..., and six people were injured")."""
    sentence = text[s_start:s_end]
    context = _context_keys(sentence, language)

    reading = _Reading(text, s_start, reader, language)
    taken: list[tuple] = []
    candidates = _fractions(sentence, language) + _numbers(sentence, reading, language) + _vague(
        sentence, reading, language)  # "Two-thirds" is a share before "Two" is a count
    for fact in candidates + _years(sentence, language) + _age_decades(sentence, language):
        start, end = fact[0], fact[1]
        if any(start < t[1] and t[0] < end for t in taken) or any(s < s_start + start < e for s, e in quoted):
            continue
        while end > start and not (sentence[end - 1].isalnum() or sentence[end - 1] == "%"):
            end -= 1
        taken.append((start, end, *fact[3:]))
    taken += [one for one in _listed_ones(sentence, taken, reading, language)
              if not any(one[0] < t[1] and t[0] < one[1] for t in taken)]
    taken = _partitives_named(sentence, sorted(taken), language)
    kinds = Counter(t[2].split(":")[0] for t in taken)
    out = []
    for start, end, dimension, nouns, low, high, vague in taken:
        phrase = sentence[start:end]
        if dimension == "age" and not nouns:  # "The 28-year-old, who works as a physiotherapist, ..."
            nouns = _person_before(text[:s_start], sentence[:start], language)
        own = set(nouns)
        if language.counted_out_of_context:  # "manifestants" as well as "manifestant"
            own |= {k for k in context if language.singular(k) in nouns}
        about = context
        if dimension == "duration" or kinds[dimension.split(":")[0]] > 1:  # what lasted or was counted, in its clause
            about = _clause_context(sentence, start, end, language)
            own |= {w.key for w in words(phrase, language=language)} if dimension == "duration" else set()
            if not about - own:  # "Nine people and a dog were plucked ...": the clause is only the figure
                about = context
        out.append(Fact(article_id, s_start + start, s_start + end, phrase, dimension, nouns, low, high,
                        vague, _senses(about - own, language), sentence, _bound(phrase, language),
                        former=_former(sentence[:start], language),
                        change=dimension != "percent" and _change(sentence[:start], language)))
    return out


def _bound(phrase: str, language: Language) -> str:
    """How a fact's qualifier bounds its figure ("as many as 450": "up to"), "" when it has none."""
    qualifier = re.match(rf"(?:{one_of(language.approximators)})\s", phrase, re.IGNORECASE)
    bound = language.approximators.get(qualifier.group(0).strip().lower(), "") if qualifier else ""
    return "" if bound == "article" else bound


def _person_before(before_sentence: str, before: str, language: Language) -> tuple[str, ...]:
    """The surname of the first person the previous sentence names (its subject, as a rule) when a sentence
    opens on "The 28-year-old": whose age it is ("Amara Kibet won the Ostbury Marathon. The 28-year-old ...")."""
    if not re.search(rf"(?:^|[^\w'’])(?:{one_of(language.definite_articles)})\s+$", before, re.IGNORECASE):
        return ()  # "The 28-year-old, ...", "... said the 67-year-old"
    spans = sentences(before_sentence, language)
    previous = before_sentence[spans[-1][0]:spans[-1][1]] if spans else ""
    names = [m.group() for m in re.finditer(rf"[{language.capitals}][\w'’-]+(?:\s+[{language.capitals}][\w'’-]+)+",
                                            previous) if looks_like_person_name(m.group(), language)]
    return (fold(names[0].split()[-1], language),) if names else ()


def _former(before: str, language: Language) -> bool:
    """Whether a figure is marked as a former value: "up from an original 8.5 million", "initially 40"."""
    return _marked(before, language.former_markers, language)


def _change(before: str, language: Language) -> bool:
    """Whether a figure is marked as a change of a level: "an extra £87 a year", "a rise of 4%"."""
    return _marked(before, language.change_markers, language)


def _marked(before: str, markers: Sequence[str], language: Language) -> bool:
    articles = (*language.definite_articles, *language.indefinite_articles)
    return bool(markers) and re.search(rf"\b(?:{one_of(markers)})\s+(?:(?:{one_of(articles)})\s+)?$", before,
                                       re.IGNORECASE) is not None


def _senses(keys: frozenset[str], language: Language) -> frozenset[str]:
    """Words as what they say of a figure: "hurt" and "injured" one sense, "closed" and "closure" one stem."""
    senses, stem = _sense_keys(language), lang.stemmer(language.code)
    return frozenset(senses.get(k) or senses.get(stem(k)) or stem(k) for k in keys)


@lru_cache(maxsize=8)
def _sense_keys(language: Language) -> dict[str, str]:
    """A language's fact senses by folded word and by its stem."""
    stem = lang.stemmer(language.code)
    folded = {fold(word, language): sense for word, sense in language.fact_senses.items()}
    return {**{stem(word): sense for word, sense in folded.items()}, **folded}


def _clause_context(sentence: str, start: int, end: int, language: Language) -> frozenset[str]:
    """The content words of the clause holding a measure ("the closure lasted three days" of "The repairs will
    take six months, the closure lasted three days and the ferry ran for two days"): three durations in one
    sentence are three things, not one."""
    bounds = [m.span() for m in _clause_breaks(language).finditer(sentence)]
    left = max([e for s, e in bounds if e <= start], default=0)
    right = min([s for s, e in bounds if s >= end], default=len(sentence))
    return _context_keys(sentence[left:right], language)


def _context_keys(text: str, language: Language) -> frozenset[str]:
    """The content words of ``text`` that are no figures ("14", "nine", "dozen")."""
    numbers = _number_keys(language)  # and qualifiers: "roughly 230" and "about 230" say nothing of what
    return frozenset(k for k in content_keys(words(text, language=language), language)
                     if not k[:1].isdigit() and k not in numbers)


@lru_cache(maxsize=8)
def _number_keys(language: Language) -> frozenset[str]:
    said = (*language.number_words, *language.approximators, *language.ago_words, *language.start_prepositions)
    return frozenset(fold(part, language) for word in said for part in word.split())


@lru_cache(maxsize=8)
def _clause_breaks(language: Language) -> re.Pattern[str]:
    return re.compile(rf"[,;:]|\b(?:{one_of(language.conjunctions)}|{one_of(language.coordinators)})\b", re.IGNORECASE)


def _numbers(sentence: str, reading, language: Language) -> list[tuple]:
    out = []
    for match in _rules(language).fact.finditer(sentence):
        fact = _number(sentence, match, reading, language)
        if fact is not None:
            out.append(fact)
    return out


def _number(sentence: str, match: re.Match, reading: _Reading, language: Language) -> tuple | None:
    """One number's fact, or None when it is none (an article without a unit, a lone "one", a rate, a year)."""
    number = match.group("number").lower()
    value = _value(number, language)
    approx = (match.group("approx") or "").lower()
    if language.approximators.get(approx) == "article" and f"{approx} {number}" in language.number_words:
        approx = ""  # "a dozen": the article is part of the number
    if value is None or (language.approximators.get(approx) == "article" and not match.group("unit")
                         and not match.group("hyphen")):
        return None  # "a 60,000-book collection" counts books
    if number in _ones(language) and not match.group("unit") and not _counts_people(
            reading.nouns(match.end())[0], language):
        return None  # a lone "one" is a pronoun; "one person" is a count
    if _is_rate(sentence, match, language):
        return None  # "every 15 minutes", "twice a day": a rate, not a quantity of the story
    if match.groupdict().get("half") and match.group("unit"):
        value += 0.5  # "six and a half years"
    scale = (match.group("scale") or "").lower()
    currency = match.group("currency")
    if scale in ("m", "k") and not currency and match.group("unit") is None and not _scaled(sentence, match, language):
        scale = ""  # "a 3m wall"; but "1.2m customers", "paid 4m"
    value *= language.scales.get(scale, 1.0)
    unit = _unit_key(match.group("unit"), language)
    if unit is None and _is_year(match.group("number"), currency, scale):
        return None
    rules = _rules(language)
    if any(m.start() <= match.start("number") < m.end() for m in rules.time_of_day.finditer(sentence)):
        return None  # "à 7 heures": a time of day
    if unit and language.units[unit][0] == "duration" and _offset(sentence, match, language) and not _years_ago(
            sentence, match, unit, language):
        return None  # "two days later" dates an event: no length of anything the story reports
    if unit and language.units[unit][0] == "duration" and rules.per_period.match(sentence, match.end()):
        return None  # "four days a week" is a rate
    age = _age(sentence, match, language)
    if age is not None:
        return age
    if language.day_month_dates and _month_after(sentence, match.end(), language):
        return None  # "le 25 avril": a date
    position = match.end()
    if suffix := _suffix(sentence, position, language.approximate_suffixes):  # "9,000 or so"
        approx, position = _about(language), suffix
    if unit and (half := _suffix(sentence, position, language.half_suffixes)):  # "a day and a half"
        value, position = value + 0.5, half
    partitive = rules.partitive.match(sentence, position) if (scale or match.group("unit")) else None
    nouns, end = reading.nouns(partitive.end() if partitive else position)
    if nouns and rules.when_after.match(sentence, position):
        nouns, end = (), position  # "£31 million last year": when, not what is counted
    end = max(end, position) if nouns else position
    if not nouns and not unit:
        nouns = _noun_before(sentence, match.start(), language) or _whole_before(sentence, match.start(), language)
    money = not (nouns or unit or currency) and rules.money_before.search(sentence, 0, match.start()) is not None
    if not nouns and not unit and not currency and not scale and not money:
        bare = _bare_count(sentence, match.start(), position, reading, language) or _level(
            sentence, match.start(), position, reading, language)
        if bare is None:
            return None
        nouns, end = bare
    if money or (scale and not currency and not nouns and rules.money_words.search(sentence)):
        currency = language.default_currency  # "will cost around 640,000", "a deal worth 120 million"
    dimension, factor, nouns = _dimension(match, currency, unit, nouns, language)
    calendar = dimension == "duration" and factor >= CALENDAR_MONTH  # months and years are not all as long
    low, high = _interval(value * factor, approx, match.group("number"), language, CALENDAR_SLACK * calendar)
    if dimension == "duration" and (rest := _smaller_part(sentence, end, factor, language)):
        more, end = rest  # "six years and eight months"
        low, high = (None if low is None else low + more), (None if high is None else high + more)
    return match.start(), end, sentence[match.start():end].strip(), dimension, nouns, low, high, False


def _scaled(sentence: str, match: re.Match, language: Language) -> bool:
    """Whether a bare "m" or "k" after a figure means million or thousand: before a plural ("1.2m customers") or
    after a word of money ("paid 4m")."""
    following = re.match(r"\s*([^\W\d_]+)", sentence[match.end():])
    plural = following is not None and language.singular(following.group(1).lower()) != following.group(1).lower()
    return plural or _rules(language).money_before.search(sentence, 0, match.start()) is not None


def _smaller_part(sentence: str, position: int, factor: float, language: Language) -> tuple[float, int] | None:
    """The smaller unit a duration goes on in ("six years and eight months": 8 months) and where it ends."""
    found = re.match(rf"\s*,?\s*(?:{one_of(language.conjunctions)})\s+", sentence[position:], re.IGNORECASE)
    part = _rules(language).fact.match(sentence, position + found.end()) if found else None
    unit = _unit_key(part.group("unit"), language) if part else None
    if part is None or unit is None or part.group("approx") or language.units[unit][0] != "duration":
        return None
    value = _value(part.group("number").lower(), language)
    smaller = language.units[unit][1]
    return (value * smaller, part.end()) if value is not None and smaller < factor else None


def _dimension(match: re.Match, currency: str | None, unit: str | None, nouns: tuple[str, ...],
               language: Language) -> tuple[str, float, tuple[str, ...]]:
    """What a figure measures, the factor to its base unit, and what it counts."""
    if currency or _money_word(nouns, language):
        code = language.currencies.get((currency or language.default_currency).lower(), "GBP")
        dimension = f"money:{code}"
        if not match.group("currency") and not _money_word(nouns, language):
            dimension = "money"  # "a deal worth 120 million": a sum in a currency not stated
        return dimension, 1.0, tuple(n for n in nouns if n not in language.currency_nouns)  # the currency is no topic
    if unit in ("episode", "part") and match.group("unit").lower().endswith("s") and not nouns:
        return "count", 1.0, ("episode",)  # "two episodes": a count, not the length of a series
    if unit:
        dimension, factor = language.units[unit]
        return dimension, factor, nouns
    return "count", 1.0, nouns


def _is_rate(sentence: str, match: re.Match, language: Language) -> bool:
    """ "every 15 minutes"; "a day" in "twice a day", "140 a day", "four days a week"."""
    before = sentence[:match.start()].lower()
    if any(before.endswith(f"{w} ") for w in language.rate_words):
        return True
    if match.group("number").lower().split()[-1] not in language.indefinite_articles:
        return False
    last = re.search(r"(\S+)\s+$", before)
    if last is None:
        return False
    word = last.group(1)
    counted = re.search(rf"(?:\d|\b(?:{language.number_pattern}))\S*\s+[^\W\d]+\s+$", before)  # "140 lorries a day"
    return (counted is not None or word[-1].isdigit() or word.endswith("%") or word in language.frequency_words
            or word in language.number_words or _unit_key(word, language) is not None)


def _suffix(sentence: str, position: int, options: Sequence[str]) -> int | None:
    """Where one of ``options`` right after ``position`` ends ("or so" after "9,000"), or None."""
    if not options:
        return None
    found = re.match(rf"\s*(?:{one_of(map(re.escape, options))})\b", sentence[position:], re.IGNORECASE)
    return position + found.end() if found else None


def _about(language: Language) -> str:
    """The language's word for "about", as a qualifier key."""
    return next(word for word, bound in language.approximators.items() if bound == "about")


def _bare_count(sentence: str, start: int, position: int, reading: _Reading,
                language: Language) -> tuple[tuple[str, ...], int] | None:
    """What a figure standing alone counts, and where it ends: nothing named in "14 were injured" (its clause
    tells), "two of whom", the noun of "three of the passengers"; None where it opens no clause ("Room 3 is")."""
    before = sentence[:start].rstrip().lower()
    leads = (*language.coordinators, *language.conjunctions, *language.definite_articles)
    if before and before[-1] not in ",;:(–—" and not re.search(rf"\b(?:{one_of(leads)})$", before):
        return None
    of = re.match(rf"\s*{language.partitive}\s+(\w+)\b", sentence[position:], re.IGNORECASE)
    if of is None:
        return ((), position) if reading.verb(position) else None
    word, after = of.group(1).lower(), position + of.end()
    if word in language.relative_pronouns or word in language.group_pronouns:
        return (), after  # "two of whom", "around 60 of them"
    if word not in language.definite_articles:
        return None
    nouns, end = reading.nouns(after)  # "three of the passengers"; "three of the injured" names no noun
    total = re.match(rf"\s*(?:\d[\d,]*|{language.number_pattern})\s+", sentence[after:], re.IGNORECASE)
    if not nouns and total:  # "three of the five carriages"
        nouns, end = reading.nouns(after + total.end())
    return nouns, max(end, after + len(re.match(r"\s*\w*", sentence[after:]).group(0)))


def _partitives_named(sentence: str, taken: list[tuple], language: Language) -> list[tuple]:
    """ "14 people were injured, three of them seriously": "three of them" counts what the count before it does."""
    pronouns = (*language.relative_pronouns, *language.group_pronouns)
    partitive = re.compile(rf"\S+\s+{language.partitive}\s+(?:{one_of(pronouns)})$", re.IGNORECASE)
    out, named = [], ()
    for start, end, dimension, nouns, *rest in taken:
        if dimension == "count" and not nouns and named and partitive.match(sentence[start:end]):
            nouns = named
        named = nouns if dimension == "count" and nouns else named
        out.append((start, end, dimension, nouns, *rest))
    return out


def _listed_ones(sentence: str, taken: list[tuple], reading: _Reading, language: Language) -> list[tuple]:
    """ "Nine people and a dog", "100 firefighters and a helicopter": an indefinite article listed after a count
    counts one (alone, "a dog" is no figure the story states)."""
    article = one_of(language.indefinite_articles)
    listed = re.compile(rf"\s*,?\s*(?:{one_of(language.conjunctions)})\s+(?P<one>{article})\s+", re.IGNORECASE)
    out = []
    for _, end, dimension, *_ in taken:
        after = listed.match(sentence, end) if dimension == "count" else None
        if after is None:
            continue
        nouns, noun_end = reading.nouns(after.end())
        if nouns:
            start = after.start("one")
            out.append((start, noun_end, "count", nouns, 1.0, 1.0, False))
    return out


def _level(sentence: str, start: int, position: int, reading: _Reading,
           language: Language) -> tuple[tuple[str, ...], int] | None:
    """What a figure after a level verb counts ("The number of people injured ... has risen to 27": people; "The
    waiting list has reached 47,800": nothing named, its sentence tells), or None after any other word."""
    before = sentence[:start]
    if not language.level_verbs or not re.search(rf"\b(?:{one_of(language.level_verbs)})\s+$", before,
                                                 re.IGNORECASE):
        return None
    counted = re.search(rf"\b(?:{one_of(language.count_nouns)})\s+{language.partitive}\s+", before, re.IGNORECASE)
    return (reading.nouns(counted.end())[0] if counted else ()), position


def _counts_people(nouns: tuple[str, ...], language: Language) -> bool:
    return bool(nouns) and language.singular(fold(nouns[0], language)) in _people(language)


def _offset(sentence: str, match: re.Match, language: Language) -> bool:
    """Whether a duration dates an event: "two days later", "a week ago", and "two days after the crash" where
    it opens its clause (after "lasted", "for" or "took" it is the length of something)."""
    rest = sentence[match.end():].lstrip().lower()

    def next_is(options) -> bool:
        return any(rest.startswith(w) and not rest[len(w):len(w) + 1].isalpha() for w in options)

    if next_is(language.offset_words):
        return True
    before = sentence[:match.start()].rstrip()
    opens = not before or before[-1] in ",;:–—(" or before.lower().endswith(tuple(f" {w}" for w in
                                                                                  language.conjunctions))
    return opens and next_is(language.offset_links)


def _years_ago(sentence: str, match: re.Match, unit: str, language: Language) -> bool:
    """ "15 years ago", "a decade ago": the time since a start, which dates it as a length of years does."""
    after = re.match(rf"\s*(?:{one_of(language.ago_words)})\b", sentence[match.end():], re.IGNORECASE) \
        if language.ago_words else None
    return after is not None and language.units[unit][1] >= YEAR_DAYS * (1 - CALENDAR_SLACK)


def _month_after(sentence: str, position: int, language: Language) -> bool:
    following = re.match(r"\s*(\w+)", sentence[position:])
    return following is not None and following.group(1).lower() in language.months


def _quoted(text: str, language: Language) -> list[tuple[int, int]]:
    """The stretches of ``text`` in quotation marks."""
    from ..quotes.rules import quoted_segments

    return [(s.start, s.end) for s in quoted_segments(text, language)]


def _age(sentence: str, match: re.Match, language: Language) -> tuple | None:
    """ "Nathalie Brun, 34 ans,", "Graham Tully, 57,", "The driver, aged 61": an age set off after a name or a
    person is theirs, so it is about them; "À 46 ans, ..." is an age too (of nobody named)."""
    unit = (match.group("unit") or "").lower()
    bare = not unit and not language.age_units  # English: "Graham Tully, 57," (no unit said)
    if (unit not in language.age_units and not bare) or match.group("approx") or match.group("scale"):
        return None
    rules = _rules(language)
    before, aged = _without_age_word(sentence[:match.start()], language)
    named = rules.named_before.search(before)
    described = None if named else rules.described_before.search(before)
    at = None if bare else re.search(r"(?:^|\s)[Àà]\s+$", sentence[:match.start()])
    if named is None and described is None and at is None:
        return None
    if not aged and not re.match(r"\s*(?:[,.;)]|$)", sentence[match.end():]):
        return None
    value = _value(match.group("number"), language)
    if bare and (value is None or not 0 < value < 120 or value != int(value)):
        return None
    nouns = ((fold(named.group("name"), language),) if named else
             (language.singular(fold(described.group("noun"), language)),) if described else ())
    return (match.start(), match.end(), sentence[match.start():match.end()], "age", nouns, value, value, False)


def _without_age_word(before: str, language: Language) -> tuple[str, bool]:
    """The text before a figure without an age word ("The driver, aged " -> "The driver, "), and whether it had one."""
    stripped = before.rstrip()
    for word in language.age_words:
        if stripped.lower().endswith(word) and not stripped[-len(word) - 1:-len(word)].isalpha():
            core = stripped[:-len(word)].rstrip()
            return (core if core.endswith(",") else core + ",") + " ", True
    return before, False


def _age_decades(sentence: str, language: Language) -> list[tuple]:
    """ "A man in his sixties": an age between 60 and 69, of the noun before it."""
    out = []
    for match in _rules(language).age_decade.finditer(sentence):
        low = float(language.age_decades[match.group("decade").lower()])
        part = (match.group("part") or "").lower().rstrip("-")
        low, high = {"early": (low, low + 3), "mid": (low + 3, low + 6), "late": (low + 6, low + 9)}.get(
            part, (low, low + 9))
        owner = re.search(r"([^\W\d_][\w-]*)\s+$", sentence[:match.start()])
        nouns = (language.singular(fold(owner.group(1), language)),) if owner else ()
        out.append((match.start(), match.end(), match.group(0), "age", nouns, low, high, True))
    return out


@lru_cache(maxsize=8)
def _ones(language: Language) -> frozenset[str]:
    """The words for "one" (a lone "one" is a pronoun, not a count)."""
    return frozenset(word for word, value in language.number_words.items() if value == 1 and " " not in word)


def _noun_before(sentence: str, position: int, language: Language) -> tuple[str, ...]:
    """What a bare figure counts when the sentence named it first: "the count of dead fish stood at"."""
    match = _rules(language).noun_before.search(sentence[:position])
    return (language.singular(fold(match.group(1).split()[-1], language)),) if match else ()


def _whole_before(sentence: str, position: int, language: Language) -> tuple[str, ...]:
    """What a bare figure counts when a noun before it is made of it: "The crew of eight"."""
    match = _rules(language).whole_before.search(sentence, 0, position)
    noun = language.singular(fold(match.group("noun"), language)) if match else ""
    return (noun,) if noun and noun not in language.count_nouns else ()


def _vague(sentence: str, reading, language: Language) -> list[tuple]:
    out = []
    for match in _rules(language).vague.finditer(sentence):
        nouns, end = reading.nouns(match.end())
        vague = match.group("vague").lower()
        if not nouns or not (set(nouns) & _people(language) or vague not in language.people_only_vague):
            continue
        low, high = language.vague_quantities[vague]
        out.append((match.start(), end, sentence[match.start():end].strip(), "count", nouns, low, high, True))
    return out


FRACTION_SLACK = 0.05  # "a third" is 31.7% to 35%: a fraction is a rounded share


def _fractions(sentence: str, language: Language) -> list[tuple]:
    """Shares said as fractions: "a third of its staff", "nearly half the usual amount", "cut by a fifth"
    (not "half an hour", "the second half")."""
    if not language.fractions:
        return []
    pattern, leads, links = _fraction_patterns(language)
    out = []
    for match in pattern.finditer(sentence):
        approx = (match.group("approx") or "").lower()
        start = match.start()
        if language.approximators.get(approx) == "article" or not (
                leads.search(sentence, 0, start) or links.match(sentence, match.end())):
            continue
        if not approx and re.search(rf"\b(?:{one_of(language.definite_articles)})\s+(?:\w+\s+)?$", sentence[:start],
                                    re.IGNORECASE):
            continue  # "the second half of the year": a part, no share
        value = language.fractions[match.group("fraction").lower()]
        low, high = _interval(value, approx, "", language, FRACTION_SLACK)
        out.append((start, match.end(), match.group(0), "percent", (), low, high, False))
    return out


@lru_cache(maxsize=8)
def _fraction_patterns(language: Language) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    fraction = one_of(sorted(map(re.escape, language.fractions), key=len, reverse=True))
    approx = rf"(?:(?P<approx>{one_of(language.approximators)})\s+)?"
    links = (*language.fraction_links, *language.possessive_determiners)  # "a third of", "half their capacity"
    return (re.compile(rf"\b{approx}(?P<fraction>{fraction})\b(?![-\w])", re.IGNORECASE),
            re.compile(rf"\b(?:{one_of(language.fraction_leads)})\s+$", re.IGNORECASE),
            re.compile(rf"\s+(?:{one_of(links)})(?:\b|(?<=['’]))", re.IGNORECASE))


def _years(sentence: str, language: Language) -> list[tuple]:
    out = []
    for match in _rules(language).year.finditer(sentence):
        year = int(match.group("year"))
        high = year + 9 if match.group("decade") else year
        start = match.start("part") if match.group("part") else match.start("year")
        out.append((start, match.end(), sentence[start:match.end()], "year", (), float(year), float(high),
                    bool(match.group("decade") or match.group("part"))))
    return out


def _value(number: str, language: Language) -> float | None:
    plain = re.sub(rf"(?<=\d)[{re.escape(language.thousands_separators)}](?=\d)", "", number.lower())
    plain = plain.replace(language.decimal_mark, ".")
    number_words = language.number_words
    if plain in number_words:
        return float(number_words[plain])
    if "-" in plain:
        tens, _, unit = plain.partition("-")
        return float(number_words.get(tens, 0) + number_words.get(unit, 0)) or None
    try:
        return float(plain)
    except ValueError:
        return None


def _unit_key(unit: str | None, language: Language) -> str | None:
    if not unit:
        return None
    key, units = unit.lower(), language.units
    for spelling, spelt in language.unit_spellings:
        key = key.replace(spelling, spelt)
    if key in units:
        return key
    if key.endswith("es") and key[:-2] in units:
        return key[:-2]
    return key[:-1] if key.endswith("s") and key[:-1] in units else None


def _is_year(number: str, currency: str | None, scale: str) -> bool:
    return not currency and not scale and re.fullmatch(r"(?:19|20)\d{2}", number) is not None


def _money_word(nouns: tuple[str, ...], language: Language) -> bool:
    return bool(nouns) and nouns[0] in language.currency_nouns


def _nouns_after(sentence: str, position: int, language: Language) -> tuple[tuple[str, ...], int]:
    """Without a tagger: the next words (up to three) that are not function words."""
    nouns: list[str] = []
    end = last = position
    for _ in range(3):
        match = _NOUN_WORD.match(sentence, end)
        if not match:
            break
        word = match.group(1).lower()
        if word in language.not_nouns:
            if (word == "and" or word in language.conjunctions) and nouns:
                end = match.end()
                continue
            break
        nouns.append(language.singular(fold(word, language)))
        end = last = match.end()
        if sentence[end:end + 1] == ",":
            end += 1
    return _heads(nouns), last if nouns else position


def _heads(nouns: list[str]) -> tuple[str, ...]:
    """Keep the words most likely to be heads: all of them, last first ("dead fish" -> fish, dead)."""
    return tuple(reversed(nouns))


CALENDAR_MONTH = 28.0  # days: a duration counted in units this long or longer ...
CALENDAR_SLACK = 0.005  # ... is at best this exact either way (a year of 365 or 366 days; "52 weeks" is "a year")
UP_TO_LOW = 0.85  # "up to N", "as many as N": the figure is near the top, at least this share of N
UP_TO_SLACK = 0.03  # two such tops further apart than this share are two claims


def _interval(value: float, approx: str, number: str, language: Language,
              least: float = 0.0) -> tuple[float | None, float | None]:
    """The values a stated number allows: figures and "about" 3% either way (rounding; at least ``least``),
    bounds one way."""
    bound = language.approximators.get(approx)
    if bound == "above":
        return value * 1.0001, None
    if bound == "at least":
        return value, None
    if bound == "below":
        return 0.0, value
    if bound == "nearly":
        return value * 0.9, value
    if bound == "up to":  # "as many as 450": a high figure, the top of what was counted, not any lower one
        return value * UP_TO_LOW, value
    tolerance = max(least, _tolerance(number, language) if re.search(r"\d", number) or approx else 0.0)
    if bound == "about":
        tolerance = max(tolerance, _rounding(number, language))
    return value * (1 - tolerance), value * (1 + tolerance)


ABOUT_ROUNDING = 0.25  # "about 40": within a quarter of its rounding (10) either way, 37.5 to 42.5


def _rounding(number: str, language: Language) -> float:
    """How far "about" takes a round figure, as a share of it: a quarter of the unit it is rounded to
    ("about 40": 6%, "about 300": 8%, "about 240": 1%)."""
    digits = re.sub(r"\D", "", number.split(language.decimal_mark)[0])
    if not digits or language.decimal_mark in number or not int(digits):
        return 0.0
    unit = 10 ** (len(digits) - len(digits.rstrip("0")))
    return ABOUT_ROUNDING * unit / int(digits)


def _tolerance(number: str, language: Language = lang.DEFAULT) -> float:
    """How far a figure may be from another it agrees with: half its last significant digit
    ("4,870": 0.1%; "41": 1.2%), at most 3% (round figures: "5,000", "40", "about 12,000")."""
    mark = language.decimal_mark
    digits = re.sub(r"\D", "", number.split(mark)[0])
    if not digits or mark in number:
        return 0.03
    significant = digits.rstrip("0")
    unit = 10 ** (len(digits) - len(significant))
    return min(0.03, 0.5 * unit / max(int(digits), 1))


# -- relating two facts ------------------------------------------------------

@lru_cache(maxsize=8)
def _people(language: Language) -> frozenset[str]:
    """What people nouns look like among a fact's nouns: folded and singular, and the lemmas a tagger gives."""
    return frozenset(language.singular(fold(w, language)) for w in language.people_nouns) | language.people_lemmas


RELATIONS = ("agree", "conflict", "differs")
CONTEXT_FLOOR = 3  # words: two facts sharing one of a context this small share no more than a third
SAME_THING = 0.5


def same_thing(a: Fact, b: Fact, language: Language = lang.DEFAULT) -> float:
    """How likely two facts speak of the same thing, 0 to 1."""
    if _dates_other(a, b) or _dates_other(b, a):
        year, started = (a, b) if _dates_other(a, b) else (b, a)
        return _same_start(*_in_years(year, started), language)
    if not _same_dimension(a.dimension, b.dimension) or (a.former, a.past, a.change) != (b.former, b.past, b.change):
        return 0.0  # a budget now and the budget first set are two things; so are this fire and the 2018 one
    shared_context = len(a.context & b.context) / max(CONTEXT_FLOOR, min(len(a.context), len(b.context)))
    nouns = _noun_match(a, b, language)
    prior = _value_prior(a, b)
    if a.dimension == "count":
        base = {1.0: SPECIFIC_NOUN if _specific(a, language) else 0.4, 0.75: 0.3}.get(nouns, 0.15)
        return 0.0 if nouns == 0 else max(0.0, min(1.0, base + shared_context + prior))
    if a.dimension == "age":
        return _same_owner(a, b, language)
    if a.dimension == "year":  # two years of starting in one sense ("founded in 1983" / "founded ... in 1985")
        near = abs(a.low - b.low) <= START_NEAR_YEARS  # 1987 and 2015: a founding and a taking over
        started = shared_context and near and _starts(a, language) and _starts(b, language)
        return shared_context + START_BOTH * bool(started)
    if a.dimension == "role":
        return 1.0 if a.nouns == b.nouns else 0.0
    # A measure (length, money, duration, share, series length) is rarer in a story than a count; two durations
    # of about the same length in one story are likely one ("three days" / "reopened after three days").
    # ("at least a week" and "more than 30 years", both open, overlap and say nothing by it)
    both_open = _open_ended(a) and _open_ended(b)
    overlap = 0.15 if a.dimension == "duration" and not (_disjoint(a, b) or both_open) else 0.0
    return max(0.0, min(1.0, 0.25 + 0.3 * nouns + shared_context + overlap + prior
                        + (0.2 if a.dimension == "episodes" else 0.0)))


CLOSE_RATIO, CLOSE_BONUS = 1.3, 0.15  # two figures this near (a ratio) are likelier one thing told twice ...
FAR_RATIO, FAR_PENALTY = 3.0, 0.35  # ... and this far apart, likelier two things (outlets rarely differ threefold)


SPECIFIC_NOUN = 0.5  # one story counting "helicopters" twice counts one thing; "people" are counted many ways


def _specific(fact: Fact, language: Language) -> bool:
    """Whether what a count counts is no kind of person (those a story counts in many ways)."""
    return bool(fact.nouns) and not {language.singular(n) for n in fact.nouns} & _people(language)


def _value_prior(a: Fact, b: Fact) -> float:
    """What the figures themselves say of being one thing: near ones likelier, far ones less likely, except a
    slip of a power of ten ("a 4-metre crack" / "41 centimetres"), which is one thing misreported."""
    ratio = _ratio(_typical(a), _typical(b))
    if ratio is None:
        return 0.0
    if ratio <= CLOSE_RATIO:
        return CLOSE_BONUS
    slip = math.log10(ratio)
    if ratio > FAR_RATIO and (a.dimension == "duration" or abs(slip - round(slip)) > POWER_OF_TEN_SLIP):
        return -FAR_PENALTY  # a length of time slips by units ("40 minutes" / "40 hours"), not by tens
    return 0.0


POWER_OF_TEN_SLIP = 0.02  # a ratio within ~5% of 10, 100, 1000: a slipped decimal point or unit


def _typical(fact: Fact) -> float | None:
    """A fact's figure: the middle of its interval, or its one bound."""
    if fact.low is None and fact.high is None:
        return None
    if fact.high is None or not fact.low:
        return fact.low or fact.high
    return (fact.low + fact.high) / 2


def _ratio(a: float | None, b: float | None) -> float | None:
    if not a or not b or a < 0 or b < 0:
        return None
    return max(a, b) / min(a, b)


def _same_dimension(a: str, b: str) -> bool:
    """Whether two facts measure alike: one dimension, or sums of money where one does not state its currency."""
    return a == b or (a.startswith("money") and b.startswith("money") and "money" in (a, b))


def _noun_match(a: Fact, b: Fact, language: Language) -> float:
    if not a.nouns or not b.nouns:
        return 0.5
    nouns_a, nouns_b = set(map(language.singular, a.nouns)), set(map(language.singular, b.nouns))
    stem = lang.stemmer(language.code)
    if nouns_a & nouns_b or {stem(n) for n in nouns_a} & {stem(n) for n in nouns_b}:
        return 1.0  # "one person" / "two people" too, and "nursing posts" / "nurses"
    if any(nouns_a & group and nouns_b & group for group in language.count_synonyms):
        return 0.75  # "60 posts" / "75 jobs", "15 families" / "a dozen households"
    people, generic = _people(language), set(language.generic_people)
    if (nouns_a & generic and nouns_b & people) or (nouns_b & generic and nouns_a & people):
        return 0.75  # "more than 60 people" may well be "43 parents, teachers and head teachers"
    kinds = (people, language.series_nouns)
    return 0.5 if any(nouns_a & kind and nouns_b & kind for kind in kinds) else 0.0


def _same_owner(a: Fact, b: Fact, language: Language) -> float:
    """Whether two ages are of one person: one name or noun ("Amara Kibet", "the driver"), or one side's
    named in the other's sentence ("The driver, 63" / "The driver, a 61-year-old man")."""
    if a.nouns == b.nouns or set(a.nouns) & set(b.nouns):
        return 1.0
    stem = lang.stemmer(language.code)
    named_a, named_b = {stem(n) for n in a.nouns}, {stem(n) for n in b.nouns}
    return 0.75 if named_a & b.context or named_b & a.context else 0.0


def relation(a: Fact, b: Fact) -> str:
    """agree, conflict or differs: one is vague, or a bound ("more than 60", "at least 50") that the other
    figure fits without confirming it ("about 60", "more than 70")."""
    if (a.vague or _open_ended(a) or b.vague or _open_ended(b)) and (a.low, a.high) == (b.low, b.high):
        return "agree"
    if a.vague or b.vague:
        return "conflict" if _disjoint(a, b) and a.low is not None and b.low is not None else "differs"
    if a.bound == b.bound == "up to" and a.high and b.high and abs(a.high - b.high) > UP_TO_SLACK * max(a.high, b.high):
        return "conflict"  # "up to 80 firefighters" / "as many as 100": two tops reached, not one
    if _disjoint(a, b):
        return "conflict"
    return "differs" if _open_ended(a) or _open_ended(b) else "agree"


def _open_ended(fact: Fact) -> bool:
    """A bound one way only: "more than 60", "at least two years", "fewer than 50"."""
    return fact.high is None or (fact.low == 0.0 and (fact.high or 0.0) > 0.0)


def _disjoint(a: Fact, b: Fact) -> bool:
    low_a, high_a = a.low if a.low is not None else float("-inf"), a.high if a.high is not None else float("inf")
    low_b, high_b = b.low if b.low is not None else float("-inf"), b.high if b.high is not None else float("inf")
    return high_a < low_b or high_b < low_a


def related(a: Fact, b: Fact, language: Language = lang.DEFAULT) -> str | None:
    """The relation of two facts, or None when they speak of different things."""
    return relation(*_in_years(a, b)) if same_thing(a, b, language) >= SAME_THING else None


def _dates_other(a: Fact, b: Fact) -> bool:
    """Whether ``a`` is a year and ``b`` an age or length of years that dates its start: "opened in 1869" and
    "has been operating for 157 years"."""
    return a.dimension == "year" and b.began is not None


def _in_years(a: Fact, b: Fact) -> tuple[Fact, Fact]:
    """The two facts, an age or length of years set against a year as the years it began."""
    if _dates_other(a, b):
        return a, replace(b, dimension="year", low=b.began[0], high=b.began[1])
    if _dates_other(b, a):
        return replace(a, dimension="year", low=a.began[0], high=a.began[1]), b
    return a, b


START_BASE, START_NEAR_YEARS = 0.2, 3.0  # a year and a start dated this near it are likelier one start
START_MARKED, START_OWNER = 0.15, 0.3  # ... likelier when the year is one of starting, likelier still of its owner


def _same_start(year: Fact, started: Fact, language: Language) -> float:
    """How likely a year and an age or length of years speak of one start: their words, whether the year is
    one of starting ("founded in 1983", "since 2016"), whether it names the thing aged ("The factory, built in
    1998" / "The 28-year-old factory"), and how near the years."""
    shared = len(year.context & started.context) / max(CONTEXT_FLOOR, min(len(year.context), len(started.context)))
    stem = lang.stemmer(language.code)
    owner = bool({stem(n) for n in started.nouns} & year.context)
    marked = _starts(year, language)
    if not (shared or owner or marked) or (not shared and _other_people(year, started, language)):
        return 0.0  # "Charron, aide-soignante depuis 2011" is not "Kerbrat, sage-femme depuis dix-huit ans"
    near = abs((year.low + year.high) / 2 - (started.low + started.high) / 2) <= START_NEAR_YEARS
    owner = owner and (near or marked)  # "the 28-year-old factory" and its 2019 refit: another event of it
    nearness = CLOSE_BONUS if near else -CLOSE_BONUS  # far apart, likelier two starts ("paru en 2024")
    return max(0.0, min(1.0, START_BASE + shared + nearness + START_MARKED * marked + START_OWNER * owner))


def _other_people(a: Fact, b: Fact, language: Language) -> bool:
    """Whether the two facts' sentences name people, and none of them both."""
    named_a, named_b = _surnames(a.sentence, language), _surnames(b.sentence, language)
    return bool(named_a and named_b and not named_a & named_b)


def _surnames(sentence: str, language: Language) -> frozenset[str]:
    """The surnames of the people a sentence names ("Sophie Kerbrat" -> "kerbrat")."""
    found = re.finditer(rf"[{language.capitals}][\w'’-]+(?:\s+[{language.capitals}][\w'’-]+)+", sentence)
    return frozenset(fold(m.group().split()[-1], language) for m in found
                     if looks_like_person_name(m.group(), language))


START_BOTH = 0.3  # two years, both of starting and sharing words, are likelier one start told twice


def _starts(year: Fact, language: Language) -> bool:
    """Whether a year is one something began in: "founded in 1983", "since 2016"."""
    return "found" in year.context or _after_start_word(year, language)


def _after_start_word(year: Fact, language: Language) -> bool:
    at = year.sentence.find(year.text)
    return at > 0 and re.search(rf"\b(?:{one_of(language.start_prepositions)})\s+$", year.sentence[:at],
                                re.IGNORECASE) is not None


def best_matches(facts: Sequence[Fact], others: Sequence[Fact],
                 language: Language = lang.DEFAULT) -> list[tuple[Fact, Fact, float]]:
    """For each fact, the fact among ``others`` most likely about the same thing (if any)."""
    pairs = []
    for fact in facts:
        scored = [(same_thing(fact, other, language), other) for other in others]
        scored = [(s, o) for s, o in scored if s >= SAME_THING]
        if scored:
            score, other = max(scored, key=lambda item: item[0])
            pairs.append((fact, other, score))
    return pairs
