"""``Language``: everything a stage needs to know of one language, in one frozen record.

Word lists that end up in regular expressions are regex alternatives, tried in the order given (a plain
word matches itself; ``"organi[sz]ation"`` is a pattern); the other lists and sets are compared as words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module

from .sentences import SentenceRule

__all__ = ["KindCues", "Language", "load_stop_words"]

Words = tuple[str, ...]
Interval = tuple[float | None, float | None]


@dataclass(frozen=True)
class KindCues:
    """What shows that a name is of one kind (regex alternatives, matched ignoring case, for ``before`` and
    ``after``; lowercase words for the others)."""

    before: Words = ()  # right before the name: "residents of", "based in"
    weak_before: Words = ()  # the same, weaker evidence: "in"
    after: Words = ()  # right after it: "-based", "residents"
    strong_after: Words = ()  # the same, near proof: "X, 47,", "X, who"
    last_words: frozenset[str] = frozenset()  # a name ending with one: "Valley Road"
    first_words: frozenset[str] = frozenset()  # a name of two words or more opening with one: "River Avel"


@dataclass(frozen=True, eq=False)
class Language:
    """One language's models, rules and word lists. One instance per language, compared by identity
    (stages cache what they build from it); never changed once made."""

    # -- identity and models
    code: str
    name: str
    spacy_model: str | None  # registry package of the spaCy pipeline (None: no named entities)
    spacy_stop_words: str | None  # ``spacy.lang.<this>`` whose ``STOP_WORDS`` are the stop words
    stemmer: str | None  # Snowball stemmer name (None: words are not stemmed)
    quote_tagger: bool  # whether the trained quote tagger reads the language (else the rules do)
    entity_labels: Mapping[str, str]  # spaCy entity label -> presslens kind

    # -- sentences, quotation marks, spelling
    quote_sentence: SentenceRule  # the sentence around a quote or cue (quotes)
    fact_sentence: SentenceRule  # the sentences of an article (facts, outlet-only content)
    opening_quotes: str  # marks that open a quotation
    closing_quotes: str  # marks that close one
    comparison_stop_words: frozenset[str]  # words that say nothing of what a text is about (compare)
    spelling_variants: Mapping[str, str]  # a word -> the one spelling names use ("centre" -> "center")
    spelling_rules: tuple[tuple[str, str], ...]  # (regex, replacement) on a folded word's ending
    possessive_endings: Words  # endings dropped from a name ("'s"), longest first
    capitals: str  # the capital letters, as the contents of a regex character class ("A-Z")
    quote_inner_space: bool  # whether a quotation mark followed by a space may open a quote ("« Oui »")

    # -- function words (a word ending in an apostrophe is elided: "l'", "qu'"; nothing separates it from the next)
    articles: Words  # dropped before a name or role
    possessive_determiners: Words  # "his": before a description standing for a name
    definite_articles: Words  # "the": before a description standing for a name
    indefinite_articles: Words  # "a", "an"
    complementisers: Words  # "that" after a reporting verb
    name_particles: Words  # lowercase words inside a name ("of", "van")
    acronym_particles: Words  # lowercase words inside a long form an acronym stands for
    organisation_particles: Words  # lowercase words inside an organisation's name

    # -- pronouns
    subject_pronouns: Words  # a speaker as a quote rule finds it, in each case it is written
    personal_pronouns: frozenset[str]  # a speaker that is the last person named
    relative_pronouns: frozenset[str]  # a speaker that is the name just before ("who")
    possessive_relatives: Words  # "whose ...": a speaker that is the name just before
    group_pronouns: frozenset[str]  # a speaker that names nobody
    plural_pronouns: frozenset[str]  # ... except the previous speaker, for these
    speaker_pronouns: frozenset[str]  # speaker names that are no names (compare)
    # Titles as the French rules read them: a title set off before the name ("La maire de Valcourt, Hélène
    # Marchal,") is a role; a title speaking with no holder ("l'élue") is the nearest person named with a role;
    # a description naming an organisation ("la direction de Morvelec Logistique") is that organisation; a
    # pronoun never stands for a name inside a quotation.
    title_speakers: bool

    # -- speech
    reporting_verbs: Words  # cues of the quote rules
    inverted_cues: Words  # verbs a subject pronoun follows with a hyphen in an incise ("ajoute-t-il", "dit-elle")
    auxiliaries: Words  # "a" in "a-t-elle ajouté": the auxiliary of an inverted compound cue ...
    participles: Words  # ... and the participles that follow it
    clitic_pronouns: Words  # the pronouns of inverted cues ("il", "elle")
    cue_fillers: Words  # words between a cue and what it reports ("aussi", "de son côté"); weekdays count too
    coordinators: Words  # what joins a second cue to the subject of the first ("et a affirmé que")
    according_to: Words  # "according to X"
    according_to_initial: Words  # "Pour X, ...": the same, only opening a sentence and with a comma after X
    speech_verbs: Words  # a name before or after these speaks, so it is a person
    addressee_words: frozenset[str]  # a name right after these is spoken or written to ("a letter to X", "urged X")
    passive_auxiliaries: Words  # "is described", "était attendu": a cue that opens with these names no speaker
    apposition_verbs: Words  # these may end a role in apposition
    channels: Mapping[str, str]  # a word near the cue -> the channel
    earlier_markers: Words  # a quote said on an earlier occasion
    repeat_markers: Words  # a quote said again: "repeating the phrase she used when the row began"
    event_prepositions: Words  # before the event a quote was said at
    event_determiners: Words  # ... and the words that may open its name
    event_nouns: Words  # the events

    # -- people, organisations, works
    honorifics: frozenset[str]  # dropped before a name, lowercase without the full stop
    role_words: Words  # words that make a phrase a role or title
    role_lead_words: frozenset[str]  # dropped from the start of a title before a name
    group_nouns: Words  # "the organisation": a speaker standing for an organisation named earlier
    not_name_words: frozenset[str]  # words of organisation and place names, never of a person's
    sentence_case_names: bool  # names capitalise their first word only: "Agence régionale de santé de Loire"
    organisation_heads: Words  # ... and these open an organisation's name so written ("Centre", "Comité") ...
    place_nouns: Words  # ... and these a place's, before its proper name ("zone des Salines", "quai Jean-Bart")
    legal_forms: frozenset[str]  # what may follow an organisation's short name ("Ltd")
    reference_modifiers: Words  # "city" in "the city council"
    reference_nouns: Words  # "the Center": a head noun standing for an organisation named earlier
    organisation_context: Words  # what follows a name only when it is an organisation
    work_nouns: Words  # "series", "film": what a work title follows
    title_verbs: Words  # "called", "titled" between the noun and the title
    work_description_links: Words  # what may follow "Glasshouse, a teen drama" ("about", "that")
    title_small_words: Words  # lower-case words inside a title ("of", "the" in "Out of the Rough")
    described_title_nouns: Words  # ... and these too in "Lennox, a novel named after" (with the bare ones)
    bare_title_nouns: Words  # nouns a title may follow with no comma or quotation marks ("the thriller Night Rounds")
    complement_prepositions: Words  # "of" in "Rosa Delgado of Omaha, who ...": the name after it is no subject
    outlet_words: frozenset[str]  # what a one-word outlet name is ("the Ledger", "l'Écho"): never a place's name
    kind_cues: Mapping[str, KindCues]  # kind -> what shows a name is of it (``entities.kinds``)

    # -- numbers, quantities and facts
    decimal_mark: str  # "." in "4.5"
    thousands_separators: str  # "," in "12,000" (and the spaces a language sets there)
    default_currency: str  # the currency sign of money named without one ("4 millions d'euros" -> "€")
    number_words: Mapping[str, int]  # a number written in words -> its value
    number_pattern: str  # regex alternatives for the numbers in words, in the order they are tried
    scales: Mapping[str, float]  # "million" -> 1e6, in the order they are tried
    units: Mapping[str, tuple[str, float]]  # unit -> (dimension, factor to its base unit)
    unit_pattern: Words  # the units as written (plurals, spellings)
    unit_spellings: tuple[tuple[str, str], ...]  # (spelling, the one the units use)
    currencies: Mapping[str, str]  # symbol (lowercase) -> ISO code
    currency_nouns: frozenset[str]  # a count of these is money
    money_words: Words  # a sentence about money
    vague_quantities: Mapping[str, Interval]  # "dozens of" -> (24, 99)
    people_only_vague: frozenset[str]  # vague words that count only with a people noun
    approximators: Mapping[str, str]  # "about" -> how it bounds the number (see ``compare.facts``)
    conjunctions: Words  # "and" between the nouns a number counts
    people_nouns: Words  # nouns that count people
    people_lemmas: frozenset[str]  # lemmas of people nouns that ``singular`` does not give
    series_nouns: frozenset[str]  # nouns that count the parts of a series
    not_nouns: frozenset[str]  # function words that end what a number counts
    rate_words: Words  # "every": the number is a rate
    per_period_words: Words  # "a", "per" in "four days a week": a duration that is a rate
    time_determiners: Words  # "last" in "£31 million last year": a time after a figure ...
    time_nouns: Words  # ... of these nouns
    offset_words: Words  # "two days later": a duration that dates an event, not the length of one
    offset_links: Words  # "two days after the crash" dates an event when it opens its clause (not "lasted ... before")
    times_of_day: Words  # a number in one of these is a time, no quantity ("à 7 heures", "2 heures du matin")
    age_units: Words  # a figure of these set off after a name is that person's age ("Nathalie Brun, 34 ans,")
    age_words: Words  # "aged" in "The driver, aged 61": the figure is an age
    age_decades: Mapping[str, int]  # "sixties" in "a man in his sixties" -> 60
    age_decade_leads: Words  # "in his" before such a decade
    frequency_words: Words  # "twice" in "twice a day": "a day" there is a rate, no length
    approximate_suffixes: Words  # "or so" after a figure: about it
    half_suffixes: Words  # "and a half" after a duration: half a unit more
    past_openers: Words  # "In" of a sentence opening "In 2018 a fire ...": what it states is of that year
    past_links: Words  # "when" in "since 2018, when 500 hectares burned": what follows is of that year
    generic_people: Words  # "person": the singular that counts people of any kind ("60 people" / "43 parents")
    fractions: Mapping[str, float]  # "a third" -> 33.3: a share, when "of" or "the" follows or "by" comes before
    fraction_links: Words  # "of", "the" after a fraction ("a third of", "half the usual amount")
    fraction_leads: Words  # "by" before one ("fallen by a third")
    level_verbs: Words  # "has reached", "risen to": a figure after these is the level a count reached
    count_synonyms: tuple[frozenset[str], ...]  # nouns (singular) a count of one is a count of the others
    start_prepositions: Words  # "since" before a year: the year something began ("head teacher since 2016")
    ago_words: Words  # "ago" after a length of years: it dates a start ("first elected 15 years ago": 2011)
    change_markers: Words  # "an extra", "a rise of" before a figure: a change, not the level it changes
    former_markers: Words  # "up from", "an original" before a figure: a former value, not the one now
    facts_in_quotes: bool  # whether a figure inside quotation marks is a fact of the story (else it is words said)
    day_month_dates: bool  # whether a number before a month is its day ("le 25 avril"), no count
    # whether what a fact counts leaves its context in every form ("manifestants" as well as the lemma
    # "manifestant"); English keeps the plural in, as its fact pairs were measured
    counted_out_of_context: bool
    count_nouns: Words  # "the number of ... stood at"
    fact_senses: Mapping[str, str]  # a word around a figure -> its sense ("hurt", "injured" -> "injure")
    partitive: str  # "of" between a count noun and what it counts
    partitive_forms: Words  # its other forms ("du", "d'"), which also join a scale to what it counts
    count_verbs: Words  # "stood at"
    year_prepositions: Words  # "in 2019"
    decade_parts: Words  # "the early 1990s"
    singular: Callable[[str], str]  # a (folded, lowercase) noun's singular

    # -- calendar
    weekdays: Words
    months: Words

    # -- words the brief prints for its readers (``compare.markdown``): a key -> the text in this language
    brief_words: Mapping[str, str]

    @property
    def stop_words(self) -> frozenset[str]:
        """spaCy's stop words for the language, as spaCy writes them (empty when spaCy has none)."""
        return load_stop_words(self.spacy_stop_words)

    def __repr__(self) -> str:
        return f"Language({self.code!r})"


@lru_cache(maxsize=64)
def load_stop_words(code: str | None) -> frozenset[str]:
    """The one source of stop words: ``spacy.lang.<code>.stop_words.STOP_WORDS`` (empty when spaCy has none)."""
    try:
        words = import_module(f"spacy.lang.{code}.stop_words").STOP_WORDS
    except ModuleNotFoundError:
        return frozenset()
    return frozenset(words)
