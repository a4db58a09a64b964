"""The quotes commands end to end: extract --jsonl, eval quotes, quotes (stored, filtered)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from presslens.cli import cli

TEXT = 'The mayor spoke on Monday. "We will fight this all the way," said Jane Doe, the mayor of Portmere.'


def gold_record(record_id: str = "a1") -> dict:
    content = '"We will fight this all the way,"'
    start = TEXT.index(content)
    speaker, cue = TEXT.index("Jane Doe"), TEXT.index("said")
    return {"id": record_id, "text": TEXT, "quotes": [{
        "quote_start": start, "quote_end": start + len(content), "quote_kind": "direct",
        "speaker_start": speaker, "speaker_end": speaker + 8, "cue_start": cue, "cue_end": cue + 4}]}


def test_cli_extract_jsonl_writes_the_polnear_schema(tmp_path):
    source = tmp_path / "in.jsonl"
    records = [{"id": "a1", "text": TEXT}, {"id": "a2", "text": "No quotes."}]
    source.write_text("".join(json.dumps(r) + "\n" for r in records))
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["extract", "--jsonl", str(source), "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in out.read_text().splitlines())
    assert first["id"] == "a1" and second == {"id": "a2", "quotes": []}
    (quote,) = first["quotes"]
    for prefix in ("quote", "speaker", "cue"):
        assert TEXT[quote[f"{prefix}_start"]:quote[f"{prefix}_end"]] == quote[f"{prefix}_text"]
    assert quote["quote_kind"] == "direct" and quote["speaker_name"] == "Jane Doe"


def test_cli_extract_jsonl_names_a_bad_line(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a1", "text": TEXT}) + "\n{not json\n")
    result = CliRunner().invoke(cli, ["extract", "--jsonl", str(source), "--out", str(tmp_path / "o.jsonl")])
    assert result.exit_code != 0
    assert "line 2" in str(result.exception) and "in.jsonl" in str(result.exception)


def test_cli_eval_quotes_scores_both_methods(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(gold_record()) + "\n")
    result = CliRunner().invoke(cli, ["eval", "quotes", "--gold", str(gold), "--baseline", "--json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert set(report) == {"model", "rules"}
    rules = report["rules"]["all"]
    assert rules["content_exact"]["f1"] == 1.0 and rules["speaker_exact"]["f1"] == 1.0
    assert rules["cue_exact"]["f1"] == 1.0
    assert report["model"]["articles_per_second"] > 0


def test_cli_quotes_lists_stored_quotes_with_filters(tmp_path):
    article = tmp_path / "mayor.txt"
    article.write_text("date 2026-03-04\nPortmere mayor speaks\n\n" + TEXT + "\n\nArticle from: https://gazette.example/a\n")
    db = str(tmp_path / "q.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db, "ingest", "-q", str(article)], catch_exceptions=False).exit_code == 0
    result = runner.invoke(cli, ["--db", db, "quotes", "--speaker", "doe", "--json"], catch_exceptions=False)
    (quote,) = json.loads(result.output)
    assert quote["speaker_name"] == "Jane Doe" and quote["kind"] == "direct"
    assert quote["speaker_role"] == "mayor of Portmere"
    assert json.loads(runner.invoke(cli, ["--db", db, "quotes", "--speaker", "nobody", "--json"]).output) == []
    found = json.loads(runner.invoke(cli, ["--db", db, "quotes", "--search", "fight", "--json"]).output)
    assert [q["content"] for q in found] == [quote["content"]]
