"""Story-clustering scores and the first streaming clusterer."""

from __future__ import annotations

import pytest

from presslens.stories.metrics import bcubed, score_clusters
from presslens.stories.stream import StreamClusterer


def test_stories_bcubed_by_hand():
    gold = ["a", "a", "b", "b"]
    assert bcubed(gold, [1, 1, 2, 2]) == (1.0, 1.0, 1.0)
    precision, recall, _ = bcubed(gold, [1, 1, 1, 1])
    assert (precision, recall) == (0.5, 1.0)
    precision, recall, _ = bcubed(gold, [1, 2, 3, 4])
    assert (precision, recall) == (1.0, 0.5)
    with pytest.raises(ValueError):
        bcubed(gold, [1])


def test_stories_scores_include_nmi_and_ari():
    scores = score_clusters(["a", "a", "b", "b"], [7, 7, 9, 9])
    assert scores.nmi == pytest.approx(1.0) and scores.ari == pytest.approx(1.0)
    assert (scores.gold_stories, scores.predicted_stories) == (2, 2)


HEADLINES = [
    "Harbour Bridge closed after crack found in girder",
    "Portmere Harbour Bridge crack: engineers inspect girder",
    "Chemical leak kills fish in River Avel",
    "Fish die in River Avel after chemical leak at Ventrel plant",
    "Harbour Bridge girder crack keeps bridge shut",
]


def _documents(headlines, dates=None, embeddings=None):
    from presslens.stories import StoryDocument

    return [StoryDocument(str(i), h, h, published=dates[i] if dates else None,
                          embedding=embeddings[i] if embeddings is not None else None)
            for i, h in enumerate(headlines)]


def test_stories_stream_groups_by_shared_words_and_is_deterministic():
    signals = ("tfidf",)
    one, two = StreamClusterer("en", signals=signals), StreamClusterer("en", signals=signals)
    first = [one.add(d).story_id for d in _documents(HEADLINES)]
    second = [two.add(d).story_id for d in _documents(HEADLINES)]
    assert first == second
    assert first[0] == first[1] == first[4]
    assert first[2] == first[3] != first[0]


def test_stories_stream_closes_old_stories_and_forgets_them():
    from datetime import datetime

    clusterer = StreamClusterer("en", signals=("tfidf", "time"), window_days=7)
    dates = [datetime(2026, 3, 1), datetime(2026, 3, 20)]
    old, new = (clusterer.add(d) for d in _documents(HEADLINES[:2], dates))
    assert new.new and new.story_id != old.story_id
    assert list(clusterer.stories) == [new.story_id]  # the closed story left memory


def test_stories_stream_follow_puts_a_copy_with_its_original():
    clusterer = StreamClusterer("en", signals=("tfidf",))
    bridge, avel = (clusterer.add(d).story_id for d in _documents(HEADLINES[:3:2]))
    assert clusterer.add(_documents(["Nothing in common here"])[0], follow=bridge).story_id == bridge
    assert bridge != avel


def test_stories_linker_file_has_every_ablation_step():
    from presslens.stories.linker import Linker

    for signals in (("tfidf",), ("tfidf", "entities"), ("tfidf", "entities", "embeddings"),
                    ("tfidf", "entities", "embeddings", "time")):
        linker = Linker.load(signals)
        assert len(linker.features) == len(linker.coefficients) and 0 < linker.threshold < 1
    with pytest.raises(KeyError):
        Linker.load(("entities",))


def test_stories_eval_command(tmp_path):
    import json

    from click.testing import CliRunner

    from presslens.cli import cli

    gold = tmp_path / "gold.jsonl"
    clusters = ["bridge", "bridge", "avel", "avel", "bridge"]
    gold.write_text("".join(json.dumps({"id": i, "text": h, "cluster": c}) + "\n"
                            for i, (h, c) in enumerate(zip(HEADLINES, clusters, strict=True))))
    for order in ("file", "shuffled"):
        result = CliRunner().invoke(cli, ["eval", "stories", "--gold", str(gold), "--json", "--order", order],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.output
        report = json.loads(result.output)
        assert report["bcubed_f1"] == 1.0 and report["predicted_stories"] == 2
    bad = CliRunner().invoke(cli, ["eval", "stories", "--gold", str(gold), "--signals", "entities"])
    assert bad.exit_code != 0 and "--signals" in bad.output


def test_stories_sentence_encoder_puts_one_story_together():
    import numpy as np

    from presslens.nlp.embed import SentenceEncoder

    vectors = SentenceEncoder().encode(HEADLINES)
    assert vectors.shape == (5, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    same, other = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    assert same > other + 0.2


def test_stories_stream_with_embeddings():
    from presslens.nlp.embed import SentenceEncoder

    clusterer = StreamClusterer("en", signals=("tfidf", "entities", "embeddings"))
    vectors = SentenceEncoder().encode(HEADLINES)
    labels = [clusterer.add(d).story_id for d in _documents(HEADLINES, embeddings=vectors)]
    assert labels[0] == labels[1] == labels[4] and labels[2] == labels[3] != labels[0]


def test_stories_near_duplicates_link_copies_to_the_earliest_original():
    from presslens.stories.duplicates import NearDuplicateFinder

    body = ("Engineers found a four-metre crack in a steel girder of the Harbour Bridge on Tuesday night and the "
            "council closed the crossing to all traffic while inspectors decide whether the span can be repaired "
            "or must be replaced, a process the council said could take three months. Buses will be diverted "
            "through the town centre and a free ferry shuttle will run every twenty minutes from the quay.")
    other = ("Thousands of dead fish were found along the River Avel after a chemical leak at the Ventrel plant, "
             "and the environment agency said it was investigating the company and would test the water daily "
             "until the levels of ammonia fell back below the legal limit set for the river and its estuary.")
    finder = NearDuplicateFinder()
    assert finder.add("original", "Crack shuts Harbour Bridge\n" + body) is None
    assert finder.add("unrelated", other) is None
    trimmed = body[: int(len(body) * 0.7)]
    copy = finder.add("wire copy", "Bridge closure could last three months\n" + trimmed)
    assert copy is not None and copy.original == "original" and copy.containment >= 0.8
    second = finder.add("copy of the copy", "Harbour Bridge shut\n" + trimmed)
    assert second is not None and second.original == "original"
    assert finder.add("short", "Crack shuts Harbour Bridge") is None  # too short to judge


def test_stories_representative_title_is_the_central_headline():
    from presslens.stories import representative_title

    titles = ["Harbour Bridge girder crack keeps bridge shut",
              "Portmere Harbour Bridge crack: engineers inspect girder",
              "Crack found in Harbour Bridge girder", "Live: all the latest"]
    assert representative_title(titles) in titles[:3]
    assert representative_title(titles) != "Live: all the latest"
