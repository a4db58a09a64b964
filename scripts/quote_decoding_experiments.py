"""Compare decodings of the quote tagger's logits on a gold set (dev), logits computed once.

    python scripts/quote_decoding_experiments.py --gold ../shared/data/polnear/dev.jsonl

Prints content/speaker/cue exact F1 per variant. Used to choose the decoding in
presslens.quotes.tagging; never run on held-out data.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from presslens.quotes import describe
from presslens.quotes.linking import link
from presslens.quotes.metrics import QuoteScores
from presslens.quotes.tagger import QuoteTagger
from presslens.quotes.tagging import (
    decode_tags,
    merge_window_logits,
    normalise_marks,
    tags_from_logits,
    viterbi_tags,
    windows,
)


def logits_for(tagger: QuoteTagger, text: str):
    encoding = tagger.tokenizer.encode(normalise_marks(text), add_special_tokens=False)
    plan = windows(len(encoding.ids), tagger.window, tagger.stride)
    jobs = [(0, s, e) for s, e in plan]
    out = tagger._run([encoding], jobs)
    merged = merge_window_logits(len(encoding.ids), plan, [out[j] for j in jobs])
    return encoding.offsets, merged


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gold", type=Path, required=True)
    args = parser.parse_args()
    tagger = QuoteTagger()
    docs = [json.loads(line) for line in args.gold.open(encoding="utf-8")]
    cached = [logits_for(tagger, d["text"]) for d in docs]
    variants = {
        "argmax": lambda o, lg: decode_tags(o, tags_from_logits(lg)),
        "viterbi": lambda o, lg: decode_tags(o, viterbi_tags(lg)),
    }
    for name, decode in variants.items():
        scores = QuoteScores()
        for doc, (offsets, merged) in zip(docs, cached, strict=True):
            text = doc["text"]
            found = describe(text, link(text, decode(offsets, merged)), [])
            scores.add(text, doc["quotes"], [q.as_record(text) for q in found])
        result = scores.as_dict()
        print(name, {k: {m: v[m]["f1"] for m in ("content_exact", "content_overlap", "speaker_exact", "cue_exact")}
                     for k, v in result.items()})
    np.save("/tmp/unused.npy", np.zeros(1))


if __name__ == "__main__":
    main()
