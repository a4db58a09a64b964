"""Entities on the labelled documents: the sample corpus's txt and JSONL articles, and
../shared/samples when present (scored against tests/data/entity_labels.jsonl)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from presslens.cli import cli
from presslens.entities.evaluate import PredictedMention, corpus_doc_key, read_gold, score, score_kinds
from presslens.pipeline import ingest_paths, sample_corpus_paths
from presslens.settings import Settings
from presslens.store import Store

from ..conftest import SHARED, TEST_DATA

SAMPLES = SHARED / "samples"


@pytest.fixture(scope="module")
def labelled_store(tmp_path_factory):
    settings = Settings(db_url=str(tmp_path_factory.mktemp("entities") / "entities.db"))
    corpus = {p.name: p for p in sample_corpus_paths()}
    paths = [corpus["txt"], corpus["jsonl"]] + ([SAMPLES] if SAMPLES.is_dir() else [])
    store = Store.open(settings.db_url)
    report = ingest_paths(paths, store, settings)
    assert report.ok, report.errors
    yield store, settings
    store.close()


def labelled_and_stored(store: Store) -> tuple[list, list[PredictedMention]]:
    """The gold mentions of the documents there are, and every mention the store holds."""
    gold = [g for g in read_gold(TEST_DATA / "entity_labels.jsonl")
            if SAMPLES.is_dir() or not g.doc.startswith("shared:")]
    predicted = []
    for summary in store.list_articles(limit=1000):
        article = store.get_article(summary.article_id)
        predicted += [PredictedMention(corpus_doc_key(article.source), m["start"], m["end"], m["entity_id"])
                      for m in store.article_mentions(article.article_id)]
    return gold, predicted


def test_entities_bcubed_on_labelled_mentions(labelled_store):
    gold, predicted = labelled_and_stored(labelled_store[0])
    result = score(gold, predicted)
    assert len(gold) >= 150
    assert result.bcubed[0] >= 0.95, result.false_merges
    assert result.bcubed[2] >= 0.85, result.missed_merges


def test_entities_kinds_on_labelled_mentions(labelled_store):
    """Nearly every labelled name found gets its kind: towns, bridges and roads are places, the series a work,
    Callum Rourke a person, Atelier Nord and Screenline organisations."""
    gold, predicted = labelled_and_stored(labelled_store[0])
    kinds = score_kinds(gold, predicted)
    assert kinds.accuracy_found >= 0.97, [e for e in kinds.errors if e[3] != "missed"]
    wrong = {(text, kind) for _, text, _, kind in kinds.errors}
    assert not wrong & {("Callum Rourke", "organisation"), ("Screenline", "person"), ("Dunmore", "organisation"),
                        ("Harbour Bridge", "organisation"), ("Glasshouse", "organisation")}


def test_entities_mentions_point_into_the_original_text(labelled_store):
    store, _ = labelled_store
    for summary in store.list_articles(limit=1000):
        article = store.get_article(summary.article_id)
        for mention in store.article_mentions(article.article_id):
            assert article.raw_text[mention["start"]:mention["end"]] == mention["text"]


EXPECTED_ON_SAMPLES = {
    ("organisation", "Netflix"), ("work", "Baby"), ("organisation", "National Center on Sexual Exploitation"),
    ("person", "Dawn Hawkins"), ("person", "Lisa Thompson"), ("person", "Erik Barmack"), ("person", "Kevin Spacey"),
    ("place", "Parioli"), ("place", "Rome"), ("place", "Italy"),
}


def test_entities_on_shared_samples(labelled_store, shared_samples):
    store, _ = labelled_store
    listed = {(e.kind, e.name): e for e in store.list_entities(limit=1000)}
    assert set(listed) >= EXPECTED_ON_SAMPLES, EXPECTED_ON_SAMPLES - set(listed)
    center = listed[("organisation", "National Center on Sexual Exploitation")]
    for spelling in ("National Center on Sexual Exploitation", "National Centre on Sexual Exploitation"):
        assert any(form.endswith(spelling) for form in center.forms), center.forms
    assert "VP of International Originals at Netflix" in listed[("person", "Erik Barmack")].roles


def test_entities_show_hawkins(labelled_store, shared_samples):
    _, settings = labelled_store
    result = CliRunner().invoke(cli, ["--db", settings.db_url, "entities", "show", "Hawkins", "--json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown["name"] == "Dawn Hawkins" and shown["kind"] == "person"
    assert shown["roles"] == ["executive director of the National Center on Sexual Exploitation"]
    assert shown["outlets"]
    contents = " ".join(q["content"] for q in shown["quotes"])
    for opening in ("Despite being at ground zero", "Despite the outcry", "There is absolutely nothing"):
        assert opening in contents
    assert all(q["speaker_name"] == "Dawn Hawkins" for q in shown["quotes"])
