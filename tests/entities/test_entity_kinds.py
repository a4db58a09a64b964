"""Entity kinds from the text's evidence, one person under two spellings, the outlet named in its own article.

The model's labels below are the small model's real mistakes on texts of this kind (a town as a person, a
series as an organisation, a property developer as an organisation); the evidence around the names must win.
"""

from __future__ import annotations

import pytest

from presslens.entities import analyse_text
from presslens.entities.evaluate import GoldMention, PredictedMention, score_kinds
from presslens.entities.names import spelling_variants
from presslens.pipeline import ingest_paths
from presslens.settings import Settings
from presslens.store import Store

from ..conftest import write_jsonl
from .test_entities import named


def kinds_of(text: str, *items: tuple[str, str, int]) -> dict[str, str]:
    return {e.name: e.kind for e in analyse_text(text, named(text, *items))}


def test_towns_the_model_takes_for_people_are_places():
    text = ("Residents of Ashbury say the bypass will cut the town in two. Millbrook, 12 miles away, "
            "has a similar plan. Jo Hart, who lives in Ashbury, said the council had not listened. "
            "A Millbrook-based firm won the contract, and traders near Melton Mowbray fear the same.")
    kinds = kinds_of(text, ("Ashbury", "PERSON", 0), ("Millbrook", "PERSON", 0), ("Jo Hart", "PERSON", 0),
                     ("Ashbury", "PERSON", 1), ("Millbrook", "PERSON", 1), ("Melton Mowbray", "PERSON", 0))
    assert kinds["Ashbury"] == kinds["Millbrook"] == kinds["Melton Mowbray"] == "place"
    assert kinds["Jo Hart"] == "person"


def test_roads_bridges_and_rivers_are_places_by_their_last_or_first_word():
    text = "Traffic on Valley Road backed up to Kelby Bridge as the River Avel rose."
    kinds = kinds_of(text, ("Valley Road", "ORG", 0), ("Kelby Bridge", "PERSON", 0), ("River Avel", "LAW", 0))
    assert set(kinds.values()) == {"place"}


def test_a_person_the_model_calls_an_organisation_is_a_person_by_age_title_and_surname():
    text = ("Portmere property developer Callum Rourke has bought Northfield Rovers. Rourke, 47, said the club "
            "would stay. Mr Rourke told fans he grew up on the terraces.")
    kinds = kinds_of(text, ("Callum Rourke", "ORG", 0), ("Northfield Rovers", "ORG", 0), ("Rourke", "ORG", 1),
                     ("Rourke", "ORG", 2))
    assert kinds == {"Callum Rourke": "person", "Northfield Rovers": "organisation"}


def test_series_are_works_with_or_without_commas_and_quotation_marks():
    text = ("Streamwell has ordered Glasshouse, an eight-episode drama that follows a cheating ring. Its creator "
            "also made the hospital thriller Night Rounds. The Glasshouse cast is young, and the comedy "
            "Freshers was renewed.")
    kinds = kinds_of(text, ("Streamwell", "ORG", 0), ("Glasshouse", "ORG", 0), ("Night Rounds", "EVENT", 0),
                     ("Glasshouse", "ORG", 1), ("Freshers", "ORG", 0))
    assert kinds == {"Streamwell": "organisation", "Glasshouse": "work", "Night Rounds": "work",
                     "Freshers": "work"}


def test_companies_the_model_calls_people_are_organisations_by_what_surrounds_them():
    text = ("The Lyon-based production company Atelier Nord defended the show. Camille Roux of Atelier Nord, "
            "the Lyon studio co-producing it, said the critics were wrong.")
    kinds = kinds_of(text, ("Lyon", "ORG", 0), ("Atelier Nord", "PERSON", 0), ("Atelier Nord", "PERSON", 1),
                     ("Camille Roux", "PERSON", 0), ("Lyon", "ORG", 1))
    assert kinds == {"Atelier Nord": "organisation", "Camille Roux": "person", "Lyon": "place"}


def test_organisations_with_directors_are_not_people():
    """ "whose director" does not make a name a person (organisations have directors); "who" does."""
    text = "It was criticised by the Student Welfare Trust, whose director called it reckless."
    assert kinds_of(text, ("the Student Welfare Trust", "PERSON", 0)) == {"Student Welfare Trust": "organisation"}


@pytest.mark.parametrize(("first", "second", "same"), [
    ("Rafael Sousa", "Raphael Sousa", True), ("Mohammed Aziz", "Muhammad Aziz", True),
    ("Yusuf Demir", "Yousef Demir", True), ("Jürgen Albers", "Juergen Albers", True),
    ("Dr Rafael Sousa", "Raphael Sousa", True),
    ("Daniel Smith", "Danielle Smith", False), ("John Smith", "Joan Smith", False), ("Jon Smith", "Jan Smith", False),
    ("Rafael Sousa", "Rafael Costa", False), ("Paul Ng", "Paula Ng", False)])
def test_spelling_variants_of_one_name(first, second, same):
    assert spelling_variants(first, second) is same


def test_two_spellings_in_one_article_are_one_person_and_a_sister_stays_herself():
    text = ("Dr Rafael Sousa, the chief engineer, said the crack was new. Raphael Sousa added that repairs would "
            "take weeks. Daniel Smith and his sister Danielle Smith both spoke.")
    entities = analyse_text(text, named(text, ("Dr Rafael Sousa", "PERSON", 0), ("Raphael Sousa", "PERSON", 0),
                                        ("Daniel Smith", "PERSON", 0), ("Danielle Smith", "PERSON", 0)))
    people = {e.name: sorted({m.text for m in e.mentions}) for e in entities if e.kind == "person"}
    assert people == {"Rafael Sousa": ["Dr Rafael Sousa", "Raphael Sousa"], "Daniel Smith": ["Daniel Smith"],
                      "Danielle Smith": ["Danielle Smith"]}


@pytest.mark.slow
def test_across_outlets_a_second_spelling_joins_the_known_person_and_the_outlet_is_an_organisation(tmp_path):
    articles = [
        {"outlet": "Harbour Gazette", "date": "2026-03-04", "title": "Crack found in Harbour Bridge",
         "text": "Dr Rafael Sousa, chief engineer at the Portmere Harbour Authority, said the crack in the Harbour "
                 "Bridge was a fatigue crack. \"We will not reopen it until it is safe,\" Sousa said."},
        {"outlet": "Screenline", "date": "2026-03-05", "title": "Bridge closure hits filming",
         "text": "Raphael Sousa, the Portmere Harbour Authority's chief engineer, told Screenline that the Harbour "
                 "Bridge would stay shut. Filming of the drama Glasshouse has moved to Castle Hill."},
    ]
    settings = Settings(db_url=str(tmp_path / "two.db"))
    with Store.open(settings.db_url) as store:
        report = ingest_paths([write_jsonl(tmp_path / "two.jsonl", articles)], store, settings)
        assert report.ok, report.errors
        ids = {m["text"]: m["entity_id"] for s in store.list_articles(limit=10)
               for m in store.article_mentions(s.article_id)}
    assert ids["Raphael Sousa"] == ids["Rafael Sousa"] == "person:rafael-sousa", ids
    assert ids["Screenline"].startswith("organisation:")
    assert ids["Glasshouse"] == "work:glasshouse"


def test_typing_scores_count_a_missed_mention_as_wrong_only_over_all_mentions():
    gold = [GoldMention("d", 0, 5, "Lyon", "place:lyon", "place"),
            GoldMention("d", 10, 15, "Nord", "o", "organisation"), GoldMention("d", 20, 25, "Roux", "p", "person")]
    predicted = [PredictedMention("d", 0, 5, "place:lyon"), PredictedMention("d", 10, 15, "person:nord")]
    scores = score_kinds(gold, predicted)
    assert (scores.found, scores.correct) == (2, 1)
    assert scores.accuracy == pytest.approx(1 / 3) and scores.accuracy_found == pytest.approx(1 / 2)
    assert [(e[1], e[3]) for e in scores.errors] == [("Nord", "person"), ("Roux", "missed")]


def test_a_surname_the_model_calls_a_place_is_the_person_it_ends_and_a_town_ends_no_organisation():
    text = ("Samedi, Sophie Kerbrat a harangué les manifestants. Kerbrat a alors créé un collectif à Valcourt. "
            "Le Centre hospitalier de Valcourt ferme sa maternité; Kerbrat, elle, ne s'avoue pas vaincue.")
    entities = analyse_text(text, named(text, ("Sophie Kerbrat", "PER", 0), ("Kerbrat", "LOC", 1),
                                        ("Kerbrat", "LOC", 2), ("Valcourt", "LOC", 0),
                                        ("Centre hospitalier de Valcourt", "ORG", 0)), language="fr")
    kinds = {e.name: e.kind for e in entities}
    assert kinds["Sophie Kerbrat"] == "person" and "Kerbrat" not in kinds
    assert kinds["Valcourt"] == "place" and kinds["Centre hospitalier de Valcourt"] == "organisation"
