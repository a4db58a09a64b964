from datetime import date

from presslens.ingest import read_bytes
from presslens.settings import Settings


def _read(text: str):
    docs = list(read_bytes(text.encode(), "x.txt", Settings()))
    assert len(docs) == 1
    return docs[0]


def test_txt_date_header_on_its_own_line_then_title():
    doc = _read("date 2026-03-04\nBridge shut after crack found\n\nThe bridge closed, officials said.\n")
    assert doc.published == date(2026, 3, 4)
    assert doc.title == "Bridge shut after crack found"
    skipped = "".join(doc.text[s:e] for s, e in doc.skip_spans)
    assert "date 2026-03-04" in skipped and "Bridge shut" in skipped


def test_txt_date_header_followed_by_body_on_same_line():
    doc = _read(" date 2018-11-29 A new drama is being slammed by campaigners.\n\nMore text here.\n")
    assert doc.published == date(2018, 11, 29)
    assert doc.title is None
    ((_start, end),) = doc.skip_spans
    assert doc.text[end:].startswith("A new drama")


def test_txt_trailer_gives_url_and_outlet():
    doc = _read("Title here now\n\nBody sentence one.\n\nArticle from: https://www.harbourgazette.example/a/1\n")
    assert doc.url == "https://www.harbourgazette.example/a/1"
    assert doc.outlet == "harbourgazette.example"


def test_txt_banner_then_title_takes_the_last_heading_line():
    doc = _read("World News (Europe)\n\nA headline about the bridge\n\nThe bridge closed on Monday.\n")
    assert doc.title == "A headline about the bridge"


def test_txt_without_title_or_header_is_all_body():
    doc = _read("The council met on Monday. It voted to close the bridge.\n")
    assert doc.title is None and doc.published is None and doc.skip_spans == []
