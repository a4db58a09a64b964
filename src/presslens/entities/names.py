"""Names: normal forms of person and organisation names, roles in apposition.

Shared by the entities stage (clustering, canonical ids) and the quotes stage
(speaker names and roles), so both agree on who is who.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev",
              "st", "president", "senator", "sen", "rep", "gov", "judge", "father", "sister", "captain"}
ROLE_WORDS = re.compile(
    r"\b(?:director|president|vice|vp|chair(?:man|woman)?|chief|ceo|cfo|coo|executive|spokes(?:man|woman|person)|"
    r"founder|head|manager|minister|secretary|senator|governor|mayor|professor|officer|editor|analyst|expert|"
    r"lawyer|attorney|campaigner|member|leader|advis[eo]r|coordinator|producer|actor|actress|author|writer|"
    r"candidate|nominee|commissioner|official|representative|ambassador|judge|researcher|fellow|partner|"
    r"strategist|aide|chancellor|economist|scientist|activist|survivor|owner|coach|captain|"
    r"superintendent|inspector|engineer|councillor|councilor|deputy|organi[sz]er|pollster|showrunner|"
    r"creator|creative|presenter|correspondent|reporter|professor|teacher|doctor|nurse|student|resident)\b",
    re.IGNORECASE,
)
_APPOSITION = re.compile(
    r",\s+(?P<role>(?:the\s+|a\s+|an\s+)?[^,.;:\"“”()\n]{3,140}?)\s*(?:,|\.|;|:|\)|\s+(?:said|says|told))")
_POSSESSIVE = re.compile(r"['’]s?$")
# British and American spellings that name the same organisation.
_SPELLINGS = {"centre": "center", "organisation": "organization", "defence": "defense", "programme": "program",
              "labour": "labor", "theatre": "theater", "council": "council"}
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def name_words(surface: str) -> list[str]:
    """A person's name as words, without possessive or leading honorifics ("Ms Okafor's" -> ["Okafor"])."""
    return list(_name_words(surface))


@lru_cache(maxsize=65536)
def _name_words(surface: str) -> tuple[str, ...]:
    """``name_words`` once per surface form: speaker resolution asks for every mention again per quote."""
    words = _POSSESSIVE.sub("", _ARTICLE.sub("", surface.strip())).split()
    while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    return tuple(words)


@lru_cache(maxsize=65536)
def person_key(surface: str) -> str:
    """Comparable form of a person's name: words without honorifics, lowercase, no accents."""
    return _fold(" ".join(name_words(surface)))


@lru_cache(maxsize=65536)
def organisation_key(surface: str) -> str:
    """Comparable form of an organisation's name: no "the", no possessive, one spelling, lowercase."""
    words = re.findall(r"[\w&]+", _ARTICLE.sub("", _POSSESSIVE.sub("", surface.strip())))
    return " ".join(_SPELLINGS.get(w.lower(), w.lower()) for w in words if w).strip()


def display_name(surface: str, kind: str) -> str:
    """The name to show: honorifics, leading "the" and possessives removed."""
    if kind == "person":
        return " ".join(name_words(surface))
    return _ARTICLE.sub("", _POSSESSIVE.sub("", " ".join(surface.split())))


def slug(text: str) -> str:
    """ASCII, lowercase, hyphen-separated, at most 160 characters: "Jürgen Albers" -> "jurgen-albers"."""
    return re.sub(r"[^a-z0-9]+", "-", _fold(text))[:160].strip("-") or "unnamed"


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


_WORD_CHAR = re.compile(r"[\w-]")


def whole_word_spans(text: str, form: str) -> list[tuple[int, int]]:
    r"""Where ``form`` stands as a whole word (not inside a longer word or hyphenation), left to right
    without overlaps: what ``re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text)`` finds,
    by ``str.find`` (a pattern that opens with a look-behind is tried at every character)."""
    spans: list[tuple[int, int]] = []
    if not form:
        return [m.span() for m in re.finditer(r"(?<![\w-])(?![\w-])", text)]
    size = len(form)
    position = text.find(form)
    while position >= 0:
        end = position + size
        if (position == 0 or not _WORD_CHAR.match(text, position - 1)) and not _WORD_CHAR.match(text, end):
            spans.append((position, end))
            position = text.find(form, end)
        else:
            position = text.find(form, position + 1)
    return spans


def apposition_role(text: str, position: int) -> str | None:
    """A role in apposition right after a name: ", VP of International Originals at Netflix,"."""
    match = _APPOSITION.match(text, position)
    if not match:
        return None
    role = match.group("role")
    return clean_role(role) if ROLE_WORDS.search(role) else None


def clean_role(role: str) -> str:
    """A role without surrounding punctuation or a leading article."""
    role = re.sub(r"\s+", " ", role).strip(" ,")
    return _ARTICLE.sub("", role)


NOT_NAME_WORDS = {"authority", "council", "agency", "trust", "bridge", "hospital", "general", "university", "school",
                   "club", "rovers", "united", "city", "company", "group", "centre", "center", "street", "road",
                   "river", "valley", "harbour", "port", "park", "house", "office", "party", "court", "police",
                   "news", "times", "post", "echo", "gazette", "ledger", "courier", "studios", "chemicals", "fc"}


def looks_like_person_name(surface: str) -> bool:
    """Two or three capitalised words, as a full personal name usually is (and no "Council", "Bridge")."""
    words = name_words(surface)
    return (2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].replace("-", "").islower() for w in words)
            and not any(w.lower() in NOT_NAME_WORDS for w in words))
