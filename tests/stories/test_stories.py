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


def test_stories_stream_groups_by_shared_words_and_is_deterministic():
    one, two = StreamClusterer("en", threshold=0.15), StreamClusterer("en", threshold=0.15)
    first = [one.add(h) for h in HEADLINES]
    second = [two.add(h) for h in HEADLINES]
    assert first == second
    assert first[0] == first[1] == first[4]
    assert first[2] == first[3] != first[0]


def test_stories_stream_closes_old_stories():
    from datetime import date

    clusterer = StreamClusterer("en", threshold=0.15, window_days=7)
    old = clusterer.add(HEADLINES[0], date(2026, 3, 1))
    assert clusterer.add(HEADLINES[1], date(2026, 3, 20)) != old


def test_stories_eval_command(tmp_path):
    import json

    from click.testing import CliRunner

    from presslens.cli import cli

    gold = tmp_path / "gold.jsonl"
    clusters = ["bridge", "bridge", "avel", "avel", "bridge"]
    gold.write_text("".join(json.dumps({"id": i, "text": h, "cluster": c}) + "\n"
                            for i, (h, c) in enumerate(zip(HEADLINES, clusters, strict=True))))
    result = CliRunner().invoke(cli, ["eval", "stories", "--gold", str(gold), "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["bcubed_f1"] == 1.0 and report["predicted_stories"] == 2


def test_stories_sentence_encoder_puts_one_story_together():
    import numpy as np

    from presslens.stories.embed import SentenceEncoder

    vectors = SentenceEncoder().encode(HEADLINES)
    assert vectors.shape == (5, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    same, other = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    assert same > other + 0.2


def test_stories_stream_with_embeddings():
    from presslens.stories.embed import SentenceEncoder

    clusterer = StreamClusterer("en", threshold=0.3, embedding_weight=0.7)
    labels = [clusterer.add(h, None, v) for h, v in zip(HEADLINES, SentenceEncoder().encode(HEADLINES), strict=True)]
    assert labels[0] == labels[1] == labels[4] and labels[2] == labels[3] != labels[0]
