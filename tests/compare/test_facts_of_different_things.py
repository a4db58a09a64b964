"""Facts: durations of different events are not one fact; qualifiers bound a figure; counts of different things
in one story do not conflict."""

from __future__ import annotations

import pytest

from presslens.compare import models
from presslens.compare.facts import extract_facts, related


@pytest.fixture(scope="module")
def tagger():
    return models()[1]


def facts(text: str, tagger) -> dict:
    return {f.text: f for f in extract_facts("a", text, tagger)}


def test_three_durations_of_three_events_are_three_things(tagger):
    many = facts("The repairs will take six months, the closure lasted three days and the ferry ran for two days.",
                 tagger)
    assert set(many) == {"six months", "three days", "two days"}
    other = facts("The bridge reopened after two days.", tagger)["two days"]
    assert related(many["six months"], other) is None and related(many["three days"], other) is None
    assert related(facts("The closure lasted three days.", tagger)["three days"],
                   facts("The ferry ran for two days.", tagger)["two days"]) is None


def test_the_same_event_told_with_two_durations_conflicts(tagger):
    a = facts("The bridge will stay shut for up to three months.", tagger)["up to three months"]
    b = facts("The bridge will be closed for six months.", tagger)["six months"]
    assert related(a, b) == "conflict"


@pytest.mark.parametrize(("a", "b", "relation"), [
    ("As many as 450 homes were left without power.", "About 300 homes were left without power.", "conflict"),
    ("Up to 450 homes were flooded.", "About 300 homes were flooded.", "conflict"),
    ("Nearly 300 homes were flooded.", "About 300 homes were flooded.", "agree"),
    ("One person died in the crash.", "Two people died in the crash.", "conflict"),
])
def test_qualifiers_bound_the_figure(tagger, a, b, relation):
    first, second = extract_facts("a", a, tagger)[0], extract_facts("b", b, tagger)[0]
    assert related(first, second) == relation


def test_counts_of_different_things_do_not_conflict(tagger):
    a = facts("More than 60 people signed the letter.", tagger)["More than 60 people"]
    b = facts("The group would send three representatives to the meeting.", tagger)["three representatives"]
    assert related(a, b) is None


def test_an_age_set_off_after_a_name_is_that_persons_age(tagger):
    a = facts("The driver, Graham Tully, 57, was unhurt.", tagger)["57"]
    b = facts("Coach driver Graham Tully, 58, said the brakes failed.", tagger)["58"]
    assert a.dimension == b.dimension == "age" and related(a, b) == "conflict"
    assert all(f.dimension != "age" for f in extract_facts("a", "Tully, 2,000, was the figure.", tagger))


def test_a_duration_per_period_is_a_rate_not_a_length(tagger):
    assert set(facts("The quarry will increase blasting to four days a week.", tagger)) == set()
