"""Time per article of each pipeline stage, on the same articles, in one run.

Articles: PolNeAR dev texts (real news, ~740 words each) when ../shared is present,
else the sample corpus repeated. Stages timed separately, in pipeline order: clean,
nlp (spaCy NER), entities (rules, clustering, canonical ids), quotes (tagger, linking,
speakers) and store (one SQLite transaction per batch). The entities stage's share is
its time over the whole pipeline's.

Run: .venv/bin/python bench/stage_times.py [--articles 200] [--json bench/results/stages.json]
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from report import write_json

from presslens import nlp
from presslens.analysis import analyse, quote_extractor
from presslens.clean import clean_document
from presslens.entities import add_known_names, analyse_text, gazetteer_of, link_article
from presslens.ingest import read_path
from presslens.pipeline import sample_corpus_paths
from presslens.quotes.speakers import Person
from presslens.records import RawDoc
from presslens.settings import Settings
from presslens.store import Store

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev.jsonl"
BATCH = 32


def raw_docs(count: int, settings: Settings) -> list[RawDoc]:
    if DEV.exists():
        records = [json.loads(line) for line in DEV.open(encoding="utf-8")]
        docs = [RawDoc(source=str(DEV), locator=f"line {i + 1}", fmt="jsonl", text=r["text"], title=r.get("title"),
                       outlet=r.get("publisher"), language="en") for i, r in enumerate(records)]
    else:
        docs = [d for p in sample_corpus_paths() for f in sorted(p.rglob("*")) if f.is_file()
                for d in read_path(f, settings) if isinstance(d, RawDoc)]
    out = []
    while len(out) < count:
        out += docs
    return out[:count]


def timed(totals: dict[str, float], name: str, function, *args):
    started = time.perf_counter()
    result = function(*args)
    totals[name] = totals.get(name, 0.0) + time.perf_counter() - started
    return result


def run(count: int) -> dict:
    settings = Settings(quote_method="model")
    docs = raw_docs(count, settings)
    extractor = quote_extractor("model")
    analyse([clean_document(docs[0], settings)], settings)  # load models first
    totals: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(str(Path(folder) / "stages.db"))
        for i in range(0, len(docs), BATCH):
            batch = docs[i:i + BATCH]
            articles = [timed(totals, "clean", clean_document, d, settings) for d in batch]
            texts = [a.clean_text for a in articles]
            named = timed(totals, "nlp (spaCy NER)", lambda t: list(nlp.entities(t)), texts)
            local = timed(totals, "entities", _entities, texts, named)
            people = [[Person(m.start, m.end, m.text, e.kind) for e in ents for m in e.mentions] for ents in local]
            timed(totals, "quotes", extractor.extract, texts, people, ["en"] * len(texts))
            linked = timed(totals, "entities", _link, articles, local)
            analysis = {a.article_id: pair for a, pair in zip(articles, linked, strict=True)}
            timed(totals, "store", store.add_articles, articles, {}, "bench", analysis)
        store.close()
    words = sum(len(d.text.split()) for d in docs)
    whole = sum(totals.values())
    return {"articles": len(docs), "words_per_article": round(words / len(docs)),
            "ms_per_article": {k: round(1000 * v / len(docs), 1) for k, v in totals.items()},
            "share": {k: round(v / whole, 3) for k, v in totals.items()},
            "entities_over_rest": round(totals["entities"] / (whole - totals["entities"]), 3),
            "articles_per_second": round(len(docs) / whole, 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def _link(articles, local):
    return [link_article(a, e, {}) for a, e in zip(articles, local, strict=True)]


def _entities(texts, named):
    found = [analyse_text(t, n) for t, n in zip(texts, named, strict=True)]
    gazetteer = gazetteer_of(found)
    return [add_known_names(t, e, gazetteer) for t, e in zip(texts, found, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = run(args.articles)
    print(f"{result['articles']} articles, {result['words_per_article']} words each; "
          f"{result['articles_per_second']} articles/s overall, peak RSS {result['peak_rss_mb']} MB")
    print(f"{'stage':18} {'ms/article':>10} {'share':>6}")
    for stage, ms in result["ms_per_article"].items():
        print(f"{stage:18} {ms:10.1f} {result['share'][stage]:6.1%}")
    print(f"entities stage adds {result['entities_over_rest']:.1%} to the rest of the pipeline")
    if args.json:
        write_json(args.json, result)


if __name__ == "__main__":
    main()
