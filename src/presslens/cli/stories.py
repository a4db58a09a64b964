"""``eval stories``: the streaming clusterer against labelled stories."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import click

from ..stories.embed import SentenceEncoder
from ..stories.metrics import score_clusters
from ..stories.stream import StreamClusterer
from .output import console, print_json
from .quotes import eval_group, read_records


@eval_group.command(name="stories")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help="JSONL records {id, title?, text, date?, outlet?, cluster}.")
@click.option("--language", default=None, help="Language of the texts [default: PRESSLENS_LANGUAGE or en].")
@click.option("--threshold", default=0.15, show_default=True, type=click.FloatRange(0, 1),
              help="Similarity a document needs to join a story.")
@click.option("--embedding-weight", default=0.0, show_default=True, type=click.FloatRange(0, 1),
              help="Share of sentence-embedding similarity in the score (0: TF-IDF only).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.pass_obj
def eval_stories(obj, gold: Path, language: str | None, threshold: float, embedding_weight: float,
                 as_json: bool) -> None:
    """Cluster the gold documents in file order, as a stream, and score the stories found."""
    records = list(read_records(gold))
    clusterer = StreamClusterer(language or obj.settings.default_language, threshold=threshold,
                                embedding_weight=embedding_weight)
    texts = [r.get("title") or r["text"] for r in records]
    started = time.perf_counter()
    embeddings = SentenceEncoder().encode(texts) if embedding_weight else [None] * len(texts)
    predicted = [clusterer.add(text, _date(r.get("date")), vector)
                 for text, r, vector in zip(texts, records, embeddings, strict=True)]
    seconds = max(time.perf_counter() - started, 1e-9)
    scores = score_clusters([r.get("cluster") for r in records], predicted)
    result = {**scores.as_dict(), "documents_per_second": round(len(records) / seconds, 1)}
    if as_json:
        print_json(result)
        return
    console.print(f"{result['documents']} documents: {result['predicted_stories']} stories found, "
                  f"{result['gold_stories']} in the gold set; {result['documents_per_second']} documents/s")
    console.print(f"BCubed P {result['bcubed_precision']:.3f}  R {result['bcubed_recall']:.3f}  "
                  f"F1 {result['bcubed_f1']:.3f}   NMI {result['nmi']:.3f}   ARI {result['ari']:.3f}")


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
