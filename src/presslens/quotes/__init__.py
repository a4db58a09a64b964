"""The quotes stage: who said what, through which cue, in every article.

A fine-tuned MiniLM tagger (int8 ONNX, ``quotes/model/``) marks content, source
and cue spans (Viterbi decoding: no span opens with "inside"); ``linking`` joins
them into attributions; ``speakers`` resolves each speaker to a canonical person
with a role. ``rules`` is the rule-only
baseline (``method="rules"``), also used for languages the tagger was not
trained on (``Language.quote_tagger`` False: French has the clause rules of
``clauses``). Every step takes the text's ``language`` (a code or a ``Language``,
English when not given). The methods are named in one registry, ``methods``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import lang
from ..lang import Language
from ..records import Article, Quote, Span
from . import methods
from .linking import Attribution, link
from .rules import find_quotes, quoted_segments, sentence_bounds
from .speakers import Person, Speaker, find_channel, resolve_speaker
from .tagger import MODEL_DIR
from .tagging import TaggedSpan

__all__ = ["FoundQuote", "PendingTags", "QuoteExtractor", "is_quote", "quote_kind"]

_WORD = re.compile(r"\w")
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class FoundQuote:
    """One attribution in a text: offsets (end exclusive) and who the speaker is."""

    content: tuple[int, int]
    kind: str
    source: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    speaker_name: str | None = None
    speaker_role: str | None = None
    channel: str | None = None

    def as_record(self, text: str) -> dict:
        """PolNeAR-schema dict (quote_/speaker_/cue_ start, end, text; quote_kind; speaker_name)."""
        out: dict = {}
        for prefix, span in (("quote", self.content), ("speaker", self.source), ("cue", self.cue)):
            start, end = span or (None, None)
            out[f"{prefix}_start"], out[f"{prefix}_end"] = start, end
            out[f"{prefix}_text"] = text[start:end] if span else None
        out.update(quote_kind=self.kind, speaker_name=self.speaker_name, speaker_role=self.speaker_role,
                   channel=self.channel)
        return out


def is_quote(text: str, attribution: Attribution, language: Language = lang.DEFAULT) -> bool:
    """Whether an attribution is worth showing as a quote: a cue or a source (a content with neither is a
    tagging slip), and a content of two words or more, or words in quotation marks, that is not just the
    reporting clause ("the", "Trump", "Port officials said" and "», a-t-elle dit." are not quotes).
    On PolNeAR dev the one-word rule drops 103 contents, 26 of them gold ("criticised Trump": PolNeAR
    counts a topic as a content)."""
    if not (attribution.cue or attribution.source):
        return False
    start, end = attribution.content
    own = [span for span in (attribution.source, attribution.cue) if span]
    words = [m.span() for m in _WORDS.finditer(text, start, end)
             if not any(s <= m.start() and m.end() <= e for s, e in own)]
    around = text[max(0, start - 1):end + 1]
    marked = any(mark in around for mark in (*language.opening_quotes, *language.closing_quotes))
    if not words or (len(words) == 1 and not marked):
        return False
    if marked:
        return True
    if attribution.source is None and attribution.cue and _passive(text[slice(*attribution.cue)], language):
        return False  # "is expected", "was described as": nobody says it
    if len(words) > 4:
        return True
    said = [text[s:e] for s, e in words]
    if said[-1].lower() in _reporting_verbs(language):
        return False  # "Port officials said": the reporting clause alone
    # "Hillary Clinton" (endorsed): a name is what was spoken of, not what was said
    return not all(w[:1].isupper() or w.lower() in language.name_particles for w in said)


def _passive(cue: str, language: Language) -> bool:
    """Whether a cue of two words or more opens with an auxiliary of the passive ("is described")."""
    lower = cue.lower().strip()
    return len(lower.split()) > 1 and any(lower.startswith(aux + " ") or (lower.startswith(aux) and aux[0] in "'’")
                                          for aux in language.passive_auxiliaries)


@lru_cache(maxsize=8)
def _reporting_verbs(language: Language) -> frozenset[str]:
    return frozenset(verb.lower() for verb in (*language.reporting_verbs, *language.speech_verbs) if " " not in verb)


def quote_kind(text: str, attribution: Attribution, language: Language = lang.DEFAULT) -> str:
    """direct (all in quotation marks), mixed (some), or indirect (none)."""
    start, end = attribution.content
    segments = [(s.start, s.end) for s in quoted_segments(text[start:end], language)]
    if not segments:
        return "indirect"
    rest = list(text[start:end])
    cut = [*segments]
    for span in (attribution.source, attribution.cue):
        if span:
            cut.append((span[0] - start, span[1] - start))
    for s, e in cut:
        rest[max(s, 0):max(e, 0)] = " " * (max(e, 0) - max(s, 0))
    return "mixed" if _WORD.search("".join(rest)) else "direct"


class QuoteExtractor:
    """Finds attributions in texts; load once, call many times."""

    def __init__(self, method: str = "model", model_dir: Path = MODEL_DIR, threads: int | None = None):
        self._tagger = methods.get(method).tagger(model_dir, threads)  # E004 for a method not registered
        self.method = method
        # Whether callers should run the tagger beside other work (``start``): not on one core.
        self.overlap = self._tagger is not None and self._tagger.threads > 1

    @property
    def version(self) -> str:
        return self._tagger.version if self._tagger else "rules"

    def attributions(self, texts: Sequence[str], languages: Sequence[str] | None = None,
                     run_options=None) -> list[list[Attribution]]:
        """Raw attributions (offsets only) for each text."""
        languages = languages or [lang.DEFAULT.code] * len(texts)
        return [self.attributions_in(text, tagged, language=code)
                for text, tagged, code in zip(texts, self.tag(texts, languages, run_options), languages, strict=True)]

    def tag(self, texts: Sequence[str], languages: Sequence[str] | None = None,
            run_options=None) -> list[list[TaggedSpan] | None]:
        """The tagger's spans for each text in a language it knows; ``None`` for the texts the rules take."""
        languages = languages or [lang.DEFAULT.code] * len(texts)
        model_jobs = [i for i, code in enumerate(languages) if self._tagger and lang.get(code).quote_tagger]
        out: list[list[TaggedSpan] | None] = [None] * len(texts)
        if model_jobs:
            tagged = self._tagger.tag([texts[i] for i in model_jobs], run_options)
            for i, spans in zip(model_jobs, tagged, strict=True):
                out[i] = spans
        return out

    @staticmethod
    def attributions_in(text: str, tagged: list[TaggedSpan] | None, *,
                        language: Language | str | None = None) -> list[Attribution]:
        """One text's attributions from its tagged spans (``None``: by the rules of its ``language``, a code or a
        ``Language``; English when not given)."""
        rules = lang.as_language(language)
        found = find_quotes(text, rules) if tagged is None else link(text, tagged, rules)
        return [a for a in found if is_quote(text, a, rules)]

    def start(self, texts: Sequence[str], languages: Sequence[str] | None = None) -> PendingTags:
        """``tag`` begun on a thread of its own, for ``extract`` to take later: the tagger needs only the
        texts, so it can run while the caller finds the people it needs for speakers (onnxruntime lets go
        of the GIL, so spaCy and the tagger share the cores)."""
        return PendingTags(self, texts, languages)

    def extract(self, texts: Sequence[str], people: Sequence[Sequence[Person]] | None = None,
                languages: Sequence[str] | None = None,
                pending: PendingTags | None = None) -> list[list[FoundQuote]]:
        """Attributions with kind, canonical speaker, role and channel, for each text (tagged by
        ``pending`` when given: ``start`` on the same texts)."""
        people = people or [[] for _ in texts]
        languages = languages or [lang.DEFAULT.code] * len(texts)
        tagged_all = pending.result() if pending is not None else self.tag(texts, languages)
        return [self.quotes_in(text, tagged, persons, language=code)
                for text, tagged, persons, code in zip(texts, tagged_all, people, languages, strict=True)]

    def quotes_in(self, text: str, tagged: list[TaggedSpan] | None, people: Sequence[Person], *,
                  language: Language | str | None = None) -> list[FoundQuote]:
        """One text's quotes from its tagged spans (``None``: by the rules), speakers among ``people``, by the
        rules of its ``language`` (a code or a ``Language``; English when not given)."""
        rules = lang.as_language(language)
        return describe(text, self.attributions_in(text, tagged, language=rules), people, rules)


class PendingTags:
    """``QuoteExtractor.tag`` running on a thread; ``result`` waits for it. If the wait is interrupted
    (a document time limit), the tagger is told to stop at its next model call."""

    def __init__(self, extractor: QuoteExtractor, texts: Sequence[str], languages: Sequence[str] | None):
        self._run_options = None
        if extractor._tagger is not None:
            import onnxruntime

            self._run_options = onnxruntime.RunOptions()
        self._result: list[list[TaggedSpan] | None] | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._work, args=(extractor, list(texts), languages),
                                        name="presslens-quote-tagger", daemon=True)
        self._thread.start()

    def _work(self, extractor: QuoteExtractor, texts: list[str], languages: Sequence[str] | None) -> None:
        try:
            self._result = extractor.tag(texts, languages, self._run_options)
        except BaseException as exc:  # handed to the thread that waits
            self._error = exc

    def cancel(self) -> None:
        """Stop the tagger at its next model call; nobody will wait for the result."""
        if self._run_options is not None:
            self._run_options.terminate = True

    def result(self) -> list[list[TaggedSpan] | None]:
        try:
            self._thread.join()
        except BaseException:
            self.cancel()
            raise
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result


def describe(text: str, attributions: Sequence[Attribution], people: Sequence[Person],
             language: Language = lang.DEFAULT) -> list[FoundQuote]:
    """Add kind, speaker and channel to attributions, in text order."""
    quotes = []
    previous: Speaker | None = None
    for attribution in sorted(attributions, key=lambda a: a.content):
        speaker = resolve_speaker(text, attribution.source, people, previous, language)
        if speaker.name:
            previous = speaker
        anchor = attribution.cue or attribution.content
        sentence_start, sentence_end = sentence_bounds(text, anchor[0], language)
        channel = find_channel(text, min(sentence_start, attribution.content[0]), max(anchor[1], sentence_end),
                               language)
        quotes.append(FoundQuote(attribution.content, quote_kind(text, attribution, language), attribution.source,
                                 attribution.cue, speaker.name, speaker.role, channel))
    return quotes


def article_quotes(article: Article, found: Sequence[FoundQuote]) -> list[Quote]:
    """Quote records for an article whose clean text was searched: spans point into the raw text."""
    def raw(span: tuple[int, int] | None) -> Span | None:
        return article.raw_span(*span) if span else None

    return [
        Quote(article.article_id, raw(q.content), q.kind, raw(q.source), raw(q.cue), q.speaker_name,
              None, q.channel, q.speaker_role)
        for q in found
    ]
