"""French through the whole pipeline, against the labelled set in tests/data/french/.

Ingests ``articles.jsonl`` (or, with ``--heldout``, ``heldout_articles.jsonl``) into a fresh SQLite store with
the real pipeline (clean, spaCy's French model, the entity rules, the quote rules, stories), then scores what
the store holds against the labels:

- entity mentions: exact span and kind, P/R/F1 overall and by kind;
- quotes: content overlap and exact F1, speaker and cue exact F1 (the rule of ``presslens eval quotes``), and
  speaker accuracy: the canonical ``speaker_name`` of each paired quote equals the labelled one once case and
  accents are folded (over the paired quotes, and over all labelled quotes);
- conflicting numbers: for each labelled story, the brief of its articles (``compare.story_brief``, with the
  shipped models) and whether each conflict the README lists is reported as a conflict (a fact group of status
  ``conflict`` holding that figure from two outlets), with the other conflicts the brief reports.

The held-out part is for one final measure only: no rule is tuned on it.

Run: .venv/bin/python bench/french_eval.py [--heldout] [--json bench/results/french.json] [--errors]
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

from presslens.compare import story_brief
from presslens.lang import fold_accents
from presslens.pipeline import ingest_paths
from presslens.quotes.metrics import _pair, score_articles, word_tokens
from presslens.records import StoryMaterial
from presslens.scoring import f1
from presslens.settings import Settings
from presslens.store import Store

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "french"
ARTICLES = {"articles": ROOT / "src" / "presslens" / "sample_corpus_fr" / "articles.jsonl"}  # the demo's French
KINDS = ("person", "organisation", "place", "work")
# The conflicts the set's README lists (``what`` of the labelled facts); every other ``what`` that two outlets
# state is an agreement or a vague difference, never a conflict.
CONFLICTS = {
    "articles": ("demonstrators at the Valcourt march (11 April)", "employees of the Morvelec warehouse site",
                 "length of the shoot of La Saison des digues"),
    "heldout_articles": ("volume of rock that fell in the Rauzel gorge",),
}


def read_set(name: str) -> list[tuple[dict, dict]]:
    path = ARTICLES.get(name, DATA / f"{name}.jsonl")
    articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    labels_name = "labels" if name == "articles" else name.replace("articles", "labels")
    labels = {lab["url"]: lab for lab in map(json.loads, (DATA / f"{labels_name}.jsonl").read_text(
        encoding="utf-8").splitlines()) if lab}
    return [(article, labels[article["url"]]) for article in articles]


def fold(name: str | None) -> str:
    return " ".join(fold_accents(name or "").lower().replace("’", "'").split())


def prf(hits: int, predicted: int, gold: int) -> dict:
    p, r = (hits / predicted if predicted else 0.0), (hits / gold if gold else 0.0)
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1(p, r), 4), "hits": hits, "pred": predicted,
            "gold": gold}


def quote_record(quote) -> dict:
    out = {}
    for prefix, span in (("quote", quote.content), ("speaker", quote.speaker), ("cue", quote.cue)):
        out[f"{prefix}_start"], out[f"{prefix}_end"] = (span.start, span.end) if span else (None, None)
        out[f"{prefix}_text"] = span.text if span else None
    out.update(quote_kind=quote.kind, speaker_name=quote.speaker_name)
    return out


def evaluate(name: str, errors: bool = False) -> dict:
    pairs = read_set(name)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"{name}.jsonl"
        source.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a, _ in pairs), encoding="utf-8")
        settings = Settings.from_env(db_url=str(Path(folder) / "french.db"))
        store = Store.open(settings.db_url)
        try:
            report = ingest_paths([source], store, settings)
            by_url = {}
            for summary in store.list_articles(limit=10_000):
                article = store.get_article(summary.article_id)
                by_url[article.url] = article
            return _score(name, pairs, store, by_url, report, errors)
        finally:
            store.close()


def _score(name: str, pairs, store: Store, by_url: dict, report, errors: bool) -> dict:
    entity_counts = {kind: Counter() for kind in ("all", *KINDS)}
    quote_items, speaker = [], Counter()
    missed_entities, wrong_speakers = [], []
    for article, labels in pairs:
        stored = by_url[article["url"]]
        text = article["text"]
        assert stored.raw_text == text, article["url"]
        # -- entities: exact span and kind
        predicted = {(m["start"], m["end"], m["kind"]) for m in store.article_mentions(stored.article_id)
                     if m["source"] != "pronoun"}
        gold = {(e["start"], e["end"], e["kind"]) for e in labels["entities"]}
        for kind in ("all", *KINDS):
            p = {x for x in predicted if kind in ("all", x[2])}
            g = {x for x in gold if kind in ("all", x[2])}
            entity_counts[kind].update(hits=len(p & g), pred=len(p), gold=len(g))
        missed_entities += [(article["url"][-40:], "missed", text[s:e], k) for s, e, k in sorted(gold - predicted)]
        missed_entities += [(article["url"][-40:], "extra", text[s:e], k) for s, e, k in sorted(predicted - gold)]
        # -- quotes
        found = [quote_record(q) for q in store.article_quotes(stored.article_id)]
        quote_items.append((text, labels["quotes"], found))
        gold_tokens = [word_tokens(text, q["quote_start"], q["quote_end"]) for q in labels["quotes"]]
        pred_tokens = [word_tokens(text, q["quote_start"], q["quote_end"]) for q in found]
        paired = _pair(gold_tokens, pred_tokens)
        for i, gold_quote in enumerate(labels["quotes"]):
            speaker["gold"] += 1
            j = paired.get(i)
            if j is None:
                continue
            speaker["paired"] += 1
            if fold(found[j]["speaker_name"]) == fold(gold_quote["speaker_name"]):
                speaker["right"] += 1
            else:
                wrong_speakers.append((article["url"][-40:], gold_quote["speaker_text"], gold_quote["speaker_name"],
                                       found[j]["speaker_text"], found[j]["speaker_name"],
                                       gold_quote["quote_text"][:60]))
    scores = score_articles(quote_items).as_dict()
    out = {
        "set": name, "articles": len(pairs), "ingest_errors": [str(e) for e in report.errors],
        "entities": {kind: prf(c["hits"], c["pred"], c["gold"]) for kind, c in entity_counts.items()},
        "quotes": {kind: {k: v for k, v in values.items()} for kind, values in scores.items()},
        "speaker_accuracy": {"right": speaker["right"], "paired": speaker["paired"], "gold": speaker["gold"],
                             "of_paired": round(speaker["right"] / max(1, speaker["paired"]), 4),
                             "of_gold": round(speaker["right"] / max(1, speaker["gold"]), 4)},
        "conflicts": _conflicts(name, pairs, store, by_url),
        "stories": _stories(pairs, store, by_url),
    }
    if errors:
        out["errors"] = {"entities": missed_entities, "speakers": wrong_speakers,
                         "quotes": _quote_errors(quote_items)}
    return out


def _quote_errors(items) -> list:
    out = []
    for text, gold, found in items:
        gold_tokens = [word_tokens(text, q["quote_start"], q["quote_end"]) for q in gold]
        pred_tokens = [word_tokens(text, q["quote_start"], q["quote_end"]) for q in found]
        paired = _pair(gold_tokens, pred_tokens)
        used = set(paired.values())
        for i, g in enumerate(gold):
            j = paired.get(i)
            p = found[j] if j is not None else None
            out.append({"gold": g["quote_text"], "pred": p and p["quote_text"], "gold_speaker": g["speaker_text"],
                        "pred_speaker": p and p["speaker_text"], "gold_cue": g["cue_text"],
                        "pred_cue": p and p["cue_text"]})
        out += [{"gold": None, "pred": p["quote_text"], "pred_speaker": p["speaker_text"], "pred_cue": p["cue_text"]}
                for j, p in enumerate(found) if j not in used]
    return out


def _stories(pairs, store: Store, by_url: dict) -> dict:
    """How the stories stage grouped the labelled stories (stored story ids per labelled story)."""
    ids = {url: a.article_id for url, a in by_url.items()}
    stored = store.stories_of_articles(list(ids.values()))
    groups = defaultdict(list)
    for article, labels in pairs:
        groups[labels["story"]].append(stored.get(ids[article["url"]]))
    return {story: len(set(members)) for story, members in groups.items()}


def _material(store: Store, article_ids: list[str]) -> StoryMaterial:
    """The material of one labelled story: its articles and what the store holds of them, whatever stories
    the stories stage made of them."""
    stories = sorted(set(store.stories_of_articles(article_ids).values()))
    parts = [store.story_material(story) for story in stories]
    wanted = set(article_ids)
    first = parts[0]
    articles = [a for part in parts for a in part.articles if a.article_id in wanted]
    return StoryMaterial(
        replace(first.story, article_ids=[a.article_id for a in articles]), articles,
        [q for part in parts for q in part.quotes if q.article_id in wanted],
        [m for part in parts for m in part.mentions if m.article_id in wanted],
        {k: v for part in parts for k, v in part.entities.items()},
        {k: v for part in parts for k, v in part.copies.items() if k in wanted})


def _conflicts(name: str, pairs, store: Store, by_url: dict) -> dict:
    expected = set(CONFLICTS[name])
    by_story = defaultdict(list)
    gold_facts = {}  # article id -> [(start, end, what)]
    for article, labels in pairs:
        article_id = by_url[article["url"]].article_id
        by_story[labels["story"]].append(article_id)
        gold_facts[article_id] = [(f["start"], f["end"], f["what"]) for f in labels["facts"]]
    reported, false_conflicts, agree_groups, stated_whats = set(), [], 0, set()
    for article_ids in by_story.values():
        brief = story_brief(_material(store, article_ids))
        for group in brief.facts:
            figures = defaultdict(set)  # labelled what -> (outlet, figure) of the group's values labelled so
            for value in group.values:
                for start, end, what in gold_facts.get(value.article_id, []):
                    if value.start < end and start < value.end:
                        figures[what].add((value.outlet, _figure(value.text)))
            shared = {w for w, found in figures.items() if len({outlet for outlet, _ in found}) > 1}
            # a conflict is reported when two outlets' different figures of it are in one conflict group
            conflicting = {w for w, found in figures.items() if any(
                a[0] != b[0] and a[1] is not None and b[1] is not None and a[1] != b[1] for a in found for b in found)}
            stated_whats |= shared
            if group.status == "conflict":
                hit = conflicting & expected
                reported |= hit
                if not hit:
                    false_conflicts.append({"what": group.what, "values": [f"{v.outlet}: {v.text}"
                                                                           for v in group.values]})
            elif group.status == "agree" and shared and not shared & expected:
                agree_groups += 1
    return {"expected": sorted(expected), "reported": sorted(reported), "missed": sorted(expected - reported),
            "other_conflicts": false_conflicts, "agreeing_groups": agree_groups}


_NUMBER_WORDS = {"six": 6, "huit": 8}


def _figure(text: str) -> float | None:
    """The figure a labelled fact states ("12 000", "3,5", "huit"), None when it states none."""
    digits = re.search(r"\d[\d\s\u00a0\u202f]*(?:,\d+)?", text)
    if digits:
        return float(re.sub(r"[\s\u00a0\u202f]", "", digits.group()).replace(",", "."))
    words = [w for w in re.findall(r"\w+", text.lower()) if w in _NUMBER_WORDS]
    return float(_NUMBER_WORDS[words[0]]) if words else None


def _print(result: dict) -> None:
    print(f"== {result['set']}: {result['articles']} articles; ingest errors: {len(result['ingest_errors'])}")
    print("entities (exact span + kind)   P      R      F1    (pred/gold)")
    for kind, r in result["entities"].items():
        print(f"  {kind:13}              {r['p']:.3f}  {r['r']:.3f}  {r['f1']:.3f}  ({r['pred']}/{r['gold']})")
    print("quotes                 content overlap F1  content exact F1  speaker exact F1  cue exact F1")
    for kind, q in result["quotes"].items():
        print(f"  {kind:9} ({q['gold']:3} gold) {q['content_overlap']['f1']:18.3f}  {q['content_exact']['f1']:16.3f}  "
              f"{q['speaker_exact']['f1']:16.3f}  {q['cue_exact']['f1']:12.3f}")
    s = result["speaker_accuracy"]
    print(f"speaker name accuracy: {s['right']}/{s['paired']} paired = {s['of_paired']:.3f}; "
          f"of all {s['gold']} gold = {s['of_gold']:.3f}")
    c = result["conflicts"]
    print(f"conflicts reported: {len(c['reported'])}/{len(c['expected'])}  missed: {c['missed']}")
    print(f"other conflicts in the briefs: {len(c['other_conflicts'])}; agreeing groups: {c['agreeing_groups']}")
    for item in c["other_conflicts"]:
        print(f"  - {item['what']}: {' | '.join(item['values'])}")
    print(f"stored stories per labelled story: {result['stories']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--heldout", action="store_true", help="score the held-out part (once, at the end)")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--errors", action="store_true", help="list the missed and wrong items (with --json)")
    args = parser.parse_args()
    name = "heldout_articles" if args.heldout else "articles"
    result = evaluate(name, args.errors)
    _print(result)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
