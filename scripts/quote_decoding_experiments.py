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

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from presslens.quotes import describe
from presslens.quotes.linking import link
from presslens.quotes.metrics import QuoteScores
from presslens.quotes.rules import find_quotes
from presslens.quotes.tagger import QuoteTagger
from presslens.quotes.tagging import (
    TaggedSpan,
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


def with_rule_direct(text, attributions):
    """Add rule-found direct quotes the tagger missed entirely."""
    taken = [a.content for a in attributions]
    extra = [a for a in find_quotes(text) if a.cue and text[a.content[0]:a.content[0] + 1] in "\"“„«"
             and not any(s < a.content[1] and a.content[0] < e for s, e in taken)]
    return attributions + extra


def merged_fragments(text, spans):
    """Join content spans separated by nothing but spaces and punctuation."""
    contents = sorted((s for s in spans if s.layer == "content"), key=lambda s: s.start)
    out = [s for s in spans if s.layer != "content"]
    current = None
    for span in contents:
        if current and not any(c.isalnum() for c in text[current.end:span.start]):
            current = TaggedSpan("content", current.start, span.end)
        else:
            if current:
                out.append(current)
            current = span
    if current:
        out.append(current)
    return out


def with_cue_only(attributions):
    """Drop contents linked to neither a cue nor a source (PolNeAR has almost none)."""
    return [a for a in attributions if a.cue or a.source]


def variants():
    decoders = {"argmax": lambda o, lg: decode_tags(o, tags_from_logits(lg)),
                "viterbi": lambda o, lg: decode_tags(o, viterbi_tags(lg))}
    out = {}
    for name, decode in decoders.items():
        out[name] = lambda t, o, lg, d=decode: link(t, d(o, lg))
        out[name + "+merge"] = lambda t, o, lg, d=decode: link(t, merged_fragments(t, d(o, lg)))
        out[name + "+rules"] = lambda t, o, lg, d=decode: with_rule_direct(t, link(t, d(o, lg)))
        out[name + "+cue"] = lambda t, o, lg, d=decode: with_cue_only(link(t, d(o, lg)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--stride", type=int, help="word pieces between windows (default: the model's)")
    args = parser.parse_args()
    tagger = QuoteTagger()
    tagger.stride = args.stride or tagger.stride
    docs = [json.loads(line) for line in args.gold.open(encoding="utf-8")]
    cached = [logits_for(tagger, d["text"]) for d in docs]
    for name, run in variants().items():
        scores = QuoteScores()
        for doc, (offsets, merged) in zip(docs, cached, strict=True):
            text = doc["text"]
            found = describe(text, run(text, offsets, merged), [])
            scores.add(text, doc["quotes"], [q.as_record(text) for q in found])
        row = {k: [v[m]["f1"] for m in ("content_exact", "content_overlap", "speaker_exact", "cue_exact")]
               for k, v in scores.as_dict().items()}
        print(f"{name:16} " + "  ".join(f"{k}: {' '.join(f'{x:.3f}' for x in v)}" for k, v in row.items()))


if __name__ == "__main__":
    main()
