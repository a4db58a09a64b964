"""Each kind of bad input gives one clear error naming the file; the batch goes on."""

import gzip
from pathlib import Path

import pytest

from presslens.errors import IngestError
from presslens.ingest import read_bytes
from presslens.pipeline import ingest_paths
from presslens.records import RawDoc
from presslens.settings import Settings

GOOD_WARC_RECORD = (
    b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/a\r\n"
    b"WARC-Date: 2026-03-02T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
    b"Content-Type: application/http; msgtype=response\r\nContent-Length: 500\r\n\r\n"
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Trunc"
)

BAD_DOCUMENTS = {
    "empty.txt": (b"", "E101", "empty file"),
    "blank.jsonl": (b"  \n\n ", "E101", "empty file"),
    "binary.txt": (bytes(range(256)) * 8, "E102", "binary content"),
    "bad-line.jsonl": (b'{"text": oops}\n', "E104", "invalid JSON"),
    "broken.html": (b"<html><body><div><script>var x = 1;</script></div>", "E106", "no article text"),
    "not-a-feed.rss": (b"this is not xml at all, just words", "E107", "not a valid RSS/Atom feed"),
    "truncated.warc": (GOOD_WARC_RECORD, "E109", "corrupt or truncated WARC"),
    "truncated.warc.gz": (gzip.compress(GOOD_WARC_RECORD * 3)[:150], "E109", "corrupt or truncated WARC"),
}


@pytest.mark.parametrize("name", sorted(BAD_DOCUMENTS))
def test_bad_input_gives_one_clear_error(name: str):
    data, code, reason = BAD_DOCUMENTS[name]
    items = list(read_bytes(data, f"in/{name}", Settings()))
    errors = [i for i in items if isinstance(i, IngestError)]
    assert len(errors) == 1, items
    message = str(errors[0])
    assert message.startswith(f"[{code}] in/{name}")
    assert reason in message
    assert "\n" not in message


def test_undecodable_utf8_is_decoded_by_detection():
    text = "Le maire a déclaré : « Nous fermerons le pont » après la réunion du conseil municipal."
    (doc,) = read_bytes(text.encode("cp1252"), "latin.txt", Settings())
    assert isinstance(doc, RawDoc)
    assert "déclaré" in doc.text


def test_document_over_the_size_limit_is_refused():
    settings = Settings(max_document_bytes=100)
    (error,) = read_bytes(b"word " * 100, "big.txt", settings)
    assert isinstance(error, IngestError) and error.code == "E110"
    assert "big.txt" in str(error)


def test_batch_goes_on_past_bad_documents_and_keeps_what_was_stored(tmp_path: Path, store, settings):
    good = tmp_path / "good.txt"
    good.write_text("First headline here\n\nThe bridge closed on Monday, the mayor said.\n")
    first = ingest_paths([good], store, settings)
    assert first.added == 1 and first.ok
    before = store.get_article(store.list_articles()[0].article_id)

    batch = tmp_path / "batch"
    batch.mkdir()
    for name, (data, _code, _reason) in BAD_DOCUMENTS.items():
        (batch / name).write_bytes(data)
    (batch / "other.txt").write_text("Second headline\n\nThe council met again on Tuesday.\n")
    report = ingest_paths([batch, tmp_path / "missing.txt"], store, settings)
    assert report.added == 1
    assert len(report.errors) == len(BAD_DOCUMENTS) + 1
    assert any("[E100]" in str(e) and "missing.txt" in str(e) for e in report.errors)
    assert store.count_articles() == 2
    assert store.get_article(before.article_id) == before
