"""``quotes``, ``extract`` and ``eval quotes``."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import click

from ..analysis import analyse, quotes_in_texts
from ..clean import clean_document
from ..errors import IngestError, PresslensError
from ..ingest import read_path
from ..jsonl import read_objects
from ..quotes import methods
from ..quotes.metrics import KINDS, QuoteScores
from ..settings import Settings
from .main import Context, cli
from .options import heading, json_option, outlet_option, since_option, until_option
from .output import console, error_console, print_json, print_table

method_option = click.option("--method", type=click.Choice(methods.names(finding=True)), default=None,
                             help="Quote finder [default: PRESSLENS_QUOTES or model].")
EXTRACT_BATCH = 32


@cli.command()
@click.option("--speaker", help="Speaker name or words (any part, any case).")
@outlet_option
@since_option
@until_option
@click.option("--kind", type=click.Choice(["direct", "mixed", "indirect"]))
@click.option("--article", "article_id", help="Only this article id.")
@click.option("--story", help="Only this story (id, id prefix, or the id of one of its articles).")
@click.option("--search", help="Words that the quote or speaker name contains.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--offset", default=0, type=click.IntRange(0))
@json_option
@click.pass_obj
def quotes(obj: Context, speaker, outlet, since, until, kind, article_id, story, search, limit, offset,
           as_json) -> None:
    """List stored quotes: who said what, in which outlet (oldest article first)."""
    filters = {"speaker": speaker, "outlet": outlet, "since": since, "until": until, "kind": kind,
               "article_id": article_id, "story": story, "search": search}
    found = list(obj.archive.quotes(**filters, limit=limit, offset=offset))
    if as_json:
        print_json([q.as_dict() for q in found])
        return
    rows = [(q.speaker_name or q.speaker or "?", q.speaker_role, _short(q.content), q.kind, q.cue,
             q.outlet, q.quote_id) for q in found]
    title = heading(len(found), obj.archive.count("quotes", **filters), "quote")
    print_table(title, ["speaker", "role", "quote", "kind", "cue", "outlet", "quote id (presslens trace ID)"], rows)


@cli.command()
@click.argument("quote_id")
@json_option
@click.pass_obj
def trace(obj: Context, quote_id: str, as_json: bool) -> None:
    """Every version of a quote across the whole archive: by outlet and date, the earliest publisher, who trimmed
    or altered it (word diff), who gave the same words to someone else. QUOTE_ID as `presslens quotes` shows it."""
    found = obj.archive.trace(quote_id)
    if as_json:
        print_json(found.as_dict())
        return
    quote, earliest = found.quote, found.earliest
    console.print(f"{quote.speaker or '?'}: {_short(quote.text, 300)}  ({quote.outlet or '?'}, "
                  f"{quote.published or 'undated'}, {quote.quote_id})", highlight=False)
    console.print(f"{len(found.versions)} other versions in {len({v.outlet for v in found.versions})} outlets; "
                  f"earliest seen: {earliest.outlet or '?'} on {earliest.published or 'an unknown date'}")
    rows = [(str(v.published or ""), v.outlet, v.speaker, v.alignment.kind if v.alignment else "",
             _diff_text(v), v.quote_id) for v in found.versions]
    print_table("versions", ["published", "outlet", "speaker", "class", "changes", "quote id"], rows)
    if found.other_speakers:
        rows = [(str(v.published or ""), v.outlet, v.speaker, _short(v.text, 120), v.quote_id)
                for v in found.other_speakers]
        print_table("the same words given to another speaker", ["published", "outlet", "speaker", "quote",
                                                               "quote id"], rows)


def _diff_text(version) -> str:
    """A version's word changes against the traced quote: "-removed +added"."""
    if version.alignment is None:
        return ""
    parts = []
    for op in version.alignment.diff:
        if op.op in ("delete", "replace") and op.a:
            parts.append(f"-{op.a}")
        if op.op in ("insert", "replace") and op.b:
            parts.append(f"+{op.b}")
    return _short(" ".join(parts), 120) or "none"


def _short(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@cli.command()
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--jsonl", "jsonl_in", type=click.Path(path_type=Path),
              help="Records {id, text} to run on, as they are (no cleaning).")
@click.option("--out", type=click.Path(path_type=Path), help="Where --jsonl writes {id, quotes} records.")
@method_option
@click.pass_obj
def extract(obj: Context, file: Path | None, jsonl_in: Path | None, out: Path | None, method) -> None:
    """Print one article's quotes, entities and cleaned text as JSON (nothing is stored).

    With --jsonl IN --out OUT: write each record's quotes in the PolNeAR schema.
    """
    settings = _with_method(obj.settings, method)
    if jsonl_in:
        if not out:
            raise click.UsageError("--jsonl needs --out")
        count, seconds = extract_jsonl(jsonl_in, out, settings)
        error_console.print(f"{count} records -> {out} ({count / seconds:.1f} articles/s)")
        return
    if not file:
        raise click.UsageError("give a FILE, or --jsonl IN --out OUT")
    results = []
    for item in read_path(file, settings):
        if isinstance(item, PresslensError):
            raise item
        article = clean_document(item, settings)
        analysis = analyse([article], settings)
        found = analysis.quotes[article.article_id]
        entities, mentions = analysis.entities[article.article_id]
        results.append({
            "article_id": article.article_id, "title": article.title, "outlet": article.outlet,
            "published": article.published, "language": article.language, "clean_text": article.clean_text,
            "quotes": [_quote_json(q) for q in found],
            "entities": [{"id": e.entity_id, "kind": e.kind, "name": e.name, "roles": e.roles,
                          "mentions": [{"start": m.span.start, "end": m.span.end, "text": m.span.text}
                                       for m in mentions if m.entity_id == e.entity_id]} for e in entities],
        })
    print_json(results[0] if len(results) == 1 else results)


def _quote_json(quote) -> dict:
    def span(s):
        return {"start": s.start, "end": s.end, "text": s.text} if s else None

    return {"kind": quote.kind, "content": span(quote.content), "speaker": span(quote.speaker),
            "cue": span(quote.cue), "speaker_name": quote.speaker_name, "speaker_role": quote.speaker_role,
            "speaker_entity_id": quote.speaker_entity_id, "channel": quote.channel}


def _with_method(settings: Settings, method: str | None) -> Settings:
    return replace(settings, quote_method=method) if method else settings


def read_records(path: Path) -> Iterator[dict]:
    """``{id, text}`` records from a JSONL file; a bad line is an error naming the file and line."""
    for where, record in read_objects(path):
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise IngestError("E105", source=str(path), locator=where)
        yield record


def _batches(records: Iterator[dict], size: int) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for record in records:
        batch.append(record)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def predict_records(records: list[dict], settings: Settings) -> list[list[dict]]:
    """PolNeAR-schema quotes for each ``{id, text}`` record, run on its text as given."""
    texts = [r["text"] for r in records]
    languages = [r.get("language") or settings.default_language for r in records]
    found = quotes_in_texts(texts, languages, settings)
    return [[q.as_record(text) for q in quotes] for text, quotes in zip(texts, found, strict=True)]


def extract_jsonl(path: Path, out: Path, settings: Settings) -> tuple[int, float]:
    """Write ``{id, quotes}`` for each record of ``path``; returns (records, seconds)."""
    started, count = time.perf_counter(), 0
    with out.open("w", encoding="utf-8") as sink:
        for batch in _batches(read_records(path), EXTRACT_BATCH):
            for record, found in zip(batch, predict_records(batch, settings), strict=True):
                sink.write(json.dumps({"id": record.get("id"), "quotes": found}, ensure_ascii=False) + "\n")
                count += 1
    return count, max(time.perf_counter() - started, 1e-9)


@cli.group(name="eval")
def eval_group() -> None:
    """Measure a stage against gold data."""


@eval_group.command(name="quotes")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help="Gold JSONL in the PolNeAR schema ({id, text, quotes: [...]}).")
@click.option("--baseline/--no-baseline", default=False, help="Also score the rule-only baseline.")
@click.option("--out", type=click.Path(path_type=Path), help="Also write the predictions as JSONL.")
@method_option
@json_option
@click.pass_obj
def eval_quotes(obj: Context, gold: Path, baseline: bool, out: Path | None, method, as_json) -> None:
    """Score quote extraction on gold articles: content, speaker and cue P/R/F1 per kind."""
    settings = _with_method(obj.settings, method)
    records = list(read_records(gold))
    runs = {settings.quote_method: settings}
    if baseline and settings.quote_method != methods.BASELINE:
        runs[methods.BASELINE] = _with_method(settings, methods.BASELINE)
    report = {}
    for name, run_settings in runs.items():
        predict_records(records[:1], run_settings)  # load models before the clock starts
        started = time.perf_counter()
        predictions = [p for batch in _batches(iter(records), EXTRACT_BATCH)
                       for p in predict_records(batch, run_settings)]
        seconds = time.perf_counter() - started
        scores = QuoteScores()
        for record, predicted in zip(records, predictions, strict=True):
            scores.add(record["text"], record.get("quotes", []), predicted)
        report[name] = {"articles": len(records), "seconds": round(seconds, 2),
                        "articles_per_second": round(len(records) / seconds, 2), **scores.as_dict()}
        if out and name == settings.quote_method:
            with out.open("w", encoding="utf-8") as sink:
                for record, predicted in zip(records, predictions, strict=True):
                    sink.write(json.dumps({"id": record.get("id"), "quotes": predicted}) + "\n")
    if as_json:
        print_json(report)
        return
    for name, result in report.items():
        _print_scores(name, result)


def _print_scores(name: str, result: dict) -> None:
    def prf(value: dict) -> str:
        return "/".join(f"{value[k]:.3f}" for k in ("p", "r", "f1"))

    console.print(f"quotes, method {name}: {result['articles']} articles in {result['seconds']} s, "
                  f"{result['articles_per_second']} articles/s")
    columns = ("content_exact", "content_overlap", "speaker_exact", "speaker_overlap", "cue_exact")
    console.print(f"{'kind':9} {'gold':>5} {'pred':>5}  " + "  ".join(f"{c.replace('_', ' ') + ' P/R/F1':19}"
                                                                  for c in columns))
    for kind in KINDS:
        if kind in result:
            r = result[kind]
            console.print(f"{kind:9} {r['gold']:5} {r['pred']:5}  " + "  ".join(f"{prf(r[c]):19}" for c in columns))
    console.print()
