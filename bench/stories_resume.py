"""Stories after an ingest into a large store: resuming the saved stream against replaying everything.

A real SQLite store gets ``--articles`` synthetic articles (bench/stories_scale.py's generator: stories of
3 to 12 articles, about --active open at a time, 5% wire copies) over their days, minus the last day;
``update_stories`` runs once (a full replay that also computes and keeps every headline embedding).
Then the last day's articles are added and ``update_stories`` runs again: it resumes the stream saved
one window back. Last, ``update_stories(from_scratch=True)`` replays everything, for comparison (the
two must store the same stories and links). Prints a table and writes JSON.

    .venv/bin/python bench/stories_resume.py --articles 5000 20000
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from report import print_table, write_json
from sqlalchemy import select
from stories_scale import seed_texts, synthetic

from presslens.clean import clean_document
from presslens.ingest import read_bytes
from presslens.pipeline import update_stories
from presslens.settings import Settings
from presslens.store import Store
from presslens.store.models import StoryLinkRow, StoryRow


def articles(count: int, active: int):
    """Stored-article records of the synthetic stream, with their days."""
    settings = Settings()
    for n, document in enumerate(synthetic(count, active, random.Random(count), seed_texts())):
        text = f"{document.title}\n\n{document.text}. {document.body}."
        (doc,) = read_bytes(text.encode(), f"a{n:07d}.txt", settings)
        doc.published, doc.outlet = document.published.date(), document.outlet
        yield clean_document(doc, settings)


def tables(store: Store):
    with store.engine.connect() as conn:
        return (conn.execute(select(StoryLinkRow.__table__).order_by(StoryLinkRow.article_id)).all(),
                conn.execute(select(StoryRow.__table__).order_by(StoryRow.id)).all())


def measure(count: int, active: int, folder: Path) -> dict:
    settings = Settings(db_url=str(folder / f"resume-{count}.db"))
    made = list(articles(count, active))
    last_day = max(a.published for a in made)
    with Store.open(settings.db_url) as store:
        earlier = [a for a in made if a.published < last_day]
        for start in range(0, len(earlier), 1000):
            store.add_articles(earlier[start:start + 1000])
        started = time.perf_counter()
        update_stories(store, settings)
        first_seconds = time.perf_counter() - started
        store.add_articles([a for a in made if a.published == last_day])
        started = time.perf_counter()
        resumed = update_stories(store, settings)
        resumed_seconds = time.perf_counter() - started
        after_resume = tables(store)
        started = time.perf_counter()
        scratch = update_stories(store, settings, from_scratch=True)
        scratch_seconds = time.perf_counter() - started
        same = tables(store) == after_resume
    return {"articles": count, "last_day_articles": count - len(earlier), "stories": scratch.stories,
            "first_run_seconds": round(first_seconds, 2), "resumed": resumed.resumed,
            "resumed_streamed": resumed.streamed, "resumed_seconds": round(resumed_seconds, 2),
            "scratch_streamed": scratch.streamed, "scratch_seconds": round(scratch_seconds, 2),
            "speedup": round(scratch_seconds / resumed_seconds, 1), "same_stories_and_links": same}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--active", type=int, default=60, help="Stories open at a time (about 150 articles a day).")
    parser.add_argument("--out", type=Path, default=Path("bench/results/stories_resume.json"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        rows = [measure(n, args.active, Path(folder)) for n in args.articles]
    columns = ("articles", "last_day_articles", "resumed", "resumed_streamed", "resumed_seconds", "scratch_streamed",
               "scratch_seconds", "speedup", "same_stories_and_links")
    print_table(rows, columns)
    write_json(args.out, {"active": args.active, "rows": rows})


if __name__ == "__main__":
    main()
