"""Entity mentions, clustering within an article, canonical ids across articles, and scoring."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from presslens.entities import analyse_text, organisation_key, person_key
from presslens.entities.canonical import entity_id_for, resolve
from presslens.entities.evaluate import GoldMention, PredictedMention, score
from presslens.entities.mentions import find_mentions
from presslens.records import KnownPerson


@dataclass
class Named:
    """A stand-in for spaCy's entity span."""

    start: int
    end: int
    text: str
    label: str


def named(text: str, *items: tuple[str, str, int]) -> list[Named]:
    """Named spans from (surface, spaCy label, occurrence) triples."""
    out = []
    for surface, label, occurrence in items:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(surface, start + 1)
        out.append(Named(start, start + len(surface), surface, label))
    return out


TEXT = ("The National Center on Sexual Exploitation (NCOSE) slammed Netflix. The series, Baby, which "
        "begins Friday, was praised by Erik Barmack, VP of International Originals at Netflix. "
        "Netflix bosses said nothing. Dawn Hawkins, executive director of the Center, said Baby was wrong. "
        "Hawkins added that NCOSE would act.")
NAMED = named(TEXT, ("The National Center on Sexual Exploitation", "ORG", 0), ("Netflix", "GPE", 0),
              ("Baby", "ORG", 0), ("Erik Barmack", "PERSON", 0), ("Netflix", "GPE", 1), ("Netflix", "GPE", 2),
              ("Dawn Hawkins", "PERSON", 0), ("Hawkins", "PERSON", 1), ("Baby", "PERSON", 1))


def by_name(entities):
    return {e.name: e for e in entities}


def test_entities_mentions_fix_kinds_and_add_works_and_acronyms():
    mentions = find_mentions(TEXT, NAMED)
    kinds = {(m.text, m.kind) for m in mentions}
    assert ("Netflix", "organisation") in kinds and ("Netflix", "place") not in kinds
    assert ("Baby", "work") in kinds and ("Baby", "organisation") not in kinds
    assert sum(1 for m in mentions if m.text == "NCOSE" and m.kind == "organisation") == 2


def test_entities_cluster_surnames_acronyms_short_references_and_roles():
    entities = by_name(analyse_text(TEXT, NAMED))
    hawkins = entities["Dawn Hawkins"]
    assert [m.text for m in hawkins.mentions] == ["Dawn Hawkins", "Hawkins"]
    assert hawkins.roles == ["executive director of the Center"]
    assert entities["Erik Barmack"].roles == ["VP of International Originals at Netflix"]
    center = entities["National Center on Sexual Exploitation"]
    assert {m.text for m in center.mentions} >= {"NCOSE", "Center"}
    assert center.evidence
    assert len(entities["Baby"].mentions) == 2


@pytest.mark.parametrize("a, b", [
    ("National Centre on Sexual Exploitation", "the National Center on Sexual Exploitation"),
    ("Netflix's", "NETFLIX"),
    ("The Organisation for Peace", "organization for peace"),
])
def test_entities_organisation_spellings_share_a_key(a, b):
    assert organisation_key(a) == organisation_key(b)


def test_entities_person_key_drops_honorifics_and_accents():
    assert person_key("Ms Okafor's") == "okafor"
    assert person_key("Tomás Reyne") == person_key("Tomas Reyne")


def lone_surname(text: str, surname: str, *others: tuple[str, str]):
    items = [(surname, "PERSON", 0), *[(name, label, 0) for name, label in others]]
    return analyse_text(text, named(text, *items))


def test_entities_surname_alone_joins_the_one_known_person_sharing_context():
    entities = lone_surname("Okafor opened the Portmere ferry.", "Okafor", ("Portmere", "GPE"))
    known = {"okafor": [KnownPerson("person:helen-okafor", "okafor", {"place:portmere"})]}
    ids = [r.entity_id for r in resolve(entities, known)]
    assert "person:helen-okafor" in ids


def test_entities_surname_alone_is_not_merged_without_context():
    entities = lone_surname("Smith scored twice for Leeds.", "Smith", ("Leeds", "GPE"))
    known = {"smith": [KnownPerson("person:anna-smith", "smith", {"place:portmere"}),
                       KnownPerson("person:john-smith", "smith", {"place:lyon"})]}
    ids = [r.entity_id for r in resolve(entities, known)]
    assert "person:smith" in ids and not any(i.endswith("-smith") for i in ids)


def test_entities_ids_come_from_kind_and_name():
    (entity,) = [e for e in analyse_text(TEXT, NAMED) if e.name == "Dawn Hawkins"]
    assert entity_id_for(entity) == "person:dawn-hawkins"


def gold(doc, start, entity):
    return GoldMention(doc, start, start + 1, "x", entity)


def test_entities_scores_perfect_and_split_and_merged():
    golds = [gold("d", 0, "A"), gold("d", 2, "A"), gold("d", 4, "B")]
    perfect = [PredictedMention("d", 0, 1, "a"), PredictedMention("d", 2, 3, "a"), PredictedMention("d", 4, 5, "b")]
    assert score(golds, perfect).bcubed == (1.0, 1.0, 1.0)
    split = [PredictedMention("d", 0, 1, "a"), PredictedMention("d", 2, 3, "c"), PredictedMention("d", 4, 5, "b")]
    result = score(golds, split)
    assert result.bcubed[0] == 1.0 and result.bcubed[1] == pytest.approx((0.5 + 0.5 + 1) / 3)
    assert result.pairwise == (1.0, 0.0, 0.0)
    merged = [PredictedMention("d", 0, 1, "a"), PredictedMention("d", 2, 3, "a"), PredictedMention("d", 4, 5, "a")]
    result = score(golds, merged)
    assert result.bcubed[1] == 1.0 and result.bcubed[0] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    assert result.false_merges == [("a", ["A", "B"])]


def test_entities_missed_mention_costs_recall():
    result = score([gold("d", 0, "A"), gold("d", 2, "A")], [PredictedMention("d", 0, 1, "a")])
    assert result.found == 1 and result.bcubed[1] == pytest.approx(0.5)


REPEATS_IN_ANOTHER_PROCESS = """
import json
from presslens.entities.cluster import LocalEntity, _add_repeats
from presslens.entities.mentions import EntityMention
text = {text!r}
entities = {{("place", "york hall"): LocalEntity("place", "York Hall", "york hall",
                                             [EntityMention(0, 9, "York Hall", "place")]),
            ("organisation", "hall road"): LocalEntity("organisation", "Hall Road", "hall road",
                                                       [EntityMention(10, 19, "Hall Road", "organisation")])}}
_add_repeats(text, entities)
print(json.dumps(sorted([k[0], m.start, m.end] for k, e in entities.items() for m in e.mentions)))
"""


def test_repeated_forms_of_equal_length_do_not_depend_on_the_string_hash_seed():
    """Two forms of the same length overlap in "York Hall Road": which one takes the overlap must not
    depend on set order, which changes with PYTHONHASHSEED (batch workers and the CLI may differ)."""
    import json
    import os
    import subprocess
    import sys

    code = REPEATS_IN_ANOTHER_PROCESS.format(text="York Hall Hall Road. Later: York Hall Road.")
    results = set()
    for seed in range(8):
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": str(seed)})
        results.add(run.stdout.strip())
    assert len(results) == 1
    # the tie goes to the form that sorts first by name: "Hall Road" < "York Hall"
    assert ["organisation", 33, 42] in json.loads(results.pop())
