"""Quote-stage speed alone: tagger (tokenise, windows, ONNX, Viterbi, spans), linking and speakers.

The same ~600-word articles as bench/pipeline_speed.py (PolNeAR dev cut to 550-650 words, else
the sample corpus); entities are found beforehand and not timed. ``--repeats`` runs, medians, and
one more run with the parts of the stage wrapped in timers. ``--check`` also runs every window
through the committed model file as it is and through the session the tagger builds from it, and
reports the largest logit difference (0 when the in-memory graph rewrite is exact).

Run: .venv/bin/python bench/quote_speed.py [--articles N] [--repeats 3] [--check]
     [--json bench/results/pipeline_quote_speed.json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pipeline_speed import RESULTS, StageTimer, article_texts


def prepare(texts: list[str]):
    from presslens.analysis import find_entities
    from presslens.clean import clean_document
    from presslens.quotes.speakers import Person
    from presslens.records import RawDoc
    from presslens.settings import Settings

    settings = Settings(quote_method="model")
    clean = [clean_document(RawDoc(source=f"a{i}", locator="", fmt="txt", text=t), settings).clean_text
             for i, t in enumerate(texts)]
    local = find_entities(clean, ["en"] * len(clean))
    people = [sorted((Person(m.start, m.end, m.text, e.kind, e.name) for e in found
                      if e.kind in ("person", "organisation") for m in e.mentions), key=lambda p: p.start)
              for found in local]
    return clean, people


def parts(extractor, clean, people) -> dict[str, float]:
    """Seconds per article in each part of the stage, from one wrapped run."""
    import presslens.quotes as quotes
    from presslens.quotes import tagger

    timer = StageTimer()
    timer.wrap(quotes.QuoteExtractor, "extract", "_extract")
    timer.wrap(tagger.QuoteTagger, "tag", "_tag")
    timer.wrap(tagger.QuoteTagger, "_run_batch", "onnx")
    timer.wrap(tagger, "viterbi_tags", "viterbi")
    timer.wrap(tagger, "decode_tags", "spans from tags")
    timer.wrap(tagger, "merge_window_logits", "merge windows")
    timer.wrap(quotes, "link", "linking")
    timer.wrap(quotes, "describe", "speakers, kind, channel")
    try:
        extractor.extract(clean, people, ["en"] * len(clean))
    finally:
        timer.restore()
    t = timer.totals
    out = {"onnx": t["onnx"], "viterbi": t["viterbi"], "spans from tags": t["spans from tags"],
           "merge windows": t["merge windows"]}
    out["tokenise, windows, batches"] = t["_tag"] - sum(out.values())
    out["linking"] = t["linking"]
    out["speakers, kind, channel"] = t["speakers, kind, channel"]
    out["other"] = t["_extract"] - t["_tag"] - t["linking"] - t["speakers, kind, channel"]
    return {k: v / len(clean) for k, v in out.items()}


def check_graph(extractor, clean) -> float:
    """Largest difference between the logits of the committed model file and the tagger's session."""
    import numpy as np
    import onnxruntime

    from presslens.quotes.tagger import MODEL_FILE
    from presslens.quotes.tagging import normalise_marks, windows

    tagger = extractor._tagger
    plain = onnxruntime.InferenceSession(str(tagger.model_dir / MODEL_FILE), providers=["CPUExecutionProvider"])
    worst = 0.0
    for text in clean:
        ids = tagger.tokenizer.encode(normalise_marks(text), add_special_tokens=False).ids
        for start, end in windows(len(ids), tagger.window, tagger.stride):
            row = np.array([[tagger._cls, *ids[start:end], tagger._sep]], dtype=np.int64)
            feed = {"input_ids": row, "attention_mask": np.ones_like(row)}
            a = plain.run(["logits"], feed)[0]
            b = tagger.session.run(["logits"], feed)[0]
            worst = max(worst, float(np.abs(a - b).max()))
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=None)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--json", type=Path, default=RESULTS / "pipeline_quote_speed.json")
    args = parser.parse_args()
    from presslens.analysis import quote_extractor

    texts, source = article_texts(args.articles)
    clean, people = prepare(texts)
    extractor = quote_extractor("model")
    languages = ["en"] * len(clean)
    extractor.extract(clean[:2], people[:2], languages[:2])  # load the model
    runs = []
    found = []
    for _ in range(args.repeats):
        started = time.perf_counter()
        found = extractor.extract(clean, people, languages)
        runs.append(time.perf_counter() - started)
    seconds = statistics.median(runs)
    result = {"articles": len(clean), "source": source, "repeats": args.repeats,
              "ms_per_article": round(1000 * seconds / len(clean), 1),
              "articles_per_second": round(len(clean) / seconds, 2),
              "runs_ms_per_article": [round(1000 * r / len(clean), 1) for r in runs],
              "quotes_found": sum(map(len, found)),
              "parts_ms_per_article": {k: round(1000 * v, 2) for k, v in parts(extractor, clean, people).items()}}
    if args.check:
        result["max_logit_difference_vs_model_file"] = check_graph(extractor, clean)
    print(f"quote stage alone, {result['articles']} articles ({source}): {result['ms_per_article']} ms/article, "
          f"{result['articles_per_second']} articles/s (runs {result['runs_ms_per_article']} ms/article), "
          f"{result['quotes_found']} quotes")
    for part, ms in result["parts_ms_per_article"].items():
        print(f"  {part:28} {ms:8.2f} ms/article")
    if args.check:
        print(f"largest logit difference against the model file as committed: "
              f"{result['max_logit_difference_vs_model_file']}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
