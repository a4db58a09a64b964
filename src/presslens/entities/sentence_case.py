"""Names written in sentence case, as French writes them: only the first word and the proper names capitalised.

The small model cuts such names short ("Agence régionale de santé de" + "Loire-Vérène"), splits them
("Centre" + "Valcourt") or gives them the wrong kind ("la société Morvelec Logistique" as a person). These rules,
for a language with ``Language.sentence_case_names``, read them from the text:

- an organisation that opens with its kind, capitalised (``Language.organisation_heads``), and runs on in lower
  case to its last proper name, or to a punctuation mark ("Centre hospitalier de Valcourt", "Comité local des
  pêches,");
- a name right after the kind of organisation it is (``Language.group_nouns``: "la société Morvelec Logistique",
  "le collectif Sauvons la maternité,", "l'association Estuaire Vivant");
- a place with its kind before it (``Language.place_nouns``: "zone portuaire des Salines", "quai Jean-Bart");
- an acronym after a long form in sentence case ("service départemental d'incendie et de secours (SDIS)").

``not_names`` drops what the model takes for a name when it only opens a sentence: a word the text also
writes in lower case, a weekday or month, a past participle ("Contactée, la préfecture ...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..lang import Language
from ..lang.patterns import one_of
from .mentions import EntityMention

__all__ = ["acronyms_in_sentence_case", "name_mentions", "not_names"]

_TOKEN = re.compile(r"[\w'’-]+|[^\w\s]")
MAX_LOWER = 4  # lower-case words in a name before its proper name or the punctuation that ends it


@lru_cache(maxsize=8)
def _patterns(language: Language) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], frozenset[str]]:
    caps = language.capitals
    particles = [p for p in language.organisation_particles if not p.endswith("'")]
    elided = [p[:-1] for p in language.organisation_particles if p.endswith("'")]
    particle = rf"(?:{one_of(particles)})\s+|(?:{one_of(elided) or '(?!)'})['’]\s*"
    name = rf"[{caps}][\w'’-]*(?:(?:\s+|\s+(?:{particle})|\s*-\s*)[{caps}][\w'’-]*)*"
    group = re.compile(rf"(?i:\b(?:{one_of(language.group_nouns)}))\s+(?P<name>{name})")
    place = re.compile(rf"(?<![\w-])(?P<place>(?:{one_of(language.place_nouns)})(?:\s+[a-zàâäçéèêëîïôöûùüÿœ-]+)?"
                       rf"\s+(?:(?:{particle}))?(?P<name>[{caps}][\w'’-]*(?:\s+[{caps}][\w'’-]*)*))")
    head = re.compile(rf"(?<![\w-])(?:{one_of(language.organisation_heads)})(?![\w'’-])")
    return group, place, head, frozenset(particles) | frozenset(p + "'" for p in elided)


def name_mentions(text: str, mentions: Sequence[EntityMention], language: Language) -> list[EntityMention]:
    """Organisation and place names the rules read in ``text`` (see the module docstring)."""
    group, place, head, particles = _patterns(language)
    people = [m for m in mentions if m.kind == "person"]
    out: list[EntityMention] = []
    for match in head.finditer(text):
        end = _name_end(text, match.end(), particles, language.stop_words, conjunctions=language.coordinators)
        if end is not None:
            out.append(EntityMention(match.start(), end, text[match.start():end], "organisation", "rule:name-head"))
    for match in group.finditer(text):
        start, end = match.span("name")
        if not any(p.start == start and p.end == end and len(p.text.split()) > 1 and not _has_not_name(p, language)
                   for p in people):
            end = _name_end(text, end, particles, language.stop_words, to_proper=False,
                            conjunctions=language.coordinators) or end
            out.append(EntityMention(start, end, text[start:end], "organisation", "rule:name-group"))
    out += [EntityMention(start, end, long_form, "organisation", "rule:name-acronym")
            for _, long_form, start, end in _acronym_spans(text, language)]
    for match in place.finditer(text):
        start, end = match.span("place")
        if not any(p.start <= match.start("name") < p.end and p.kind == "person" and p.end - p.start > end - start
                   for p in people):
            out.append(EntityMention(start, end, text[start:end], "place", "rule:name-place"))
    return out


def _has_not_name(mention: EntityMention, language: Language) -> bool:
    return bool({w.lower() for w in mention.text.split()} & language.not_name_words)


def _name_end(text: str, position: int, particles: frozenset[str], stop_words: frozenset[str], *,
              to_proper: bool = True, conjunctions: tuple[str, ...] = ()) -> int | None:
    """Where a sentence-case name that reaches ``position`` ends: at its last capitalised word (``to_proper``:
    "Centre hospitalier de Valcourt"; once a capitalised word is reached, the first lower-case word that is no
    particle ends the name), or after at most ``MAX_LOWER`` lower-case words (no stop words but the particles)
    when a punctuation mark follows them ("Sauvons la maternité,"); None when neither. A new name ("et
    l'Agence", "et Brissac") ends it."""
    end, last_proper, lower, proper_seen = position, position, 0, False
    tokens = list(_TOKEN.finditer(text, position, min(len(text), position + 200)))
    for index, token in enumerate(tokens):
        gap = text[end:token.start()]
        if "\n" in gap or len(gap) > 1:
            break
        word = token.group()
        folded = word.lower().replace("’", "'")
        following = tokens[index + 1].group() if index + 1 < len(tokens) else ""
        if not word[0].isalnum():
            if word in ",.;:)(»\"!?" and lower and not proper_seen:
                return end
            break
        if re.match(r"\w['’]\w", word) and word[2:3].isupper():
            break  # "l'Agence": another name
        if word[0].isupper():
            if not to_proper and lower:
                break
            last_proper, lower, proper_seen = token.end(), 0, True
        elif folded in particles:
            if folded in conjunctions and (following[:1].isupper() or re.match(r"\w['’]\w", following)):
                break
        elif word[0].islower() or word[0].isdigit():
            if proper_seen or folded in stop_words or word[0].isdigit():
                break
            lower += 1
            if lower > MAX_LOWER:
                break
        end = token.end()
    if last_proper > position and to_proper:
        return last_proper
    return None


def not_names(text: str, mentions: Sequence[EntityMention], language: Language) -> list[EntityMention]:
    """``mentions`` without single words that only open a sentence or quotation ("Contactée", "Samedi",
    "Prochaine mobilisation"): a name is written mid-sentence too, or inside a longer name. A single-word
    "person" that opens an organisation's name in the text ("Morvelec" beside "Morvelec Logistique") is that
    organisation."""
    calendar = {w.lower() for w in (*language.weekdays, *language.months)}
    longer = [m for m in mentions if " " in m.text.strip()]
    organisations = {m.text.split()[0] for m in mentions if m.kind == "organisation" and " " in m.text.strip()}
    out = []
    for mention in mentions:
        word = mention.text
        if " " not in word.strip() and word.lower() not in calendar and _opens_sentence(text, mention.start):
            elsewhere = any(not _opens_sentence(text, m.start()) for m in re.finditer(
                rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)) or any(word in m.text.split() for m in longer)
            if not elsewhere:
                continue
        elif word.lower() in calendar:
            continue
        if mention.kind == "person" and word in organisations:
            mention = EntityMention(mention.start, mention.end, word, "organisation", mention.source)
        out.append(mention)
    return out


def _opens_sentence(text: str, position: int) -> bool:
    """Whether ``position`` opens a sentence, a paragraph or a quotation."""
    before = text[:position].rstrip(" \"“«'’\u00a0\u202f")
    return not before or before[-1] in ".!?:\n…"


def acronyms_in_sentence_case(text: str, language: Language) -> dict[str, str]:
    """Acronyms defined after a long form in sentence case: "Agence régionale de santé de Loire-Vérène (ARS)"
    -> {"ARS": "Agence régionale de santé de Loire-Vérène"}."""
    return {short: long_form for short, long_form, _, _ in _acronym_spans(text, language)}


@lru_cache(maxsize=16)
def _acronym_spans(text: str, language: Language) -> tuple[tuple[str, str, int, int], ...]:
    """(acronym, long form, start, end of the long form): the long form is the fewest words before the
    parenthesis whose initials (particles left out) hold the acronym's letters in order, from its first."""
    found = []
    particles = {p.rstrip("'’") for p in language.organisation_particles}
    for match in re.finditer(rf"\((?P<short>[{language.capitals}]{{2,8}})\)", text):
        short = match.group("short")
        line_start = max(text.rfind("\n", 0, match.start()), text.rfind(".", 0, match.start())) + 1
        words = list(re.finditer(r"[\w'’-]+", text[line_start:match.start()]))[-12:]
        for first in range(len(words) - 1, -1, -1):
            chosen = words[first:]
            initials = [_initial(w.group(), particles) for w in chosen]
            initials = [i for i in initials if i]
            if initials and initials[0].upper() == short[0] and _in_order(short, initials):
                long_form = text[line_start + chosen[0].start():line_start + chosen[-1].end()]
                elision = re.match(r"\w['’]", long_form)
                if elision:
                    long_form = long_form[elision.end():]
                if len(chosen) > 1 and text[line_start + chosen[-1].end():match.start()].strip() == "":
                    start = line_start + chosen[0].start() + (elision.end() if elision else 0)
                    found.append((short, long_form, start, start + len(long_form)))
                break
    return tuple(found)


def _initial(word: str, particles: set[str]) -> str:
    """A word's initial for an acronym ("d'incendie" -> "i"), none for a particle."""
    bare = re.sub(r"^\w['’]", "", word)
    return "" if bare.lower() in particles or not bare else bare[0]


def _in_order(short: str, initials: list[str]) -> bool:
    """Whether the acronym's letters appear in order among the initials, the first at the first."""
    position = 0
    for letter in short.upper():
        while position < len(initials) and initials[position].upper() != letter:
            position += 1
        if position == len(initials):
            return False
        position += 1
    return True
