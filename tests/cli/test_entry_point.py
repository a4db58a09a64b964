"""The installed entry point (``python -m presslens``), not click's test runner: exit statuses reach the shell."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def presslens(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "presslens", *args], capture_output=True, text=True, timeout=300)


def test_a_failed_document_makes_ingest_exit_1(tmp_path: Path):
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02 not text")
    result = presslens("--db", str(tmp_path / "x.db"), "ingest", "-q", str(bad))
    assert result.returncode == 1
    assert "[E102]" in result.stderr and "binary.txt" in result.stderr


def test_a_presslens_error_exits_3_and_usage_errors_2(tmp_path: Path):
    missing = presslens("--db", str(tmp_path / "x.db"), "load", str(tmp_path))
    assert missing.returncode == 3 and "[E701]" in missing.stderr
    usage = presslens("--db", str(tmp_path / "x.db"), "batch", "--output", str(tmp_path / "o"))
    assert usage.returncode == 2 and "--input" in usage.stderr
