"""Quote rules for languages that attribute speech by clauses and incises: French ("a-t-elle ajouté").

``rules.find_quotes`` hands a text here when its language names inverted cues (``Language.inverted_cues``);
everything language-specific comes from the ``Language``: the cues, the pronouns, the articles, the fillers.
The rules, in the order they claim a stretch of text (a later one never takes what an earlier one has):

1. a quotation with its cue in an incise, inside it or right after it, or just before it in its sentence:
   ``« Fermer, c'est ..., a-t-elle dit. Cela ... »``, ``« ... », a déclaré l'élue``,
   ``Elle y sera, promet-elle, « avec des poussettes »``;
2. reported speech: ``X (, apposition,) a déclaré (jeudi) que ...`` or ``X réclame la levée ...`` (the content runs
   to the end of the sentence, quotations included: a mixed quote), and a second cue sharing the subject
   (``... et a affirmé que ...``);
3. ``Selon X, ...`` / ``..., selon X`` and, opening a sentence, ``Pour X, ...``;
4. a quotation introduced by its cue and a colon: ``La maire a prévenu : « ... »``;
5. an incise without quotation marks: ``Les écoles rouvriront mercredi, a-t-elle ajouté.``.

Words in quotation marks that none of these credits to anyone (a title, a term, a slogan) are no quote, as the
trained tagger's contents with neither cue nor source are dropped.

A speaker span names the speaker in that sentence: the name rather than a title before it (``La procureure de
Sarlange, Isabelle Rouvier, a confirmé`` -> ``Isabelle Rouvier``), the pronoun of an inverted cue.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from ..entities.names import role_words
from ..lang import Language, sentence_spans
from ..lang.patterns import NEVER, elided, one_of
from .linking import Attribution
from .rules import Segment, quoted_segments

__all__ = ["find_quotes"]

MIN_WORDS = 2  # a quotation of fewer words ("« stupeur »") is no quote of its own
MAX_CONTENT = 800  # reported speech runs to the end of its sentence, at most this many characters on
MAX_LEAD = 300  # what introduces a quotation (its speaker and cue) lies at most this many characters before it


@dataclass(frozen=True, slots=True)
class _Clauses:
    """A language's clause and incise patterns, compiled."""

    incise: re.Pattern[str]  # ", a-t-elle dit." inside a quotation
    after: re.Pattern[str]  # right after a quotation: ", a-t-elle lancé" / ", a déclaré l'élue"
    before_incise: re.Pattern[str]  # "Elle y sera, promet-elle, " right before a quotation
    colon: re.Pattern[str]  # "La maire a prévenu : " right before a quotation
    reported: re.Pattern[str]  # "X a déclaré que", "X réclame"
    shared: re.Pattern[str]  # "... et a affirmé que": a second cue of the same subject
    according: re.Pattern[str]  # "selon X"
    initial: re.Pattern[str]  # "Pour X," opening a sentence
    plain_incise: re.Pattern[str]  # ", a-t-il précisé." ending a sentence with no quotation marks
    relative: re.Pattern[str]  # ", qui dirige les pompiers," after a source
    name: re.Pattern[str]  # a person's name (an apposition that is one)
    lead: re.Pattern[str]  # what a sentence may open with before a source or cue (white space, a mark)
    group: re.Pattern[str]  # a noun for an organisation ("le collectif")


def _article(language: Language) -> str:
    """The definite articles, either case, elided ones with their apostrophe."""
    forms = []
    for word in language.definite_articles:
        either = f"[{word[0].upper()}{word[0].lower()}]{word[1:]}"
        forms.append(f"{either[:-1]}['’]\\s*" if elided(word) else rf"{either}\s+")
    return f"(?:{one_of(forms)})"


def _either_case(words) -> str:
    return one_of(f"[{w[0].upper()}{w[0].lower()}]{re.escape(w[1:])}" if w[:1].isalpha() else re.escape(w)
                  for w in words)


@lru_cache(maxsize=8)
def _clauses(language: Language) -> _Clauses:
    """The clause patterns of a language, compiled once."""
    caps, lower = language.capitals, "a-zàâäçéèêëîïôöûùüÿœæ"
    marks_open, marks_close = re.escape(language.opening_quotes), re.escape(language.closing_quotes)
    article = _article(language)
    particles = one_of(w for w in language.name_particles if not elided(w))
    space = r"[^\S\n]+"  # within a source: no line break
    name_word = rf"[{caps}](?:\.|[\w'’-]*)"
    name = rf"{name_word}(?:(?:{space}(?:{particles}){space}|{space}){name_word})*"
    pronoun = rf"(?:{one_of(language.subject_pronouns)})\b"
    word = r"[\w'’-]+"
    determiner = rf"(?:{article}|(?:{_either_case(language.possessive_determiners) or NEVER}){space})"
    # The speaker as a sentence names it: a pronoun, a name (maybe after an article and a title: "le colonel
    # Lionel Garnier"), or a noun phrase opening with an article ("la direction de l'entreprise").
    titled = rf"(?:{determiner}(?:[{lower}][\w'’-]*{space}){{0,3}}?)?{name}"
    source = rf"(?:{pronoun}|{titled}|{determiner}(?:{word}{space}){{0,6}}?{word})"
    # ... and after "selon": a stressed pronoun, a name or phrase up to the punctuation, maybe with its acronym.
    stressed = rf"(?:{one_of(sorted(language.personal_pronouns | language.group_pronouns, key=len, reverse=True))})\b"
    long_source = (rf"(?:{stressed}|{titled}|{determiner}(?:{word}{space}){{0,7}}?{word})"
                   rf"(?:\s*\([^()\n]{{1,30}}\))?")
    cue = rf"(?:{one_of(language.reporting_verbs)})"
    clitic = one_of(language.clitic_pronouns)
    # "a-t-elle", "avait-il": a -t- between a vowel and the pronoun
    auxiliary = one_of(f"{a}-t-" if a[-1] in _VOWELS else f"{a}-" for a in language.auxiliaries)
    participle = one_of(sorted(language.participles, key=len, reverse=True))
    verbs = one_of(language.inverted_cues)
    inverted = (rf"(?P<cue>(?:{auxiliary})(?P<pa>{clitic})\s+(?:{participle})|"
                rf"(?:{verbs})-(?:t-)?(?P<pb>{clitic}))(?![\w-])")
    fillers = one_of((*language.cue_fillers, *language.weekdays))
    complementiser = one_of(f"{w[:-1]}['’]" if elided(w) else rf"{w}\b" for w in language.complementisers)
    appos = r"(?P<appos>\s*,\s*[^,.;:!?\n]{1,100}?,)?"
    # What a cue reports: "que ..." a few words on ("a déclaré à La Dépêche que"), else what follows it (after
    # fillers: "a dénoncé pour sa part une décision").
    content = (rf"(?:(?:\s+[^\s.,;:!?{marks_open}{marks_close}]+){{0,6}}?\s+(?P<que>{complementiser})|"
               rf"(?:\s+(?:{fillers}))*\s*,?\s+(?P<object>(?=[\w{marks_open}])))")
    lead = rf"[\s{marks_open}{marks_close}]*"
    relatives = one_of(sorted((*language.relative_pronouns, *language.possessive_relatives), key=len, reverse=True))
    return _Clauses(
        incise=re.compile(rf",\s*{inverted}\s*(?=[,.!?…])"),
        # "», a réagi sa vice-présidente chargée de la culture, Élise Fontaine.": the name after the title
        after=re.compile(rf"\s*,?\s*(?:{inverted}|(?P<cue2>{cue})(?:\s+(?:{fillers}))*\s+"
                         rf"(?:(?P<src2>{source}),\s*(?P<name2>{name})(?=\s*[,.;:!?…]|\s*$)|"
                         rf"(?P<src3>{source})(?![\w'’-])))"),
        before_incise=re.compile(rf",\s*{inverted}\s*,\s*$"),
        colon=re.compile(rf"(?P<src>{source}){appos}\s+(?P<cue>{cue})(?:\s+[^\s.!?:{marks_open}]+){{0,6}}?\s*:\s*$"),
        reported=re.compile(rf"(?<![\w'’-])(?P<src>{source}){appos}\s+(?P<cue>{cue})(?![\w'’-]){content}"),
        shared=re.compile(rf"(?:,?\s+(?:{one_of(language.coordinators)})\s+|,\s+)(?P<cue>{cue})(?![\w'’-]){content}"),
        according=re.compile(rf"(?<![\w'’-])(?P<cue>{_either_case(language.according_to)})\s+(?P<src>{long_source})"
                             rf"(?=\s*[,.;:!?]|\s+(?:{relatives})\b|\s*$)"),
        initial=re.compile(rf"(?P<cue>{_either_case(language.according_to_initial) or NEVER})\s+"
                           rf"(?P<src>{long_source})(?=\s*,)"),
        plain_incise=re.compile(rf",\s*(?:{inverted}|(?P<cue2>{cue})\s+(?P<src2>{source}))\s*[.!?…]?\s*$"),
        relative=re.compile(rf"\s*,\s*(?:{relatives})(?![\w-])[^,.;:!?\n]{{1,120}},"),
        name=re.compile(rf"\s*(?:{name})\s*"),
        lead=re.compile(lead),
        group=re.compile(rf"\b(?:{one_of(language.group_nouns)})\b", re.IGNORECASE),
    )


def find_quotes(text: str, language: Language) -> list[Attribution]:
    """Attributions in ``text`` by the clause rules of ``language`` (see the module docstring), in text order."""
    finder = _Finder(text, language)
    return finder.run()


class _Finder:
    """One text's attributions, rule by rule; ``claimed`` holds what the rules before took."""

    def __init__(self, text: str, language: Language) -> None:
        self.text, self.language, self.rules = text, language, _clauses(language)
        self.segments = [s for s in quoted_segments(text, language) if s.end - s.start > 2]
        self._starts = [s.start for s in self.segments]
        self._sentence_starts = [start for start, _ in sentence_spans(text, language.quote_sentence)] or [0]
        self.found: list[Attribution] = []
        self.claimed: list[tuple[int, int]] = []

    def run(self) -> list[Attribution]:
        long = [s for s in self.segments if len(_WORD.findall(self.text[s.start:s.end])) >= MIN_WORDS]
        for segment in long:
            self._incised(segment)
        self._reported()
        self._according()
        for segment in long:
            self._colon(segment)
        self._plain_incises()
        return sorted(self.found, key=lambda a: a.content)

    # -- bookkeeping

    def _free(self, start: int, end: int) -> bool:
        return all(end <= s or e <= start for s, e in self.claimed)

    def _add(self, attribution: Attribution) -> None:
        self.found.append(attribution)
        self.claimed.append(attribution.content)

    def _inside_quote(self, position: int) -> bool:
        index = bisect_left(self._starts, position) - 1  # segments do not overlap: only the last one opened
        return index >= 0 and position < self.segments[index].end - 1

    def _sentence_start(self, position: int) -> int:
        """Where the sentence holding the character at ``position`` opens (the one splitter's sentences)."""
        index = bisect_right(self._sentence_starts, position) - 1
        return self._sentence_starts[max(index, 0)] if index >= 0 else 0

    def _sentence_end(self, start: int) -> int:
        """Where the sentence going on at ``start`` ends, quotations inside it included (before the mark)."""
        rule = self.language.quote_sentence
        limit = min(len(self.text), start + MAX_CONTENT)
        for match in rule.regex.finditer(self.text, start, limit):
            if not self._inside_quote(match.start()):
                return self._trim_end(start, match.start() + (0 if match.group().startswith("\n") else 1))
        return self._trim_end(start, limit)

    def _trim_end(self, start: int, end: int) -> int:
        while end > start and (self.text[end - 1].isspace() or self.text[end - 1] in ".!?…,;:"):
            end -= 1
        return end

    def _source(self, match: re.Match, group: str = "src") -> tuple[int, int]:
        """A source span: a name in apposition rather than the title before it; no trailing punctuation, no
        conjunction opening a sentence before the name ("Mais Lestrade")."""
        start, end = match.span(group)
        first = re.match(r"[\w'’-]+\s+", self.text[start:end])
        if first and _opening_word(first.group(), self.language) and end - start > first.end():
            start += first.end()
        appos = match.groupdict().get("appos")
        if appos:
            inner_start, inner_end = match.start("appos"), match.end("appos") - 1
            inner = self.text[inner_start:inner_end].strip(" ,")
            if self.rules.name.fullmatch(inner) and inner[:1].isupper() and not self._pronoun(start, end):
                offset = self.text.index(inner, inner_start)
                start, end = offset, offset + len(inner)
        while end > start and self.text[end - 1] in " ,:":
            end -= 1
        return start, end

    def _speaks(self, source: tuple[int, int]) -> bool:
        """Whether a source can speak: not a work ("Le film raconte l'histoire ...")."""
        words = self.text[source[0]:source[1]].lower().replace("’", "'").split()
        head = words[1] if len(words) > 1 and words[0] in self.language.definite_articles else words[0] if words else ""
        return head.split("'")[-1] not in self.language.work_nouns

    def _pronoun(self, start: int, end: int) -> bool:
        return self.text[start:end] in self.language.subject_pronouns

    # -- 1. a quotation with an incise in it, right after it, or right before it

    def _incised(self, segment: Segment) -> None:
        text, rules = self.text, self.rules
        inside = rules.incise.search(text, segment.start, segment.end)
        if inside:
            self._add(_inverted(inside, (segment.start, segment.end)))
            return
        after = rules.after.match(text, segment.end, min(len(text), segment.end + 120))
        if after and "\n" not in text[segment.end:after.end()]:
            if after.group("cue"):
                self._add(_inverted(after, (segment.start, segment.end)))
            else:
                source = after.span("name2") if after.group("name2") else self._source(after, "src3")
                self._add(Attribution((segment.start, segment.end), source, after.span("cue2")))
            return
        sentence_start = max(self._sentence_start(max(segment.start - 1, 0)), segment.start - MAX_LEAD)
        before = rules.before_incise.search(text, sentence_start, segment.start)
        if before and self._free(sentence_start, segment.end):
            self._add(_inverted(before, (sentence_start, segment.end)))

    # -- 2. reported speech

    def _reported(self) -> None:
        text, rules = self.text, self.rules
        for match in rules.reported.finditer(text):
            cue = match.span("cue")
            if self._inside_quote(cue[0]) or self._inside_quote(match.start("src")):
                continue
            source = self._source(match)
            if self._speaks(source):
                self._report(match, source)

    def _report(self, match: re.Match, source: tuple[int, int]) -> None:
        """An attribution from a cue match with its content group, and the cues after it sharing its source."""
        start = match.start("que") if match.group("que") is not None else match.start("object")
        end = self._sentence_end(start)
        if end - start < 8:
            return
        following = self.rules.shared.search(self.text, start, end)
        while following is not None and self._inside_quote(following.start("cue")):
            following = self.rules.shared.search(self.text, following.end("cue"), end)
        content_end = self._trim_end(start, following.start()) if following else end
        if self._free(start, content_end) and content_end - start >= 8:
            self._add(Attribution((start, content_end), source, match.span("cue")))
        if following is not None:
            self._report(following, source)

    # -- 3. "selon X"

    def _according(self) -> None:
        text, rules = self.text, self.rules
        for pattern, initial_only in ((rules.according, False), (rules.initial, True)):
            for match in pattern.finditer(text):
                cue = match.span("cue")
                if self._inside_quote(cue[0]):
                    continue
                sentence_start = self._sentence_start(cue[0])
                opening = rules.lead.fullmatch(text, sentence_start, cue[0]) is not None
                if initial_only and not (opening and self._stands_for_someone(match)):
                    continue
                source = self._source(match)
                if opening:
                    start = match.end("src")
                    relative = rules.relative.match(text, start)
                    start = relative.end() if relative else start
                    while start < len(text) and text[start] in " ,":
                        start += 1
                    end = self._sentence_end(start)
                else:
                    start = sentence_start
                    while start < cue[0] and text[start] in " ":
                        start += 1
                    end = self._trim_end(start, cue[0])
                if end - start >= 8 and self._free(start, end):
                    self._add(Attribution((start, end), source, cue))

    def _stands_for_someone(self, match: re.Match) -> bool:
        """ "Pour X," names a speaker when X is a name, a pronoun or a role ("Pour le collectif"), not
        "Pour l'instant"."""
        words = self.text[match.start("src"):match.end("src")]
        if words[:1].isupper() or words.lower() in ("lui", "elle", "eux", "elles"):
            return True
        return bool(role_words(self.language).search(words) or self.rules.group.search(words)) and (
            re.search(rf"[{self.language.capitals}]", words[1:]) is not None or len(words.split()) <= 3)

    # -- 4. a quotation after its cue and a colon

    def _colon(self, segment: Segment) -> None:
        if not self._free(segment.start, segment.end):
            return
        sentence_start = self._sentence_start(max(segment.start - 1, 0))
        line_start = self.text.rfind("\n", 0, segment.start) + 1
        before = self.rules.colon.search(self.text, max(sentence_start, line_start, segment.start - MAX_LEAD),
                                         segment.start)
        if before and not self._inside_quote(before.start("cue")):
            self._add(Attribution((segment.start, segment.end), self._source(before), before.span("cue")))

    # -- 5. an incise without quotation marks

    def _plain_incises(self) -> None:
        text = self.text
        for start, end in _sentences(text, self.language):
            if not self._free(start, end) or any(start <= s.start < end for s in self.segments):
                continue
            match = self.rules.plain_incise.search(text, start, end)
            if match is None:
                continue
            content_end = self._trim_end(start, match.start())
            if content_end - start < 8:
                continue
            if match.group("cue"):
                self._add(_inverted(match, (start, content_end)))
            else:
                self._add(Attribution((start, content_end), self._source(match, "src2"), match.span("cue2")))


_WORD = re.compile(r"\w+")
_VOWELS = "aeiouyàâäéèêëîïôöùûü"


def _opening_word(word: str, language: Language) -> bool:
    """A capitalised function word opening a sentence before a name ("Mais", "Et"): a stop word, no article."""
    folded = word.strip().lower()
    return word[:1].isupper() and folded in language.stop_words and folded not in language.articles and (
        folded not in language.subject_pronouns)


def _inverted(match: re.Match, content: tuple[int, int]) -> Attribution:
    """An attribution whose cue is an inverted verb group; its pronoun is the source."""
    pronoun = "pa" if match.group("pa") else "pb"
    return Attribution(content, match.span(pronoun), match.span("cue"))


def _sentences(text: str, language: Language) -> list[tuple[int, int]]:
    return sentence_spans(text, language.quote_sentence)
