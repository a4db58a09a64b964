"""French end to end on short sentences written for these tests: quote rules, speakers, entities, facts, brief."""

from __future__ import annotations

from datetime import date

import pytest

from presslens import lang
from presslens.compare.brief import build_brief, compare_facts
from presslens.compare.facts import extract_facts, related
from presslens.compare.markdown import brief_markdown
from presslens.entities import analyse_text
from presslens.quotes import QuoteExtractor
from presslens.quotes.speakers import Person
from presslens.records import Article, OffsetMap, Story, StoryMaterial


def people_in(text: str, *names: str, kind: str = "person") -> list[Person]:
    out = []
    for name in names:
        start = text.index(name)
        out.append(Person(start, start + len(name), name, kind))
    return sorted(out, key=lambda p: p.start)


def quotes(text: str, people: list[Person]) -> list[dict]:
    found = QuoteExtractor("rules").quotes_in(text, None, people, language="fr")
    return [q.as_record(text) for q in found]


def test_french_guillemets_with_an_incise_inside_and_after():
    text = ("Le conseil a voté mardi. « Nous fermerons le pont, a-t-il expliqué. Les travaux dureront un an. » "
            "Marc Leroy dirige le chantier. «Personne ne sera oublié», a promis l'élu.")
    found = quotes(text, people_in(text, "Marc Leroy"))
    assert [q["quote_text"] for q in found] == [
        "« Nous fermerons le pont, a-t-il expliqué. Les travaux dureront un an. »", "«Personne ne sera oublié»"]
    assert [(q["cue_text"], q["speaker_text"], q["quote_kind"]) for q in found] == [
        ("a-t-il expliqué", "il", "direct"), ("a promis", "l'élu", "direct")]


def test_french_selon_x_before_and_after_the_content():
    text = ("Selon la société Velmar, l'usine rouvrira en septembre. "
            "Les salaires seront versés, selon Claire Dubois, directrice de l'agence.")
    found = quotes(text, people_in(text, "Claire Dubois") + people_in(text, "Velmar", kind="organisation"))
    assert [(q["quote_text"], q["speaker_text"], q["cue_text"]) for q in found] == [
        ("l'usine rouvrira en septembre", "la société Velmar", "Selon"),
        ("Les salaires seront versés", "Claire Dubois", "selon")]
    assert [q["speaker_name"] for q in found] == ["Velmar", "Claire Dubois"]


def test_french_colon_quote_and_reported_speech_with_que():
    text = ("Claire Dubois, directrice de l'Agence régionale de santé, a prévenu : « Rien n'est décidé. » "
            "La directrice a ajouté jeudi que deux postes seraient créés.")
    people = people_in(text, "Claire Dubois")
    found = quotes(text, people)
    assert [(q["quote_text"], q["cue_text"], q["speaker_text"]) for q in found] == [
        ("« Rien n'est décidé. »", "a prévenu", "Claire Dubois"),
        ("que deux postes seraient créés", "a ajouté", "La directrice")]
    assert [q["speaker_name"] for q in found] == ["Claire Dubois", "Claire Dubois"]  # the title names her
    assert found[0]["speaker_role"] == "directrice de l'Agence régionale de santé"


def test_french_pronoun_and_title_speakers_resolve_to_the_person_named_before():
    text = ("La maire de Brissac, Jeanne Morel, a reçu les parents. « Nous trouverons une solution », "
            "a-t-elle assuré. Le boulanger Paul Girard écoutait. Il a dit qu'il resterait. "
            "« Je serai là », a affirmé la maire.")
    found = quotes(text, people_in(text, "Jeanne Morel", "Paul Girard"))
    assert [(q["speaker_text"], q["speaker_name"]) for q in found] == [
        ("elle", "Jeanne Morel"), ("Il", "Paul Girard"), ("la maire", "Jeanne Morel")]


def test_french_an_incise_without_quotation_marks_and_two_cues_of_one_subject():
    text = "Les écoles resteront fermées lundi, a-t-elle précisé. Il a salué leur « courage » et a annoncé une aide."
    found = quotes(text, [])
    assert [(q["quote_text"], q["cue_text"], q["quote_kind"]) for q in found] == [
        ("Les écoles resteront fermées lundi", "a-t-elle précisé", "indirect"),
        ("leur « courage »", "a salué", "mixed"),
        ("une aide", "a annoncé", "indirect")]
    assert found[1]["speaker_text"] == found[2]["speaker_text"] == "Il"


def test_french_words_in_guillemets_nobody_says_are_no_quote():
    text = "Le film « Les Nuits du port » sort en mai dans vingt salles, avec la mention « tous publics »."
    assert quotes(text, []) == []


def test_french_numbers_and_the_conflict_of_12_000_and_15_000():
    a = extract_facts("a", "Près de 12 000 personnes ont marché samedi à Brissac contre la fermeture.",
                      language=lang.FRENCH)
    b = extract_facts("b", "Samedi, quelque 15\u202f000 manifestants ont marché à Brissac contre la fermeture.",
                      language=lang.FRENCH)
    assert [(f.text, f.low, f.high) for f in a] == [("Près de 12 000 personnes", 10800.0, 12000.0)]
    assert [(f.text, f.dimension) for f in b] == [("quelque 15\u202f000 manifestants", "count")]
    assert related(a[0], b[0], lang.FRENCH) == "conflict"


def test_french_money_decimals_approximations_and_what_is_no_fact():
    text = ("Le déficit atteint 3,5 millions d'euros par an. Environ 300 salariés et plus de 40 bateaux sont "
            "concernés. La réunion aura lieu le 25 avril à 9 heures. « Nous avons perdu 2 000 clients », dit-il.")
    facts = {f.text: f for f in extract_facts("a", text, language=lang.FRENCH)}
    assert set(facts) == {"3,5 millions d'euros", "Environ 300 salariés", "plus de 40 bateaux"}
    assert facts["3,5 millions d'euros"].dimension == "money:EUR" and facts["3,5 millions d'euros"].low == 3.395e6
    assert facts["plus de 40 bateaux"].high is None  # "plus de": above 40


def test_french_entity_rules_read_names_in_sentence_case():
    text = ("Le Centre hospitalier de Brissac et l'Agence régionale de santé de Haute-Vire (ARS) ont signé. "
            "La société Velmar Transports emploie 80 personnes quai Duguay-Trouin. L'ARS a confirmé.")
    named = [_span(text, "Centre", "LOC"), _span(text, "Brissac", "LOC"), _span(text, "Velmar Transports", "PER"),
             _span(text, "Duguay-Trouin", "PER")]
    found = {(m.text, e.kind) for e in analyse_text(text, named, language="fr") for m in e.mentions}
    assert found == {("Centre hospitalier de Brissac", "organisation"),
                     ("Agence régionale de santé de Haute-Vire", "organisation"), ("ARS", "organisation"),
                     ("Velmar Transports", "organisation"), ("quai Duguay-Trouin", "place")}


def test_french_brief_speaks_french():
    texts = {"a": "Près de 12 000 personnes ont marché samedi à Brissac contre la fermeture de la maternité.",
             "b": "Samedi, quelque 15 000 manifestants ont marché à Brissac contre la fermeture de la maternité."}
    articles = [_article(key, outlet, text) for (key, text), outlet in zip(texts.items(), ("Le Matin", "Le Soir"),
                                                                            strict=True)]
    story = Story("s1", "Maternité de Brissac", ["a", "b"], ["Le Matin", "Le Soir"], date(2026, 5, 2),
                  date(2026, 5, 2))
    brief = build_brief(StoryMaterial(story, articles))
    assert brief.language == "fr" and brief.as_dict()["language"] == "fr"
    (conflict,) = [f for f in brief.facts if f.status == "conflict"]
    assert {v.text for v in conflict.values} == {"Près de 12 000 personnes", "quelque 15 000 manifestants"}
    text = brief_markdown(brief)
    assert "## Médias" in text and "## Faits et chiffres d'un média à l'autre" in text
    assert "**contradiction**" in text and "articles de 2 médias" in text
    assert "Outlets" not in text and "conflict" not in text
    assert compare_facts(articles, {"a": "Le Matin", "b": "Le Soir"})[0].status == "conflict"


@pytest.mark.slow
def test_french_named_entities_come_from_the_french_model_with_ner_alone():
    from presslens import nlp

    assert nlp.has_model("fr") and nlp.MODELS["fr"] == "fr_core_news_sm"
    assert nlp.load("fr").pipe_names == ["ner"]
    (spans,) = nlp.entities(["Jeanne Morel, maire de Brissac, a reçu les parents à Rennes."], "fr")
    assert {(s.text, s.label) for s in spans} >= {("Jeanne Morel", "PER"), ("Rennes", "LOC")}


def _span(text: str, surface: str, label: str):
    from presslens.nlp import EntitySpan

    start = text.index(surface)
    return EntitySpan(start, start + len(surface), surface, label)


def _article(article_id: str, outlet: str, text: str) -> Article:
    offsets = OffsetMap()
    offsets.add(0, 0, len(text), len(text))
    return Article(article_id, outlet, None, None, date(2026, 5, 2), "fr", text, text, offsets)



