"""``align`` and ``eval align``: quote pairs across outlets."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from ..compare import models
from ..compare.align import CLASSES, align_pairs, fuzzy_baseline
from ..compare.evaluate import best_threshold, fact_at, score_alignments, score_relations
from ..compare.facts import extract_facts, related
from ..compare.pairs import SourceTexts, pair_sides, read_jsonl, side_date, side_text
from ..errors import CompareError
from .main import Context, cli
from .options import json_option
from .output import console, print_json, print_table
from .quotes import eval_group

shared_option = click.option("--shared", type=click.Path(file_okay=False, path_type=Path), default=Path("../shared"),
                             show_default=True, help="Folder that shared: sources in a labelled set are read from.")


def _load_pairs(path: Path, shared: Path | None) -> tuple[list[dict], list]:
    texts = SourceTexts(shared)
    records, sides = [], []
    for where, record in read_jsonl(path):
        sides.append(pair_sides(record, where, str(path), texts))
        records.append(record)
    return records, sides


@cli.command()
@click.option("--pairs", "pairs_in", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help='JSONL records {"a": {text, start, end, speaker?, outlet?, date?}, "b": {...}}.')
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write one result per record.")
@shared_option
def align(pairs_in: Path, out: Path, shared: Path) -> None:
    """Say whether each pair of quotations is the same quote, and how it changed.

    Writes {"same_quote", "class" (verbatim, trimmed, altered, paraphrase, different), "score", "diff",
    "speaker_conflict", "other_occasion"} per record, in input order.
    """
    records, sides = _load_pairs(pairs_in, shared)
    encoder, _ = models()
    started = time.perf_counter()
    results = align_pairs(sides, encoder)
    elapsed = time.perf_counter() - started
    with out.open("w", encoding="utf-8") as handle:
        for record, result in zip(records, results, strict=True):
            row = result.as_dict()
            if "id" in record:
                row = {"id": record["id"], **row}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    console.print(f"{len(results)} pairs aligned ({len(results) / max(elapsed, 1e-9):.0f} pairs/s): "
                  f"{sum(r.same_quote for r in results)} same quote; written to {out}")


@eval_group.command(name="align")
@click.option("--pairs", "gold", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help="Labelled pairs: align's input plus same_quote and class.")
@shared_option
@json_option
@click.pass_obj
def eval_align(obj: Context, gold: Path, shared: Path, as_json: bool) -> None:
    """Score quote alignment on labelled pairs, beside plain fuzzy matching (rapidfuzz)."""
    records, sides = _load_pairs(gold, shared)
    bad = [i for i, r in enumerate(records) if not isinstance(r.get("same_quote"), bool)
           or (r.get("class") not in CLASSES and not (r.get("class") is None and r["same_quote"] is False))]
    if bad:
        raise click.UsageError(f"{gold}: record {bad[0] + 1} needs same_quote (true/false) and a class "
                               "(null allowed for a pair that is not the same quote)")
    encoder, _ = models()
    gold_same = [r["same_quote"] for r in records]
    gold_class = [r["class"] for r in records]
    ours = align_pairs(sides, encoder)
    baseline = [fuzzy_baseline(a, b) for a, b in sides]
    result = {
        "pairs": len(records), "same_quote_pairs": sum(gold_same),
        "presslens": score_alignments(gold_same, gold_class, [r.same_quote for r in ours], [r.kind for r in ours]),
        "fuzzy": score_alignments(gold_same, gold_class, [b[0] for b in baseline], [b[1] for b in baseline]),
        "lexical_only": score_alignments(gold_same, gold_class, *_lexical(sides)),
    }
    threshold, oracle = best_threshold(gold_same, [b[2] for b in baseline])
    result["token_set_best_threshold"] = {**oracle, "threshold": round(threshold * 100, 1)}
    if as_json:
        print_json(result)
        return
    console.print(f"{result['pairs']} labelled pairs, {result['same_quote_pairs']} of them the same quote")
    rows = [(name, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}", f"{s['class_accuracy']:.3f}",
             f"{s['class_accuracy_all']:.3f}")
            for name, s in (("presslens (words + MiniLM)", result["presslens"]),
                            ("presslens, words only", result["lexical_only"]),
                            ("fuzzy baseline (rapidfuzz)", result["fuzzy"]))]
    rows.append((f"token-set ratio ≥ {result['token_set_best_threshold']['threshold']:g} (best threshold on "
                 "these pairs)", f"{oracle['precision']:.3f}", f"{oracle['recall']:.3f}", f"{oracle['f1']:.3f}", "",
                 ""))
    print_table("same_quote and class", ["method", "P", "R", "F1", "class acc. (true pairs)",
                                         "class acc. (all)"], rows)
    margin = result["presslens"]["f1"] - oracle["f1"]
    console.print(f"presslens same-quote F1 {margin:+.3f} against the best-threshold token-set ratio")
    if "paraphrase" not in set(gold_class):
        console.print(f"these pairs have no paraphrase class: counting presslens's paraphrase of a same quote as "
                      f"altered, class accuracy on true pairs is {result['presslens']['class_accuracy_three']:.3f}")


def _lexical(sides) -> tuple[list[bool], list[str]]:
    results = align_pairs(sides, None)
    return [r.same_quote for r in results], [r.kind for r in results]


@eval_group.command(name="facts")
@click.option("--pairs", "gold", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help="Labelled fact pairs {a: {source|text, start, end}, b: {...}, relation}.")
@shared_option
@json_option
def eval_facts(gold: Path, shared: Path, as_json: bool) -> None:
    """Score fact grouping and conflict detection on labelled pairs of stated facts."""
    _, tagger = models()
    texts = SourceTexts(shared)
    facts_of: dict[tuple, list] = {}
    gold_relations, predicted = [], []
    for where, record in read_jsonl(gold):
        found = []
        for key in ("a", "b"):
            side = record.get(key) or {}
            try:
                text = side_text(side, texts)
            except (ValueError, OSError) as exc:
                raise CompareError("E601", source=str(gold), locator=where, detail=str(exc)) from None
            published = side_date(side.get("date"))
            if (text, published) not in facts_of:
                facts_of[text, published] = extract_facts("", text, tagger, published=published)
            found.append(fact_at(facts_of[text, published], side.get("start", 0), side.get("end", 0)))
        gold_relations.append(record.get("relation"))
        predicted.append((related(*found) or "unrelated") if all(found) else "unrelated")
    result = {"pairs": len(gold_relations), **score_relations(gold_relations, predicted)}
    if as_json:
        print_json(result)
        return
    same = result["same_thing"]
    console.print(f"{result['pairs']} labelled fact pairs: conflicts P {result['precision']:.3f} "
                  f"R {result['recall']:.3f} F1 {result['f1']:.3f}; same-thing P {same['precision']:.3f} "
                  f"R {same['recall']:.3f}; relation accuracy {result['accuracy']:.3f}")
