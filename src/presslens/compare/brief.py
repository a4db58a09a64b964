"""The story brief: how each outlet told one story.

Built from a ``StoryMaterial`` (articles, quotes, mentions, entities): the
outlets, the people and organisations with the roles each outlet gives them,
who is quoted by which outlet, the same quotation across outlets with its
word-level changes, the same words given to different speakers, facts and
numbers that agree or conflict, and what only one outlet reports. Every span
points into its article's original text.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np

from .. import lang
from ..entities.names import organisation_key, role_words
from ..lang import Language
from ..records import Article, Quote, StoryMaterial
from .align import Alignment, QuoteSide, align, cosine_matrix
from .facts import SAME_THING, Fact, extract_facts, related, same_thing, sentences
from .text import content_keys, context_of, fold, words

MIN_WORDS = 3            # quotes with fewer content words ("critics of Glasshouse") are too short to align
CANDIDATE_COSINE = 0.45  # quote pairs below this cosine, sharing no content word, are not compared
UNIQUE_COSINE = 0.62     # a sentence whose best match in other outlets is below this is outlet-unique
UNIQUE_PER_OUTLET = 6
STATUS_ORDER = {"conflict": 0, "differs": 1, "agree": 2, "unique": 3}


@dataclass(slots=True)
class QuoteVersion:
    """One outlet's rendering of a quotation."""

    outlet: str
    article_id: str
    start: int
    end: int
    text: str
    speaker: str | None
    kind: str
    published: date | None = None
    alignment: Alignment | None = None  # against the group's reference version

    def as_dict(self) -> dict:
        data = {"outlet": self.outlet, "article_id": self.article_id, "start": self.start, "end": self.end,
                "text": self.text, "speaker": self.speaker, "kind": self.kind,
                "published": self.published.isoformat() if self.published else None}
        if self.alignment is not None:
            data["alignment"] = self.alignment.as_dict()
        return data


@dataclass(slots=True)
class QuoteGroup:
    """The same quotation in several outlets; the first version is the reference."""

    speaker: str | None
    versions: list[QuoteVersion]

    @property
    def outlets(self) -> list[str]:
        return sorted({v.outlet for v in self.versions})

    def as_dict(self) -> dict:
        return {"speaker": self.speaker, "outlets": self.outlets, "versions": [v.as_dict() for v in self.versions]}


@dataclass(slots=True)
class FactValue:
    outlet: str
    article_id: str
    start: int
    end: int
    text: str
    sentence: str

    def as_dict(self) -> dict:
        return {"outlet": self.outlet, "article_id": self.article_id, "start": self.start, "end": self.end,
                "text": self.text, "sentence": self.sentence}


@dataclass(slots=True)
class FactGroup:
    """Statements of one thing across outlets: agree, conflict, differs (one vague), or unique."""

    what: str
    dimension: str
    status: str
    values: list[FactValue]

    def as_dict(self) -> dict:
        return {"what": self.what, "dimension": self.dimension, "status": self.status,
                "values": [v.as_dict() for v in self.values]}


@dataclass(slots=True)
class Person:
    """A person or organisation in the story, outlet by outlet."""

    entity_id: str
    name: str
    kind: str
    mentions: dict[str, int] = field(default_factory=dict)
    roles: dict[str, list[str]] = field(default_factory=dict)
    quoted_by: dict[str, int] = field(default_factory=dict)
    organisation: str | None = None

    def as_dict(self) -> dict:
        return {"entity_id": self.entity_id, "name": self.name, "kind": self.kind, "mentions": self.mentions,
                "roles": self.roles, "quoted_by": self.quoted_by, "organisation": self.organisation}


@dataclass(slots=True)
class OrganisationVoices:
    """Who speaks for one organisation in each outlet, and how each outlet spells its name."""

    entity_id: str
    name: str
    spellings: dict[str, list[str]]
    speakers: dict[str, list[str]]

    @property
    def different_voices(self) -> bool:
        voices = {tuple(sorted(v)) for v in self.speakers.values() if v}
        return len(voices) > 1

    def as_dict(self) -> dict:
        return {"entity_id": self.entity_id, "name": self.name, "spellings": self.spellings,
                "speakers": self.speakers, "different_voices": self.different_voices}


@dataclass(slots=True)
class UniqueItem:
    """A sentence only one outlet carries, with the names and numbers no other outlet mentions."""

    outlet: str
    article_id: str
    start: int
    end: int
    sentence: str
    terms: list[str]
    nearest: float

    def as_dict(self) -> dict:
        return {"outlet": self.outlet, "article_id": self.article_id, "start": self.start, "end": self.end,
                "sentence": self.sentence, "terms": self.terms, "nearest": round(self.nearest, 3)}


@dataclass(slots=True)
class OutletArticles:
    outlet: str
    articles: list[dict]

    def as_dict(self) -> dict:
        return {"outlet": self.outlet, "articles": self.articles}


@dataclass(slots=True)
class Brief:
    """How each outlet told one story."""

    story_id: str
    title: str
    first_seen: date | None
    last_seen: date | None
    outlets: list[OutletArticles]
    people: list[Person]
    organisations: list[OrganisationVoices]
    quote_groups: list[QuoteGroup]
    speaker_conflicts: list[tuple[QuoteVersion, QuoteVersion]]
    facts: list[FactGroup]
    unique: list[UniqueItem]
    copies: dict[str, str] = field(default_factory=dict)
    language: str = lang.DEFAULT.code  # the story's language (most of its articles'): the words the brief prints

    def as_dict(self) -> dict:
        return {
            "story_id": self.story_id, "title": self.title, "language": self.language,
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
            "last_seen": self.last_seen.isoformat() if self.last_seen else None,
            "outlets": [o.as_dict() for o in self.outlets],
            "people": [p.as_dict() for p in self.people],
            "organisations": [o.as_dict() for o in self.organisations],
            "quoted_by": {p.name: p.quoted_by for p in self.people if p.quoted_by},
            "aligned_quotes": [g.as_dict() for g in self.quote_groups],
            "speaker_conflicts": [{"a": a.as_dict(), "b": b.as_dict()} for a, b in self.speaker_conflicts],
            "facts": [f.as_dict() for f in self.facts],
            "unique": [u.as_dict() for u in self.unique],
            "copies": self.copies,
        }


def outlet_label(article: Article) -> str:
    """The outlet's name, else its domain, else the file the article came from."""
    return article.outlet or article.outlet_domain or Path(article.source).name or article.article_id[:10]


def story_language(articles: Sequence[Article]) -> Language:
    """The language most of a story's articles are in (English when none says, or on a tie with it)."""
    counts = Counter(lang.as_language(a.language).code for a in articles)
    if not counts:
        return lang.DEFAULT
    best = max(counts.values())
    return lang.DEFAULT if counts[lang.DEFAULT.code] == best else lang.get(
        sorted(code for code, n in counts.items() if n == best)[0])


def tagger_for(tagger, code: str | None):
    """The tagger for an article in language ``code``: ``tagger`` may map codes to pipelines, or be one pipeline,
    which tags the articles of its own language and of any language that has no spaCy model of its own."""
    if tagger is None:
        return None
    if isinstance(tagger, Mapping):
        return tagger.get(lang.as_language(code).code)
    language = lang.as_language(code)
    own = getattr(tagger, "lang", None)
    return tagger if own in (None, language.code) or not language.spacy_model else None


def build_brief(material: StoryMaterial, encoder=None, tagger=None) -> Brief:
    """The brief of one story (``encoder``: sentence embeddings; ``tagger``: a spaCy tagger for facts, or a
    mapping of language codes to taggers). Each article's facts are read by the rules of its language, and the
    story is compared by those of the language most of its articles are in."""
    articles = [a for a in material.articles if a.article_id not in material.copies]
    language = story_language(articles or material.articles)
    labels = {a.article_id: outlet_label(a) for a in material.articles}
    dates = {a.article_id: a.published for a in material.articles}
    people = _people(material, labels, language)
    quotes = [q for q in material.quotes if q.article_id not in material.copies]
    groups, conflicts = align_story_quotes(quotes, {a.article_id: a for a in articles}, labels, dates, encoder,
                                           language)
    return Brief(
        story_id=material.story.story_id, title=material.story.title,
        first_seen=material.story.first_seen, last_seen=material.story.last_seen,
        outlets=_outlets(material.articles, labels, material.copies),
        people=people, organisations=_organisations(material, labels, people),
        quote_groups=groups, speaker_conflicts=conflicts,
        facts=compare_facts(articles, labels, tagger, people, language),
        unique=unique_content(articles, labels, encoder, language),
        copies=dict(material.copies), language=language.code,
    )


def _outlets(articles: Sequence[Article], labels: dict[str, str], copies: dict[str, str]) -> list[OutletArticles]:
    by_outlet: dict[str, list[dict]] = defaultdict(list)
    for article in sorted(articles, key=lambda a: (a.published or date.max, a.article_id)):
        by_outlet[labels[article.article_id]].append({
            "article_id": article.article_id, "title": article.title, "url": article.url,
            "published": article.published.isoformat() if article.published else None,
            "copy_of": copies.get(article.article_id)})
    return [OutletArticles(outlet, items) for outlet, items in sorted(by_outlet.items())]


# -- people and organisations -------------------------------------------------

def _people(material: StoryMaterial, labels: dict[str, str], language: Language = lang.DEFAULT) -> list[Person]:
    found: dict[str, Person] = {}
    for mention in material.mentions:
        entity = material.entities.get(mention.entity_id or "")
        if entity is None or entity.kind not in ("person", "organisation"):
            continue
        person = found.setdefault(entity.entity_id, Person(entity.entity_id, entity.name, entity.kind))
        outlet = labels[mention.article_id]
        person.mentions[outlet] = person.mentions.get(outlet, 0) + 1
    for quote in material.quotes:
        if not quote.speaker_entity_id or quote.speaker_entity_id not in found:
            continue
        person, outlet = found[quote.speaker_entity_id], labels[quote.article_id]
        person.quoted_by[outlet] = person.quoted_by.get(outlet, 0) + 1
        if quote.speaker_role and quote.speaker_role not in person.roles.get(outlet, []):
            person.roles.setdefault(outlet, []).append(quote.speaker_role)
    organisations = {organisation_key(e.name, language): e for e in material.entities.values()
                     if e.kind == "organisation"}
    for person in found.values():
        if person.kind == "person":
            person.organisation = _organisation_in(person.roles, organisations, language)
    return sorted(found.values(), key=lambda p: (-sum(p.quoted_by.values()), -sum(p.mentions.values()), p.name))


def _organisation_in(roles: dict[str, list[str]], organisations: dict,
                     language: Language = lang.DEFAULT) -> str | None:
    for role in (r for rs in roles.values() for r in rs):
        key = organisation_key(role, language)
        for org_key, entity in sorted(organisations.items(), key=lambda item: -len(item[0])):
            if org_key and f" {org_key} " in f" {key} ":
                return entity.entity_id
    return None


def _organisations(material: StoryMaterial, labels: dict[str, str],
                   people: Sequence[Person]) -> list[OrganisationVoices]:
    out = []
    for entity in material.entities.values():
        if entity.kind != "organisation":
            continue
        spellings: dict[str, set[str]] = defaultdict(set)
        for mention in material.mentions:
            if mention.entity_id == entity.entity_id:
                spellings[labels[mention.article_id]].add(" ".join(mention.span.text.split()))
        speakers: dict[str, list[str]] = defaultdict(list)
        for person in people:
            if person.organisation == entity.entity_id:
                for outlet in person.quoted_by:
                    speakers[outlet].append(person.name)
        if speakers:
            out.append(OrganisationVoices(entity.entity_id, entity.name,
                                          {k: sorted(v) for k, v in sorted(spellings.items())},
                                          {k: sorted(v) for k, v in sorted(speakers.items())}))
    return sorted(out, key=lambda o: (not o.different_voices, o.name))


# -- quotes -------------------------------------------------------------------

def quote_side(quote: Quote, article: Article, labels: dict[str, str]) -> QuoteSide:
    """The compare stage's view of a stored quote."""
    context = context_of(article.raw_text, quote.content.start, quote.content.end)
    return QuoteSide(quote.content.text, context, quote.speaker_name, quote.speaker_entity_id,
                     labels[quote.article_id], article.published)


def align_story_quotes(quotes: Sequence[Quote], articles: dict[str, Article], labels: dict[str, str],
                       dates: dict[str, date | None], encoder=None, language: Language = lang.DEFAULT
                       ) -> tuple[list[QuoteGroup], list[tuple[QuoteVersion, QuoteVersion]]]:
    """Groups of the same quotation across articles, and the same words given to different speakers."""
    def keys_of(text: str) -> set[str]:
        return content_keys(words(text, language=language), language)

    quotes = [q for q in quotes if q.article_id in articles and len(keys_of(q.content.text)) >= MIN_WORDS]
    sides = [quote_side(q, articles[q.article_id], labels) for q in quotes]
    keys = [keys_of(s.text) for s in sides]
    similarity = cosine_matrix([s.text for s in sides], encoder) if encoder is not None and sides else None
    parent = list(range(len(quotes)))
    conflicts = []
    for i, j in itertools.combinations(range(len(quotes)), 2):
        cosine = None if similarity is None else float(similarity[i, j])
        if quotes[i].article_id == quotes[j].article_id or (
                len(keys[i] & keys[j]) < 2 and (cosine is None or cosine < CANDIDATE_COSINE)):
            continue
        result = align(sides[i], sides[j], cosine, language)
        if result.same_quote:
            parent[_root(parent, i)] = _root(parent, j)
        elif result.speaker_conflict:
            conflicts.append((_version(quotes[i], sides[i], result), _version(quotes[j], sides[j], None)))
    members: dict[int, list[int]] = defaultdict(list)
    for index in range(len(quotes)):
        members[_root(parent, index)].append(index)
    groups = [_group(quotes, sides, idx, similarity, language) for idx in members.values() if len(idx) > 1]
    groups = [g for g in groups if len({v.article_id for v in g.versions}) > 1]
    groups.sort(key=lambda g: (-len(g.outlets), -len(g.versions), g.speaker or ""))
    return groups, conflicts


def _root(parent: list[int], index: int) -> int:
    while parent[index] != index:
        parent[index] = parent[parent[index]]
        index = parent[index]
    return index


def _version(quote: Quote, side: QuoteSide, alignment: Alignment | None) -> QuoteVersion:
    return QuoteVersion(side.outlet or "", quote.article_id, quote.content.start, quote.content.end,
                        quote.content.text, quote.speaker_name, quote.kind, side.published, alignment)


def _group(quotes: Sequence[Quote], sides: Sequence[QuoteSide], indices: list[int],
           similarity: np.ndarray | None, language: Language = lang.DEFAULT) -> QuoteGroup:
    """Versions in date order; the longest direct quote is the reference the others are diffed against."""
    order = sorted(indices, key=lambda i: (sides[i].published or date.max, quotes[i].article_id))
    reference = max(order, key=lambda i: (quotes[i].kind == "direct", len(quotes[i].content.text)))
    versions = [_version(quotes[reference], sides[reference], None)]
    for i in order:
        if i != reference:
            alignment = align(sides[reference], sides[i],
                              None if similarity is None else float(similarity[reference, i]), language)
            if alignment.kind != "different":  # joined through another version only: leave it out
                versions.append(_version(quotes[i], sides[i], alignment))
    speakers = Counter(q.speaker_name for q in (quotes[i] for i in indices) if q.speaker_name and q.speaker_entity_id)
    speakers = speakers or Counter(q.speaker_name for q in (quotes[i] for i in indices) if q.speaker_name)
    return QuoteGroup(speakers.most_common(1)[0][0] if speakers else None, versions)


# -- facts --------------------------------------------------------------------

def compare_facts(articles: Sequence[Article], labels: dict[str, str], tagger=None,
                  people: Sequence[Person] = (), language: Language | None = None) -> list[FactGroup]:
    """Facts grouped by what they are about, across outlets, with their status: each article's facts read by
    the rules of its language (``tagger``: one pipeline or a mapping of codes to pipelines, ``tagger_for``),
    compared by those of the story's (``language``, else the language most of the articles are in)."""
    language = language or story_language(articles)
    facts = [f for a in articles for f in extract_facts(a.article_id, a.clean_text, tagger_for(tagger, a.language),
                                                         lang.as_language(a.language), a.published)]
    by_id = {a.article_id: a for a in articles}
    groups = [_fact_group([facts[i] for i in idx], by_id, labels, language)
              for idx in _same_things(facts, labels, language)]
    groups += _role_groups(people, language)
    return sorted(groups, key=lambda g: (STATUS_ORDER[g.status], g.what))


GROUP_FLOOR = 0.45  # every two facts of a group from two outlets speak of one thing at least this likely


def _same_things(facts: Sequence[Fact], labels: dict[str, str], language: Language) -> list[list[int]]:
    """Facts in groups of one thing: the likeliest pairs across outlets joined first, and two groups joined only
    when every two of their facts from two outlets are alike enough (no chain from "at least a week" through
    "three years" to "three decades")."""
    scores: dict[tuple[int, int], float] = {}
    for i, j in itertools.combinations(range(len(facts)), 2):
        if labels[facts[i].article_id] != labels[facts[j].article_id]:
            scores[i, j] = scores[j, i] = same_thing(facts[i], facts[j], language)
    group_of = {i: [i] for i in range(len(facts))}
    for (i, j), score in sorted(scores.items(), key=lambda item: -item[1]):
        if score < SAME_THING:
            break
        left, right = group_of[i], group_of[j]
        if left is right or any(scores.get((a, b), 1.0) < GROUP_FLOOR for a in left for b in right):
            continue
        left.extend(right)
        for member in right:
            group_of[member] = left
    return list({id(group): group for group in group_of.values()}.values())


def _fact_group(facts: list[Fact], articles: dict[str, Article], labels: dict[str, str],
                language: Language = lang.DEFAULT) -> FactGroup:
    outlets = {labels[f.article_id] for f in facts}
    if len(outlets) == 1:
        status = "unique"
    else:
        relations = {related(a, b, language) or "differs" for a in facts for b in facts
                     if labels[a.article_id] < labels[b.article_id]}
        status = "conflict" if "conflict" in relations else "differs" if "differs" in relations else "agree"
    nouns = Counter(n for f in facts for n in f.nouns[:1])
    dimension = facts[0].dimension.split(":")[0]
    what = (_as_written(nouns.most_common(1)[0][0], facts, language) if nouns
            else language.brief_words.get(f"dimension_{dimension}", dimension))
    values = []
    for fact in sorted(facts, key=lambda f: (labels[f.article_id], f.start)):
        span = articles[fact.article_id].raw_span(fact.start, fact.end)
        values.append(FactValue(labels[fact.article_id], fact.article_id, span.start, span.end, fact.text,
                                " ".join(fact.sentence.split())))
    return FactGroup(what, facts[0].dimension, status, values)


def _as_written(noun: str, facts: Sequence[Fact], language: Language) -> str:
    """A fact noun (folded, singular) as the facts' sentences write it where that differs only by accents
    ("salarie" -> "salarié"); the folded noun where none does."""
    for fact in facts:
        for word in words(fact.sentence, language=language):
            singular = language.singular(word.text.lower())
            if singular != noun and lang.fold_accents(singular) == noun:
                return singular
    return noun


def _role_groups(people: Sequence[Person], language: Language = lang.DEFAULT) -> list[FactGroup]:
    """A person's roles as each outlet states them: a conflict when two specific roles share no title word."""
    groups = []
    for person in people:
        stated = [(outlet, role) for outlet, roles in sorted(person.roles.items()) for role in roles]
        if len({outlet for outlet, _ in stated}) < 2:
            continue
        titles = [set(m.group(0).lower() for m in role_words(language).finditer(role)) for _, role in stated]
        specific = [len(content_keys(words(role, language=language), language)) >= 2 for _, role in stated]
        clash = any(specific[i] and specific[j] and not titles[i] & titles[j]
                    for i in range(len(stated)) for j in range(i + 1, len(stated)))
        same = len({fold(role, language) for _, role in stated}) == 1
        status = "conflict" if clash else "agree" if same else "differs"
        values = [FactValue(outlet, "", 0, 0, role, "") for outlet, role in stated]
        groups.append(FactGroup(language.brief_words["role_of"].format(name=person.name), "role", status, values))
    return groups


# -- outlet-unique content ----------------------------------------------------

def unique_content(articles: Sequence[Article], labels: dict[str, str], encoder=None,
                   language: Language | None = None) -> list[UniqueItem]:
    """Per outlet, the sentences no other outlet carries, ranked by the names and numbers only they give
    (``language``: the story's, else the language most of the articles are in)."""
    language = language or story_language(articles)
    outlets = sorted({labels[a.article_id] for a in articles})
    if len(outlets) < 2:
        return []
    units = [(a, s, e, a.clean_text[s:e]) for a in articles
             for s, e in sentences(a.clean_text, lang.as_language(a.language))
             if len(words(a.clean_text[s:e], language=language)) >= 5]
    vocabulary = {o: set() for o in outlets}
    for article in articles:
        vocabulary[labels[article.article_id]] |= {w.key for w in words(article.clean_text, language=language)}
    nearest = _nearest_other(units, labels, encoder, language)
    outlet_words = {w.key for label in outlets for w in words(label, language=language)} | _honorific_keys(language)
    items: dict[str, list[UniqueItem]] = defaultdict(list)
    for (article, start, end, sentence), best in zip(units, nearest, strict=True):
        outlet = labels[article.article_id]
        others = set().union(*(vocabulary[o] for o in outlets if o != outlet))
        terms = _distinct_terms(sentence, others | outlet_words, language)
        if terms and best < UNIQUE_COSINE:
            span = article.raw_span(start, end)
            items[outlet].append(UniqueItem(outlet, article.article_id, span.start, span.end,
                                            " ".join(sentence.split()), terms, best))
    out = []
    for outlet in outlets:
        ranked = sorted(items[outlet], key=lambda u: (-len(u.terms), u.nearest))[:UNIQUE_PER_OUTLET]
        out += sorted(ranked, key=lambda u: (u.article_id, u.start))
    return out


def _nearest_other(units, labels: dict[str, str], encoder, language: Language = lang.DEFAULT) -> list[float]:
    """Each sentence's best similarity to a sentence of another outlet (cosine, or word overlap)."""
    outlet_of = np.array([labels[a.article_id] for a, *_ in units])
    if encoder is not None and units:
        vectors = np.asarray(encoder.encode([u[3] for u in units]), dtype=np.float32)
        similarity = vectors @ vectors.T
    else:
        keys = [content_keys(words(u[3], language=language), language) for u in units]
        similarity = np.array([[len(a & b) / max(1, min(len(a), len(b))) for b in keys] for a in keys])
    out = []
    for index in range(len(units)):
        others = outlet_of != outlet_of[index]
        out.append(float(similarity[index][others].max()) if others.any() else 0.0)
    return out


@lru_cache(maxsize=8)
def _honorific_keys(language: lang.Language) -> frozenset[str]:
    """Honorifics as words compare them (folded)."""
    return frozenset(fold(h, language) for h in language.honorifics)


@lru_cache(maxsize=8)
def _calendar(language: lang.Language) -> frozenset[str]:
    """Days and months as words compare them (folded): capitalised, but no names."""
    return frozenset(fold(w, language) for w in (*language.weekdays, *language.months))


def _distinct_terms(sentence: str, others: set[str], language: lang.Language = lang.DEFAULT) -> list[str]:
    """Names (capitalised words not opening the sentence) and numbers no other outlet uses."""
    found, seen = [], set()
    items = words(sentence, language=language)
    calendar = _calendar(language)
    for index, word in enumerate(items):
        name_like = word.text[:1].isupper() and index > 0 and not word.text.isupper() and word.key not in calendar
        number = word.text[:1].isdigit() and len(word.key) > 1
        if (name_like or number) and word.key not in others and word.key not in seen:
            run, last = [word.text], word
            for follow in items[index + 1:]:
                joined = sentence[last.end:follow.start].strip() == ""
                if joined and follow.text[:1].isupper() and follow.key not in others:
                    run.append(follow.text)
                    seen.add(follow.key)
                    last = follow
                else:
                    break
            seen.add(word.key)
            found.append(" ".join(run))
    return found
