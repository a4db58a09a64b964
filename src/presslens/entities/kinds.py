"""The kind of each name in a text: spaCy's label corrected by what the text says about the name.

The small model types a name from a few words around it and gets a town ("Dunmore"), a bridge, a TV series
or a person ("Callum Rourke") wrong about as often as a newsroom would notice. Every mention of a name votes:
the model's label counts once; the text's evidence counts more (``Language.kind_cues``):

- around the name: "residents of X", "based in X", "X-based", "near X" (a place); "Mr X", "X, 47,",
  "X, who", a role in apposition or a speech verb beside a personal name (a person); "production company
  X", "X bosses", "a spokesperson for X" (an organisation); "the cast of X", "X trailer", "renewed" (a work);
- inside the name: "Valley Road", "Kelby Bridge", "River Avel" (a place), "... Authority", "... Ltd" (an
  organisation).

A surname standing alone ("Rourke") votes with the one full name it ends ("Callum Rourke"), and the
name takes the kind with the most votes (organisations first on a tie).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from ..lang import Language
from ..lang.patterns import one_of
from .names import apposition_role, looks_like_person_name, name_words

MODEL_VOTE = 1.0  # the model's label, once per mention
WEAK_CUE = 1.5  # "in X": outvotes one contrary label, not two
CUE = 3.0  # "residents of X", "X, 47,", "the cast of X"
NAME_WORD = 4.0  # "Valley Road", "Portmere Harbour Authority"
ORDER = {"organisation": 0, "person": 1, "place": 2, "work": 3, "product": 4}


@dataclass(frozen=True, slots=True)
class _Cues:
    """One kind's cues, compiled: what comes right before and right after a name of that kind."""

    before: re.Pattern[str] | None
    weak_before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    strong_after: re.Pattern[str] | None
    last_words: frozenset[str]
    first_words: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Rules:
    cues: Mapping[str, _Cues]
    honorific: re.Pattern[str]
    role_before: re.Pattern[str]
    speech_after: re.Pattern[str]
    speech_before: re.Pattern[str]
    possessive: re.Pattern[str]
    complement: re.Pattern[str]  # a preposition right before the name
    dateline: re.Pattern[str]  # what follows a place opening a wire story
    closes: re.Pattern[str]  # what follows a name that ends a clause ("said Rourke.")
    kind_words: frozenset[str]  # every kind's name words: a personal name ends with none


def _ending(words: Sequence[str]) -> re.Pattern[str] | None:
    """Words that end right where a name starts (searched in the text before it)."""
    return re.compile(rf"(?<![\w-])(?:{one_of(words)})\s+(?:the\s+)?$", re.IGNORECASE) if words else None


def _starting(words: Sequence[str]) -> re.Pattern[str] | None:
    """Words that start right where a name ends (matched in the text after it)."""
    return re.compile(rf"\s*(?:{one_of(words)})(?![\w])", re.IGNORECASE) if words else None


@lru_cache(maxsize=8)
def _rules(language: Language) -> _Rules:
    cues = {}
    for kind, cue in language.kind_cues.items():
        cues[kind] = _Cues(_ending(cue.before), _ending(cue.weak_before), _starting(cue.after),
                           _starting(cue.strong_after), cue.last_words, cue.first_words)
    verbs = one_of(language.speech_verbs)
    return _Rules(cues,
                  re.compile(rf"(?<![\w-])(?:{one_of(sorted(language.honorifics))})\.?\s+$", re.IGNORECASE),
                  re.compile(rf"(?<![\w-])(?:{one_of(language.role_words)}),?\s+$", re.IGNORECASE),
                  re.compile(rf"\s*,?\s+(?:{verbs})\b"), re.compile(rf"\b(?:{verbs})\s+$"),
                  re.compile(rf"(?:{one_of(re.escape(e) for e in language.possessive_endings)})"),
                  re.compile(rf"(?<![\w-])(?:{one_of(language.complement_prepositions)})\s+(?:the\s+)?$",
                             re.IGNORECASE),
                  re.compile(r"\s*(?:,|—|–|-\s|\()"), re.compile(r"\s*(?:[,.;:!?\"”’)]|$)"),
                  frozenset().union(*(c.last_words for c in language.kind_cues.values())))


def evidence(text: str, start: int, end: int, language: Language, person_like: bool | None = None) -> Counter:
    """Votes for each kind from the words around and inside the name at ``text[start:end]`` (``person_like``:
    whether the name, or the full name a surname stands for, looks like a personal name; found when None)."""
    rules = _rules(language)
    votes: Counter = Counter()
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 60):start]
    after = text[end:end + 60].split("\n", 1)[0]
    possessive = bool(rules.possessive.match(after))
    words = [w.lower() for w in name_words(text[start:end], language)] or [text[start:end].lower()]
    last = words[-1].rsplit("-", 1)[-1]
    if person_like is None:
        person_like = looks_like_person_name(text[start:end], language)
    complement = bool(rules.complement.search(before))  # "Rosa Delgado of Omaha, who": "who" is Delgado
    for kind, cues in rules.cues.items():
        if last in cues.last_words or (len(words) > 1 and words[0] in cues.first_words):
            votes[kind] += NAME_WORD
        if cues.before is not None and cues.before.search(before):
            votes[kind] += CUE
        elif cues.weak_before is not None and not (possessive or person_like) and cues.weak_before.search(before):
            votes[kind] += WEAK_CUE
        if cues.after is not None and cues.after.match(after):
            votes[kind] += CUE
        if cues.strong_after is not None and not complement and cues.strong_after.match(after):
            votes[kind] += NAME_WORD
    if start == line_start and text[start:end].isupper() and rules.dateline.match(after):
        votes["place"] += NAME_WORD  # "LINCOLN — The Nebraska Legislature ...", "PORTMERE, March 4 (Reuters)"
    if text[start:end].lower() in language.channels:  # "On Twitter, ...": a platform
        votes["organisation"] += NAME_WORD
    if rules.honorific.search(before) or (words[0] in language.honorifics and len(words) > 1):
        votes["person"] += NAME_WORD
    speaks = rules.speech_after.match(text, end) or (  # "said Castlegate coach Marcus Fell": not Castlegate
        rules.speech_before.search(before[-12:]) and rules.closes.match(after))
    if person_like and (speaks or apposition_role(text, end, language) or rules.role_before.search(before)):
        votes["person"] += CUE
    elif speaks:  # "Whitcombe told", "Streamwell said": someone, a person unless more says an organisation
        votes["person"] += WEAK_CUE
        votes["organisation"] += MODEL_VOTE
    return votes


_FOLLOWING_NAME = re.compile(r"(?:[ \t]+[A-Z][\w'’&-]*){1,4}")


def organisation_extent(text: str, end: int, language: Language) -> int | None:
    """Where a name that capitalised words complete into an organisation's name ends ("Nebraska" +
    " Legislature", "Omaha" + " World-Ledger"), or None when the words after it name no organisation."""
    cues = language.kind_cues.get("organisation")
    match = _FOLLOWING_NAME.match(text, end)
    if cues is None or match is None:
        return None
    words = list(re.finditer(r"[A-Z][\w'’&-]*", match.group()))
    for word in reversed(words):
        if word.group().lower().rsplit("-", 1)[-1] in cues.last_words:
            return end + word.end()
    return None


def vote_kinds(text: str, mentions: Sequence, language: Language, key: Callable, voters: Callable,
               more: Callable | None = None) -> list:
    """The mentions (``EntityMention``) with one kind per name: the model's labels and the text's evidence
    summed over the name's mentions (``key`` gives a mention's name key; only mentions for which ``voters``
    is true vote or change, the others keep their kind; ``more`` gives a mention's votes from a stage's own
    rules). A lone surname or short name votes with the one longer name of the text it ends, unless its own
    strong evidence says another kind ("Carrow, the Glasgow four-piece led by Tamsin Carrow"), and the surname of
    a full name the model calls a person is that person."""
    voting = [m for m in mentions if voters(m)]
    surfaces: dict[str, str] = {}
    for m in voting:
        if len(m.text) > len(surfaces.get(key(m), "")):
            surfaces[key(m)] = m.text
    kind_words = _rules(language).kind_words
    personal = {k for k, surface in surfaces.items() if looks_like_person_name(surface, language)
                and k.split()[-1].rsplit("-", 1)[-1] not in kind_words}
    joins = _groups(list(surfaces), language.legal_forms, personal,
                    frozenset(language.complement_prepositions) | frozenset(language.definite_articles))
    person_like = {k: joins.get(k, k) in personal for k in surfaces}
    tallies: dict[str, Counter] = {}
    evidence_only: dict[str, Counter] = {}
    labelled_person = {key(m) for m in voting if m.kind == "person"}
    mentions_of: Counter = Counter()
    otherwise: Counter = Counter()  # mentions whose own strong evidence says another kind than person
    for m in voting:
        found = evidence(text, m.start, m.end, language, person_like[key(m)])
        if more is not None:
            found.update(more(m))
        tallies.setdefault(key(m), Counter())[m.kind] += MODEL_VOTE
        tallies[key(m)].update(found)
        strong = {k: v for k, v in found.items() if v >= CUE}
        evidence_only.setdefault(key(m), Counter()).update(strong)
        mentions_of[key(m)] += 1
        otherwise[key(m)] += bool(strong) and _top(Counter(strong)) != "person"
    group = {k: target for k, target in joins.items() if not evidence_only.get(k) or not evidence_only.get(target)
             or _top(evidence_only[k]) == _top(evidence_only[target])}
    votes: dict[str, Counter] = {}
    for k, tally in tallies.items():
        votes.setdefault(group.get(k, k), Counter()).update(tally)
    winner = {k: _top(c) for k, c in votes.items()}
    # The surname of a full name the model calls a person is that person whatever the model calls it alone
    # ("Sophie Kerbrat" ... "Kerbrat" a place to it; "Donald Trump" ... "Trump" an organisation to it), unless a
    # third of its mentions or more carry evidence of another kind ("Carrow, the Glasgow four-piece").
    surnames = {k.split()[-1] for k in personal & labelled_person if len(k.split()) > 1 and not otherwise[k]}
    for k in surnames & set(tallies):
        name = group.get(k, k)
        if 3 * otherwise[k] < mentions_of[k] and 3 * otherwise[name] < max(1, mentions_of[name]):
            winner[name] = "person"
    out = []
    for m in mentions:
        kind = winner.get(group.get(key(m), key(m)), m.kind) if voters(m) else m.kind
        out.append(m if kind == m.kind else replace(m, kind=kind))
    return out


def _top(votes: Counter) -> str | None:
    """The kind with the most votes, organisations first on a tie."""
    return min(votes, key=lambda kind: (-votes[kind], ORDER.get(kind, 9))) if votes else None


def _groups(keys: Sequence[str], legal_forms: frozenset[str] = frozenset(),
            personal: frozenset[str] | set[str] = frozenset(),
            particles: frozenset[str] = frozenset()) -> dict[str, str]:
    """A key that ends exactly one longer key of the text goes with it ("rourke" -> "callum rourke"; not after a
    particle: "valcourt" is no short form of "centre hospitalier de valcourt"), and so does a key of two words or
    more that opens one ("kingsmead grammar" -> "kingsmead grammar school"), or one word opening a personal name
    (``personal``: "callum" -> "callum rourke") or a name that only a legal form or trade completes ("ventrel" ->
    "ventrel chemicals"; not "northfield" -> "northfield rovers")."""
    distinct = sorted(set(keys))
    out = {}
    for k in distinct:
        words = k.split()
        longer = [other.split() for other in distinct if len(other.split()) > len(words)]
        joined = [o for o in longer
                  if (o[-len(words):] == words and o[-len(words) - 1] not in particles)
                  or (o[:len(words)] == words and (
                      len(words) > 1 or " ".join(o) in personal or set(o[len(words):]) <= legal_forms))]
        if len(joined) == 1:
            out[k] = " ".join(joined[0])
    return out
