"""Peak memory and wall time of ``presslens ingest`` on the worst input of each class of hostile input.

Each input is generated here (seeded, so the same bytes every run) into a temporary folder and ingested
by a fresh process, ``presslens --db <tmp>.db ingest --json <input>``, under a wall-clock limit
(``--timeout``) and an address-space cap (``prlimit --as``, ``--memory-cap-gb``) so that no input can
endanger the machine. The child's peak RSS comes from ``os.wait4`` (its own rusage, as
``/usr/bin/time -v`` reports it). Every run has the default settings (no ``PRESSLENS_*`` variable from
the environment) except where an input states otherwise.

Inputs (``--only`` takes these names):

  article_1mb      a 1.05 MB plain-text article (news prose with names and quotes), past spaCy's 1,000,000
  jsonl_15mb       one JSONL record whose ``text`` is 15 MB of prose
  text_20mb        19.9 MB of plain-text prose, just under PRESSLENS_MAX_DOCUMENT_BYTES (20,000,000)
  quote_soup       560 KB of ``"a" said Bob, `` repeated
  warc_2gib        a 2 MB ``.warc.gz`` whose one HTML response record inflates to 2 GiB
  gzip_bomb        a 10 MB ``.txt.gz`` of spaces inflating to 10 GiB
  json_deep        a JSONL record nested 100,000 deep
  jsonl_surrogate  a JSONL record whose text holds a lone surrogate escape ``\\ud800``
  folder_timeout   31 small articles and the quote soup in one folder, PRESSLENS_DOCUMENT_TIMEOUT=3
  one_word_2mb     one 2 MB "word": letters, no spaces, no sentence breaks

``--code after`` runs the working tree's ``.venv/bin/presslens``; ``--code before`` runs the same venv's
python with ``PYTHONPATH=/tmp/presslens-before/src -m presslens`` (a worktree of an older commit: ``git
worktree add /tmp/presslens-before COMMIT``); ``--pythonpath`` names another source folder. Prints a
table and writes JSON (bench/results/worst_inputs_<code>.json); ``--compare BEFORE.json AFTER.json``
prints two such files side by side.

    .venv/bin/python bench/worst_inputs.py --code before
    .venv/bin/python bench/worst_inputs.py --code after [--only quote_soup gzip_bomb]
    .venv/bin/python bench/worst_inputs.py --compare bench/results/worst_inputs_before.json \\
        bench/results/worst_inputs_after.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import uuid
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import print_fitted_table, write_json

ROOT = Path(__file__).resolve().parents[1]
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
VENV_PRESSLENS = ROOT / ".venv" / "bin" / "presslens"
BEFORE_SRC = Path("/tmp/presslens-before/src")
MB, GIB = 1_000_000, 1 << 30
SEED = 20260304

# --- prose ------------------------------------------------------------------------------------------

PEOPLE = [("Helen", "Okafor", "the mayor of Portmere"), ("Rafael", "Sousa", "chief engineer at the harbour authority"),
          ("Margaret", "Lindqvist", "the finance minister"), ("Tomas", "Brennan", "a spokesman for the ferry operator"),
          ("Aisha", "Rahman", "head of the Eastdock residents' association"),
          ("David", "Achterberg", "an economist at Northfield University"),
          ("Sofia", "Marchetti", "the opposition leader"), ("Kenji", "Watanabe", "the port's operations director"),
          ("Claire", "Dubois", "a councillor for Saltmarsh"), ("Samuel", "Osei", "the regional police commissioner")]
PLACES = ["Portmere", "Eastdock", "Saltmarsh", "Northfield", "the Harbour Bridge", "the city centre", "Glasshouse Lane",
          "the old customs house", "Avel Bay", "the ring road"]
ORGS = ["the Portmere Harbour Authority", "the city council", "the Ministry of Transport", "Northfield University",
        "the Eastdock Traders' Guild", "the regional court", "Avel Shellfish Ltd", "the Harbour Gazette"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TOPICS = ["the bridge repairs", "the new ferry timetable", "the shellfish ban", "next year's budget",
          "the flood defences", "bus fares", "the housing plan", "the closure of the glasshouse"]
ACTIONS = ["delay the vote", "publish the engineers' report", "extend the diversions", "raise parking charges",
           "fund extra buses", "review the contract", "reopen the approach roads", "hold a public inquiry"]
CLAIMS = ["we will not gamble with anyone's safety", "the numbers simply do not add up",
          "people deserve to know what went wrong", "this was always going to take longer than promised",
          "nobody here wants a quick fix that fails in a year", "the money is there if the will is there",
          "we were told nothing until the morning it happened", "I would make the same decision again tomorrow",
          "the inspection regime did exactly what it was meant to do", "families cannot wait another winter"]


def _person(rng: random.Random) -> tuple[str, str, str]:
    first, last, role = rng.choice(PEOPLE)
    return f"{first} {last}", last, role


def sentence(rng: random.Random) -> str:
    """One sentence of ordinary news prose: a report, or a quote with its speaker."""
    name, last, role = _person(rng)
    place, org, day = rng.choice(PLACES), rng.choice(ORGS), rng.choice(DAYS)
    topic, action, claim = rng.choice(TOPICS), rng.choice(ACTIONS), rng.choice(CLAIMS)
    count = rng.randrange(2, 400) * 25
    templates = [
        f"{org[0].upper()}{org[1:]} said on {day} that it would {action}, after weeks of argument over {topic}.",
        f"About {count:,} people in {place} were affected, according to figures released by {org}.",
        f'"{claim[0].upper()}{claim[1:]}," {name}, {role}, told reporters in {place}.',
        f'{name} said the decision on {topic} had been taken "with a heavy heart but without hesitation".',
        f'"We asked {org} to {action}, and we are still waiting," said {last}. "{claim[0].upper()}{claim[1:]}."',
        f"Critics, including {name}, argue that {topic} has cost the city more than {count:,} euros so far.",
        f"The plan to {action} is expected to go before {org} on {day}, officials in {place} said.",
        f"{last} declined to say whether {org} would {action} before the end of the month.",
        f"Residents of {place} said they had heard nothing about {topic} until {day} morning.",
        f'Asked about {topic}, {last} replied: "{claim[0].upper()}{claim[1:]}."',
    ]
    return rng.choice(templates)


def paragraphs(rng: random.Random) -> Iterable[str]:
    while True:
        yield " ".join(sentence(rng) for _ in range(rng.randrange(2, 6)))


def prose(rng: random.Random, size: int) -> str:
    """Paragraphs of prose (ASCII, so bytes = characters) filling at most ``size`` bytes."""
    parts, used = [], 0
    for paragraph in paragraphs(rng):
        if used + len(paragraph) + 2 > size:
            break
        parts.append(paragraph)
        used += len(paragraph) + 2
    return "\n\n".join(parts)


def article(rng: random.Random, size: int, day: int = 4) -> str:
    title = f"{rng.choice(PLACES).removeprefix('the ').title()} council to {rng.choice(ACTIONS)}"
    head = f"date 2026-03-{day:02d}\n{title}\n\n"
    return head + prose(rng, size - len(head))


# --- writers ----------------------------------------------------------------------------------------

def write_gzip(path: Path, pieces: Iterable[tuple[bytes, int]]) -> int:
    """One gzip member of ``pieces`` (a block and how many times it repeats), never all in memory.

    After a full flush deflate starts afresh (no reference back past it), so a repeated block compresses
    to the same bytes each time: it is compressed once and those bytes written again. Returns the size
    inflated.
    """
    crc, size = 0, 0
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    with path.open("wb") as out:
        out.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff")  # magic, deflate, no flags, mtime 0, best, OS ?
        for block, times in pieces:
            out.write(deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH))
            if times > 1:
                again = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
                for _ in range(times - 1):
                    out.write(again)
            for _ in range(times):
                crc = zlib.crc32(block, crc)
            size += len(block) * times
        out.write(deflate.flush())
        out.write(struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF))
    return size


def write_warc_gz(path: Path, rng: random.Random, inflated: int) -> int:
    """A WARC with one HTML ``response`` record (one gzip member, as warcio writes) of ``inflated`` bytes."""
    url = "https://harbourgazette.example/news/harbour-bridge-inquiry"
    page_head = ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                 "<title>Harbour Bridge inquiry opens | Harbour Gazette</title>"
                 f"<link rel=\"canonical\" href=\"{url}\"></head>\n<body><article><h1>Harbour Bridge inquiry opens"
                 "</h1>\n" + "".join(f"<p>{p}</p>\n" for p in prose(rng, 6000).split("\n\n")) + "<div>").encode()
    page_tail = ("</div>\n" + "".join(f"<p>{p}</p>\n" for p in prose(rng, 3000).split("\n\n"))
                 + "</article></body></html>\n").encode()
    block = b" " * (16 << 20)
    fill = inflated - len(page_head) - len(page_tail)
    times, rest = divmod(fill, len(block))
    body_size = len(page_head) + len(block) * times + rest + len(page_tail)
    http = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body_size}\r\n\r\n"
            .encode())
    record_id = f"urn:uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}"
    warc = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <{record_id}>\r\n"
            f"WARC-Date: 2026-03-04T08:00:00Z\r\nWARC-Target-URI: {url}\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http) + body_size}\r\n\r\n"
            ).encode()
    return write_gzip(path, [(warc + http + page_head, 1), (block, times), (b" " * rest, 1),
                             (page_tail + b"\r\n\r\n", 1)])


# --- the inputs -------------------------------------------------------------------------------------

@dataclass
class Input:
    name: str
    what: str
    build: Callable[[Path, random.Random], tuple[Path, str]]  # -> path to ingest, size as shown
    env: dict[str, str] = field(default_factory=dict)


def _mb(size: int) -> str:
    return f"{size / MB:.2f} MB" if size >= 100_000 else f"{size / 1000:.1f} KB"


def _text_file(name: str, text: str) -> Callable[[Path, random.Random], tuple[Path, str]]:
    def build(folder: Path, _rng: random.Random) -> tuple[Path, str]:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path, _mb(path.stat().st_size)
    return build


def build_article_1mb(folder: Path, rng: random.Random) -> tuple[Path, str]:
    path = folder / "article_1mb.txt"
    path.write_text(article(rng, 1_050_000), encoding="utf-8")
    return path, _mb(path.stat().st_size)


def build_jsonl_15mb(folder: Path, rng: random.Random) -> tuple[Path, str]:
    path = folder / "jsonl_15mb.jsonl"
    record = {"title": "Harbour Bridge: the full inquiry transcript", "url": "https://harbourgazette.example/inquiry",
              "outlet": "Harbour Gazette", "date": "2026-03-04", "text": prose(rng, 15 * MB)}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path, _mb(path.stat().st_size)


def build_text_20mb(folder: Path, rng: random.Random) -> tuple[Path, str]:
    path = folder / "text_20mb.txt"
    path.write_text(article(rng, 19_900_000), encoding="utf-8")
    return path, _mb(path.stat().st_size)


QUOTE_SOUP = '"a" said Bob, ' * 40_000  # 560,000 bytes


def build_quote_soup(folder: Path, _rng: random.Random) -> tuple[Path, str]:
    path = folder / "quote_soup.txt"
    path.write_text(QUOTE_SOUP, encoding="utf-8")
    return path, _mb(path.stat().st_size)


def build_warc(folder: Path, rng: random.Random) -> tuple[Path, str]:
    path = folder / "warc_2gib.warc.gz"
    inflated = write_warc_gz(path, rng, 2 * GIB)
    return path, f"{_mb(path.stat().st_size)} ({inflated / GIB:.2f} GiB inflated)"


def build_gzip_bomb(folder: Path, _rng: random.Random) -> tuple[Path, str]:
    path = folder / "gzip_bomb.txt.gz"
    inflated = write_gzip(path, [(b" " * (16 << 20), 10 * GIB // (16 << 20))])
    return path, f"{_mb(path.stat().st_size)} ({inflated / GIB:.2f} GiB inflated)"


def build_json_deep(folder: Path, rng: random.Random) -> tuple[Path, str]:
    path = folder / "json_deep.jsonl"
    depth = 100_000
    line = (json.dumps({"title": "Deep", "text": prose(rng, 2000)})[:-1]
            + ', "meta": ' + "[" * depth + "0" + "]" * depth + "}\n")
    path.write_text(line, encoding="utf-8")
    return path, f"{_mb(path.stat().st_size)} (depth {depth:,})"


def build_jsonl_surrogate(folder: Path, rng: random.Random) -> tuple[Path, str]:
    path = folder / "jsonl_surrogate.jsonl"
    text = prose(rng, 1000) + " The word \\ud800 came through broken. " + prose(rng, 1000)
    head = json.dumps({"title": "Lone surrogate", "url": "https://harbourgazette.example/lone"})[:-1]
    path.write_text(head + ', "text": ' + json.dumps(text).replace("\\\\ud800", "\\ud800") + "}\n", encoding="utf-8")
    assert "\\ud800" in path.read_text() and "\\\\ud800" not in path.read_text()
    return path, _mb(path.stat().st_size)


def build_folder(folder: Path, rng: random.Random) -> tuple[Path, str]:
    path = folder / "folder_timeout"
    path.mkdir()
    for n in range(31):
        (path / f"article_{n:02d}.txt").write_text(article(rng, rng.randrange(2000, 5000), day=1 + n % 28),
                                                   encoding="utf-8")
    (path / "quote_soup.txt").write_text(QUOTE_SOUP, encoding="utf-8")
    size = sum(p.stat().st_size for p in path.iterdir())
    return path, f"32 files, {_mb(size)}"


def build_one_word(folder: Path, rng: random.Random) -> tuple[Path, str]:
    path = folder / "one_word_2mb.txt"
    path.write_text("".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=2 * MB)), encoding="ascii")
    return path, _mb(path.stat().st_size)


INPUTS = [
    Input("article_1mb", "1.05 MB plain-text article", build_article_1mb),
    Input("jsonl_15mb", "one JSONL record with 15 MB of text", build_jsonl_15mb),
    Input("text_20mb", "19.9 MB plain text (limit 20,000,000)", build_text_20mb),
    Input("quote_soup", "560 KB of '\"a\" said Bob, '", build_quote_soup),
    Input("warc_2gib", ".warc.gz, one HTML record inflating to 2 GiB", build_warc),
    Input("gzip_bomb", ".txt.gz of spaces inflating to 10 GiB", build_gzip_bomb),
    Input("json_deep", "JSONL record nested 100,000 deep", build_json_deep),
    Input("jsonl_surrogate", "JSONL record with a lone \\ud800", build_jsonl_surrogate),
    Input("folder_timeout", "31 articles + quote soup, PRESSLENS_DOCUMENT_TIMEOUT=3", build_folder,
          {"PRESSLENS_DOCUMENT_TIMEOUT": "3"}),
    Input("one_word_2mb", "one 2 MB word, no spaces or sentence ends", build_one_word),
]
BY_NAME = {i.name: i for i in INPUTS}

# --- running ----------------------------------------------------------------------------------------

MEMORY_SIGNS = re.compile(r"MemoryError|bad_alloc|Cannot allocate memory|[Oo]ut of memory|Unable to allocate")


def child_env(pythonpath: str | None, extra: dict[str, str]) -> dict[str, str]:
    """The environment without any presslens setting or PYTHONPATH of ours, then the run's own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRESSLENS_") and k != "PYTHONPATH"}
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    env.update(extra)
    return env


def presslens_command(pythonpath: str | None) -> list[str]:
    return [str(VENV_PYTHON), "-m", "presslens"] if pythonpath else [str(VENV_PRESSLENS)]


def check_code(pythonpath: str | None) -> str:
    """Where ``presslens`` is imported from in the runs (it must be the folder asked for)."""
    out = subprocess.run([str(VENV_PYTHON), "-c", "import presslens; print(presslens.__file__)"],
                         env=child_env(pythonpath, {}), capture_output=True, text=True, check=True).stdout.strip()
    expected = Path(pythonpath).resolve() if pythonpath else ROOT / "src"
    if not Path(out).resolve().is_relative_to(expected):
        sys.exit(f"presslens would be imported from {out}, not from {expected}")
    return out


def run_one(command: list[str], env: dict[str, str], limit: float, folder: Path) -> dict:
    """Run ``command`` in a new session; wall time, peak RSS (wait4) and how it ended."""
    stdout_path, stderr_path = folder / "stdout", folder / "stderr"
    with stdout_path.open("wb") as stdout, stderr_path.open("wb") as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, env=env, cwd=folder,
                                   start_new_session=True)
        timed_out = False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > limit:
                timed_out = True
                os.killpg(process.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.1)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return {"returncode": process.returncode, "timed_out": timed_out, "wall_s": round(wall, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "stdout": stdout_path.read_text(errors="replace"), "stderr": stderr_path.read_text(errors="replace")}


def judge(result: dict, limit: float) -> dict:
    """Exit status, outcome and whether presslens stored the input or reported it cleanly."""
    code, stdout, stderr = result["returncode"], result["stdout"], result["stderr"]
    try:
        report = json.loads(stdout)
    except ValueError:
        report = None
    errors = report["errors"] if isinstance(report, dict) else []
    codes = Counter(m[1] for e in errors if (m := re.match(r"\[(E\d+)\]", e)))
    traceback = "Traceback (most recent call last)" in stderr
    memory = bool(MEMORY_SIGNS.search(stderr) or any(MEMORY_SIGNS.search(e) for e in errors))
    status = ("timeout" if result["timed_out"] else
              signal.Signals(-code).name if code < 0 else str(code))
    if result["timed_out"]:
        outcome = f"timeout at {limit:.0f} s"
    elif memory and (report is None or code not in (0, 1)):
        outcome = "killed at the memory cap"
    elif report is None:
        last = [line for line in stderr.strip().splitlines() if line.strip()][-1:] or ["no output"]
        outcome = f"crash: {last[0].strip()[:90]}" if traceback or code else f"no report: {last[0].strip()[:90]}"
    else:
        parts = [f"stored {report['added']}"] if report["added"] or not codes else []
        parts += [f"{c}" if n == 1 else f"{c} x{n}" for c, n in sorted(codes.items())]
        outcome = ("reported " if codes and not report["added"] else "") + ", ".join(parts)
        if memory:
            outcome += " (memory cap hit)"
        elif any(e.rstrip().endswith(":") for e in errors):  # str(MemoryError()) is empty: say so, not hide it
            outcome += " (empty error detail)"
    clean = (not result["timed_out"] and report is not None and code in (0, 1) and not traceback and not memory
             and (code == 0) == (not codes))
    return {"exit": status, "outcome": outcome, "clean": clean, "traceback": traceback,
            "memory_cap_hit": memory, "report": report}


def measure(item: Input, path: Path, args: argparse.Namespace, pythonpath: str | None, work: Path) -> dict:
    run_folder = work / f"run-{item.name}"
    run_folder.mkdir()
    command = ["prlimit", f"--as={int(args.memory_cap_gb * GIB)}", "--", *presslens_command(pythonpath),
               "--db", str(run_folder / "bench.db"), "ingest", "--json", str(path)]
    result = run_one(command, child_env(pythonpath, item.env), args.timeout, run_folder)
    verdict = judge(result, args.timeout)
    shutil.rmtree(run_folder, ignore_errors=True)
    report = verdict.pop("report") or {}
    return {**verdict, "wall_s": result["wall_s"], "peak_rss_mb": result["peak_rss_mb"],
            "returncode": result["returncode"], "timed_out": result["timed_out"],
            "documents": report.get("documents"), "added": report.get("added"),
            "errors": [e[:400] for e in report.get("errors", [])[:10]],
            "warnings": [w[:400] for w in report.get("warnings", [])[:10]],
            "stderr_tail": result["stderr"][-3000:] if not verdict["clean"] else "",
            "command": " ".join(command), "env": item.env}


def compare(before_path: Path, after_path: Path) -> None:
    before, after = (json.loads(Path(p).read_text()) for p in (before_path, after_path))
    old = {r["input"]: r for r in before["rows"]}
    rows = []
    for row in after["rows"]:
        then = old.get(row["input"], {})
        rows.append({"input": row["input"], "size": row["size"],
                     "exit before": then.get("exit", "-"), "outcome before": then.get("outcome", "-"),
                     "wall s before": then.get("wall_s", "-"), "RSS MB before": then.get("peak_rss_mb", "-"),
                     "exit after": row["exit"], "outcome after": row["outcome"],
                     "wall s after": row["wall_s"], "RSS MB after": row["peak_rss_mb"]})
    print_fitted_table(rows, list(rows[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--code", choices=["before", "after"],
                        help=f"after (the default): .venv/bin/presslens; before: PYTHONPATH={BEFORE_SRC}")
    parser.add_argument("--pythonpath", help="run `python -m presslens` from this source folder instead")
    parser.add_argument("--only", nargs="+", choices=[i.name for i in INPUTS], metavar="NAME")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per run (default 900)")
    parser.add_argument("--memory-cap-gb", type=float, default=8, help="address-space cap per run (prlimit --as)")
    parser.add_argument("--out", type=Path, help="default bench/results/worst_inputs_<code>.json")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"),
                        help="print two result files side by side and exit")
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare)
        return
    pythonpath = args.pythonpath or (str(BEFORE_SRC) if args.code == "before" else None)
    label = args.code or (Path(args.pythonpath).resolve().parent.name if args.pythonpath else "after")
    imported_from = check_code(pythonpath)
    print(f"code: {label} (presslens imported from {imported_from})", flush=True)
    commit = subprocess.run(["git", "-C", str(Path(pythonpath or ROOT)), "describe", "--always", "--dirty"],
                            capture_output=True, text=True).stdout.strip()
    rows = []
    with tempfile.TemporaryDirectory(prefix="presslens-worst-") as tmp:
        work = Path(tmp)
        for item in [i for i in INPUTS if not args.only or i.name in args.only]:
            started = time.perf_counter()
            path, size = item.build(work, random.Random(f"{SEED}-{item.name}"))
            made = time.perf_counter() - started
            row = {"input": item.name, "size": size, **measure(item, path, args, pythonpath, work)}
            row["generated_s"] = round(made, 1)
            rows.append(row)
            print(f"  {item.name}: exit {row['exit']}, {row['outcome']}, {row['wall_s']} s, "
                  f"{row['peak_rss_mb']} MB", flush=True)
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
    columns = ["input", "size", "exit", "outcome", "wall_s", "peak_rss_mb"]
    print()
    print_fitted_table(rows, columns)
    out = args.out or ROOT / "bench" / "results" / f"worst_inputs_{label}.json"
    write_json(out, {"code": label, "commit": commit, "pythonpath": pythonpath, "presslens_file": imported_from,
                     "timeout_s": args.timeout,
                     "memory_cap_gb": args.memory_cap_gb, "machine": platform.platform(), "cpus": os.cpu_count(),
                     "inputs": {i.name: i.what for i in INPUTS}, "rows": rows})
    print(f"\nwritten to {out}")


if __name__ == "__main__":
    main()
