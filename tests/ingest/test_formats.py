"""Format-specific behaviour of the feed, HTML and WARC readers on the sample corpus."""

from presslens.errors import IngestError
from presslens.ingest import detect_format, read_path
from presslens.records import RawDoc
from presslens.settings import Settings

from ..conftest import SAMPLE_CORPUS


def _docs(relative: str) -> list:
    return list(read_path(SAMPLE_CORPUS / relative, Settings()))


def test_warc_reads_html_responses_and_skips_other_records():
    docs = _docs("warc/sample.warc.gz")
    assert all(isinstance(d, RawDoc) for d in docs)
    assert [d.locator for d in docs] == ["record 2", "record 4", "record 6"]
    assert all(d.url.startswith("https://www.") and d.fmt == "warc" for d in docs)


def test_feed_outlet_is_the_feed_title_without_its_section():
    rss = _docs("feeds/harbour.rss")
    atom = _docs("feeds/screenline.atom")
    assert {d.outlet for d in rss} == {"Harbour Gazette"}
    assert {d.outlet for d in atom} == {"Screenline"}
    assert all(d.published and d.title and "\n\n" in d.text for d in rss + atom)


def test_html_metadata_from_the_page():
    (doc,) = _docs("html/continentalcourier_portmere_bridge.html")
    assert doc.outlet == "Continental Courier" and doc.language == "en"
    assert doc.url.startswith("https://www.continentalcourier.example/")
    assert doc.title.startswith("Portmere bridge: French builder")
    # when the extracted text repeats the headline as its first line, that line is skipped
    assert (doc.skip_spans == [(0, len(doc.title))]) == doc.text.startswith(doc.title)


def test_format_detection_by_extension_and_content():
    assert detect_format("a.TXT", b"") == "txt"
    assert detect_format("a.warc.gz", b"") == "warc"
    assert detect_format("feed.xml", b'<?xml version="1.0"?><rss version="2.0">') == "feed"
    assert detect_format("page.xml", b"<!DOCTYPE html><html>") == "html"
    assert detect_format("noext", b'{"text": "x"}') == "jsonl"
    assert detect_format("noext", b"WARC/1.0\r\n") == "warc"
    assert detect_format("noext", b"Just words.") == "txt"


def test_missing_path_is_an_error():
    (error,) = _docs("nope.txt")
    assert isinstance(error, IngestError) and error.code == "E111"


def test_folder_given_by_a_relative_path_with_dots(tmp_path, monkeypatch):
    from presslens.ingest import iter_sources

    (tmp_path / "in" / ".hidden").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text("Body.")
    (tmp_path / "in" / ".hidden" / "b.txt").write_text("Body.")
    (tmp_path / "in" / ".c.txt").write_text("Body.")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    assert [p.name for p in iter_sources(["../in"])] == ["a.txt"]
