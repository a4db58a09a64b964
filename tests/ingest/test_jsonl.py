import json
from datetime import date

from presslens.errors import IngestError
from presslens.ingest import read_bytes
from presslens.records import RawDoc
from presslens.settings import Settings


def test_jsonl_records_and_metadata_aliases():
    lines = [
        {"text": "Body one.", "title": "One", "url": "https://www.a.example/1", "date": "2026-03-02"},
        {"content": "Body two.", "publisher": "The Post", "published": "2026-03-05T10:00:00Z",
         "lang": "fr"},
    ]
    data = "\n".join(json.dumps(x) for x in lines).encode()
    one, two = read_bytes(data, "a.jsonl", Settings())
    assert (one.title, one.outlet, one.published) == ("One", "a.example", date(2026, 3, 2))
    assert (two.outlet, two.published, two.language) == ("The Post", date(2026, 3, 5), "fr")


def test_jsonl_bad_line_is_reported_and_the_rest_read():
    data = b'{"text": "fine"}\n{"text": broken\n\n[1, 2]\n{"title": "no text"}\n{"text": "also fine"}\n'
    items = list(read_bytes(data, "b.jsonl", Settings()))
    docs = [i for i in items if isinstance(i, RawDoc)]
    errors = [str(i) for i in items if isinstance(i, IngestError)]
    assert [d.text for d in docs] == ["fine", "also fine"]
    assert errors[0].startswith("[E104] b.jsonl:line 2: invalid JSON")
    assert errors[1] == '[E105] b.jsonl:line 4: JSON record is not an object with a non-empty "text" ' \
                        '(or "content"/"body") field'
    assert errors[2].startswith("[E105] b.jsonl:line 5")


def test_json_array_file():
    data = json.dumps([{"text": "a"}, {"text": "b"}]).encode()
    assert [d.text for d in read_bytes(data, "c.json", Settings())] == ["a", "b"]


def test_json_field_of_wrong_type_is_an_error():
    (error,) = read_bytes(b'{"text": "a", "title": 5}\n', "d.jsonl", Settings())
    assert isinstance(error, IngestError) and error.code == "E112"
