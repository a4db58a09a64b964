"""Inputs that once crashed presslens, kept as regression tests."""

from __future__ import annotations

from presslens.errors import IngestError, PresslensError
from presslens.ingest import read_bytes
from presslens.settings import Settings

from .test_fuzz_readers import _warc


def test_warc_page_with_binary_payload_is_an_input_error_not_a_crash():
    """Found by the fuzzer: moving the decode error to its WARC record rebuilt the exception from
    its message (``copy.copy``) and raised AttributeError, which stopped the whole file."""
    data = _warc("<html><body><p>text\x00with a NUL byte</p></body></html>") * 2
    items = list(read_bytes(data, "crash.warc", Settings(), "warc"))
    assert len(items) == 2 and all(isinstance(i, IngestError) and i.code == "E102" for i in items)
    assert all(str(i).startswith("[E102] crash.warc:record ") for i in items)


def test_moved_errors_keep_their_code_and_class():
    error = IngestError("E104", source="a.jsonl", detail="bad")
    moved = error.at("b.jsonl", "line 3")
    assert isinstance(moved, IngestError) and isinstance(moved, PresslensError)
    assert moved.code == "E104" and str(moved) == "[E104] b.jsonl:line 3: invalid JSON: bad"
    assert str(error) == "[E104] a.jsonl: invalid JSON: bad"
