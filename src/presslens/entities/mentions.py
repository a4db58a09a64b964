"""Entity mentions in one text: spaCy's named entities, corrected and completed by rules.

- Kinds: person, organisation, work, place (spaCy's NORP, dates, numbers are dropped).
- One kind per name in a text: the small model calls "Netflix" a place in one sentence
  and an organisation in the next; the majority wins, organisations on a tie.
- Works: a title after "series", "show", "drama", "film" ... in quotation marks or set
  off by commas ("The series, Baby, which ...") makes every mention of it a work.
- Acronyms defined in the text ("National Center on Sexual Exploitation (NCOSE)") make
  every later "NCOSE" an organisation mention.
- Names in sentence case (``Language.sentence_case_names``: French), which the model cuts short or misses:
  an organisation opening with its kind ("Centre hospitalier de Valcourt", "Agence régionale de santé de
  Loire-Vérène (ARS)", "Comité local des pêches"), a name after the kind of organisation it is ("la société
  Morvelec Logistique", "le collectif Sauvons la maternité"), a place with its kind ("zone portuaire des
  Salines", "quai Jean-Bart"); and a capitalised word opening a sentence that the text also writes in lower case
  ("Contactée", "Samedi") is no name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .. import lang
from ..lang import Language
from ..lang.patterns import capitalised, one_of, one_of_followed
from ..records import ENTITY_KINDS
from .kinds import CUE, organisation_extent, vote_kinds
from .names import organisation_key, whole_word_spans

KINDS = ENTITY_KINDS


@dataclass(frozen=True, slots=True)
class _Rules:
    """A language's mention rules, compiled."""

    work_quoted: re.Pattern[str]  # 'the series "Baby"'
    work_apposed: re.Pattern[str]  # 'the series, Baby,'
    work_bare: re.Pattern[str] | None  # 'the thriller Night Rounds'
    work_described: re.Pattern[str]  # 'Glasshouse, an eight-episode drama that'
    complement_of: re.Pattern[str]  # 'of the' right before a work noun
    acronym: re.Pattern[str]  # 'National Center on Sexual Exploitation (NCOSE)'
    leading_article: re.Pattern[str]  # 'The' opening an acronym's long form
    # What follows a name when it is a company or group rather than a place ("Netflix bosses",
    # "Netflix has described it", "Netflix's new show").
    organisation_context: re.Pattern[str]


@lru_cache(maxsize=8)
def _rules(language: Language) -> _Rules:
    """The mention rules of a language, compiled once."""
    works = one_of(language.work_nouns)
    possessive_s = one_of(re.escape(e) for e in language.possessive_endings if len(e) > 1)
    # A title: capitalised words, with the small words titles keep in lower case between them ("Out of the Rough").
    title = rf"[A-Z][\w'’-]*(?:\s+(?:(?:{one_of(language.title_small_words)})\s+){{0,2}}[A-Z][\w'’-]*){{0,5}}"
    determiners = one_of(language.indefinite_articles + language.definite_articles + language.possessive_determiners)
    # after "Glasshouse, an eight-episode ...": nouns no verb reads as ("Bush, the reports show." is no show)
    described = one_of((*language.bare_title_nouns, *language.described_title_nouns))
    return _Rules(
        re.compile(rf"\b(?:{works})\b,?\s+(?:{one_of_followed(language.title_verbs)})?"
                   rf"[\"'“‘](?P<title>[^\"'”’\n]{{1,60}}?)[\"'”’]", re.IGNORECASE),
        re.compile(rf"\b(?:{works}),\s+(?P<title>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,5}}),", re.IGNORECASE),
        re.compile(rf"\b(?:{one_of(language.bare_title_nouns)})\s+(?-i:(?P<title>{title}))",
                   re.IGNORECASE) if language.bare_title_nouns else None,
        re.compile(rf"(?-i:(?P<title>{title})),\s+(?:{determiners})\s+(?:[\w'’-]+\s+){{0,3}}"
                   rf"(?:{described})(?:[,.;:]|\s+(?:{one_of(language.work_description_links)})\b)", re.IGNORECASE),
        re.compile(rf"(?<![\w-])(?:{one_of(language.complement_prepositions)})\s+(?:(?:{determiners})\s+)?$",
                   re.IGNORECASE),
        re.compile(rf"(?P<long>[A-Z][\w&'’-]*(?:\s+(?:{one_of(language.acronym_particles)})?\s*[A-Z][\w&'’-]*)+)"
                   rf"\s+\((?P<short>[A-Z]{{2,8}})\)"),
        re.compile(rf"^{capitalised(language.definite_articles)}\s+"),
        re.compile(rf"(?:{possessive_s})?\s+(?:{one_of(language.organisation_context)})\b", re.IGNORECASE))


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A mention in a text (offsets into that text), its kind, and why it is one."""

    start: int
    end: int
    text: str
    kind: str
    source: str = "ner"
    expands: str | None = None  # the long form an acronym stands for


def find_mentions(text: str, named: Iterable, language: Language = lang.DEFAULT) -> list[EntityMention]:
    """Mentions from spaCy entity spans (anything with start, end, text, label) plus rules."""
    labels = language.entity_labels
    mentions = [EntityMention(e.start, e.end, e.text, labels[e.label]) for e in named if e.label in labels]
    mentions = [_completed(text, _trim(text, _not_a_person(m, language), language), language) for m in mentions]
    mentions = [m for m in mentions if m.end > m.start]
    if language.sentence_case_names:
        from .sentence_case import name_mentions, not_names

        mentions = not_names(text, mentions, language) + name_mentions(text, mentions, language)
    works = _work_titles(text, language, [m for m in mentions if m.kind == "person"])
    acronyms = _acronyms(text, language)
    if language.sentence_case_names:
        from .sentence_case import acronyms_in_sentence_case

        acronyms = {**acronyms_in_sentence_case(text, language), **acronyms}
    mentions = [m for m in mentions if _key(m.text, language) not in works and m.text not in acronyms]
    mentions += _occurrences(text, works, "work", "rule:work-title",
                             _work_articles(text, language) if language.sentence_case_names else ())
    mentions += [EntityMention(s, e, text[s:e], "organisation", "rule:acronym", acronyms[text[s:e]])
                 for s, e in _word_positions(text, acronyms)]
    mentions = _vote_kinds(text, [m for m in mentions if text[max(m.start - 1, 0):m.start] != "#"], language)
    return _without_overlaps([m for m in mentions if m.kind in KINDS])


def _not_a_person(mention: EntityMention, language: Language) -> EntityMention:
    """ "Northfield Rovers" or "Portmere Harbour Authority" labelled PERSON: an organisation."""
    words = {w.lower() for w in mention.text.split()}
    if mention.kind == "person" and words & language.not_name_words:
        return EntityMention(mention.start, mention.end, mention.text, "organisation", mention.source)
    return mention


def _completed(text: str, mention: EntityMention, language: Language) -> EntityMention:
    """A place or person the model cut short of the organisation it opens: "Nebraska" of "Nebraska Legislature"."""
    end = organisation_extent(text, mention.end, language) if mention.kind != "work" else None
    if end is None:
        return mention
    return EntityMention(mention.start, end, text[mention.start:end], "organisation", mention.source)


def _trim(text: str, mention: EntityMention, language: Language) -> EntityMention:
    """Drop a possessive ending from the span: "Netflix's" -> "Netflix"."""
    surface = text[mention.start:mention.end]
    ending = next((e for e in language.possessive_endings if surface.endswith(e)), "")
    end = mention.end - len(ending)
    return EntityMention(mention.start, end, text[mention.start:end], mention.kind, mention.source, mention.expands)


def _key(surface: str, language: Language) -> str:
    return organisation_key(surface, language)


def _work_titles(text: str, language: Language, people: Sequence[EntityMention] = ()) -> set[str]:
    """Keys of the titles of works: after "series", "film" ... in quotation marks, set off by commas or right after
    the noun ("the thriller Night Rounds"), or described after it ("Glasshouse, an eight-episode drama that"); not a
    person's full name the model found after a work that completes another noun ("le producteur du film, Karim
    Benali,")."""
    titles = set()
    rules = _rules(language)
    for pattern in filter(None, (rules.work_quoted, rules.work_apposed, rules.work_bare, rules.work_described)):
        for match in pattern.finditer(text):
            title = match.group("title").strip()
            start = match.start("title") + match.group("title").index(title) if title else 0
            completes = rules.complement_of.search(text, max(0, match.start() - 30), match.start())
            if pattern in (rules.work_apposed, rules.work_bare) and completes and len(title.split()) > 1 and any(
                    p.start == start and p.text == title for p in people):
                continue  # "the producer of the film, Karim Benali," names the producer
            if pattern is rules.work_apposed and not all(w[:1].isupper() or w.lower() in language.title_small_words
                                                         for w in title.split()):
                continue  # "a book, Beck said,": no title
            if title and title[0].isupper() and len(title.split()) <= 6:
                titles.add(_key(title, language))
    return titles


def _work_articles(text: str, language: Language) -> tuple[str, ...]:
    """The articles a work's title may open with where names keep them ("La Saison des digues")."""
    return tuple(a.capitalize() for a in language.definite_articles)


def _acronyms(text: str, language: Language) -> dict[str, str]:
    found = {}
    rules = _rules(language)
    for match in rules.acronym.finditer(text):
        long_form, short = rules.leading_article.sub("", match.group("long")), match.group("short")
        initials = "".join(w[0].upper() for w in re.findall(r"[\w'’-]+", long_form))
        if short[0] == long_form[0] and set(short) <= set(initials):
            found[short] = long_form
    return found


def _word_positions(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    out = []
    for word in words:
        out += whole_word_spans(text, word)
    return out


def _occurrences(text: str, keys: set[str], kind: str, source: str,
                 articles: Sequence[str] = ()) -> list[EntityMention]:
    """Every capitalised occurrence of names whose key is in ``keys`` (with a capitalised article of
    ``articles`` right before it: "La Saison des digues")."""
    out = []
    lead = "".join(f"{re.escape(a[:-1])}['’]\\s*|" if a.endswith(("'", "’")) else f"{re.escape(a)}\\s+|"
                   for a in articles)
    prefix = f"(?:(?-i:{lead[:-1]}))?" if lead else ""
    for key in keys:
        pattern = r"(?<![\w-])" + prefix + r"\W+".join(re.escape(w) for w in key.split()) + r"(?![\w-])"
        for match in re.finditer(pattern, text, re.IGNORECASE):
            if match.group()[0].isupper():
                out.append(EntityMention(match.start(), match.end(), match.group(), kind, source))
    return out


def _vote_kinds(text: str, mentions: Sequence[EntityMention], language: Language) -> list[EntityMention]:
    """One kind per name within the text (``kinds.vote_kinds``: the model's labels and the text's evidence); a
    "place" followed by what only organisations do ("Netflix bosses") counts as an organisation."""
    organisation_context = _rules(language).organisation_context

    def rule_votes(m: EntityMention) -> dict[str, float]:
        if m.source.startswith("rule:name"):  # a sentence-case name read with its kind word ("quai Duguay-Trouin")
            return {m.kind: CUE}
        return {"organisation": CUE} if m.kind == "place" and organisation_context.match(text, m.end) else {}

    voted = vote_kinds(text, mentions, language, lambda m: _key(m.text, language),
                       lambda m: m.source == "ner" or (
                           language.sentence_case_names and m.source.startswith("rule:name")), rule_votes)
    return [m for m in voted if m.kind != "product"]


def _without_overlaps(mentions: Sequence[EntityMention]) -> list[EntityMention]:
    """Rule mentions win over spaCy's where they overlap; then the longer one."""
    ranked = sorted(mentions, key=lambda m: (m.source == "ner", -(m.end - m.start), m.start))
    kept: list[EntityMention] = []
    for m in ranked:
        if all(m.end <= k.start or k.end <= m.start for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)
