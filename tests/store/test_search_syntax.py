"""FTS5 query syntax read for PostgreSQL (no server needed): the same queries fail, the same tsquery comes out."""

from __future__ import annotations

import random
import sqlite3

import pytest

from presslens.store.search import (
    QUOTE_COLUMNS,
    QuerySyntaxError,
    headline_snippet,
    highlight_tsquery,
    parse,
    phrase_tsqueries,
    quoted_terms,
    to_tsquery,
    words,
)


@pytest.mark.parametrize(("query", "tsquery"), [
    ("bridge", "'bridge'"),
    ("bridge closed", "('bridge') & ('closed')"),
    ('"harbour bridge"', "('harbour':A <-> 'bridge':A) | ('harbour':B <-> 'bridge':B)"),
    ("harbour-bridge", None),  # not FTS5 syntax: read as plain words, see below
    ("title:bridge", "'bridge':A"),
    ("-title:bridge", "'bridge':B"),
    ("{title clean_text}:bridge", "'bridge'"),
    ("title:(bridge OR club)", "('bridge':A) | ('club':A)"),
    ("title:clean_text:x", None),
    ("bri*", "'bri':*"),
    ('"harbour bri" *', "('harbour':A <-> 'bri':*A) | ('harbour':B <-> 'bri':*B)"),
    ("a OR b c", "('a') | (('b') & ('c'))"),
    ("a NOT b c", "('a') & !(('b') & ('c'))"),
    ("a AND b NOT c", "('a') & (('b') & !('c'))"),
    ("one + two", "('one':A <-> 'two':A) | ('one':B <-> 'two':B)"),
    ("NEAR(a b, 1)", "('a':A <1> 'b':A) | ('b':A <1> 'a':A) | ('a':A <2> 'b':A) | ('b':A <2> 'a':A) | "
                     "('a':B <1> 'b':B) | ('b':B <1> 'a':B) | ('a':B <2> 'b':B) | ('b':B <2> 'a':B)"),
    ("^bridge", "'bridge'"),
    ('bridge "!!!"', "('bridge')"),
    ('"!!!"', None),
    ("title:(clean_text:x)", None),
    ("café", "'café'"),
])
def test_queries_become_tsqueries(query, tsquery):
    try:
        tree = parse(query)
    except QuerySyntaxError:
        assert tsquery is None or query == "harbour-bridge"
        return
    assert to_tsquery(tree) == tsquery


def test_unparsable_queries_fall_back_to_their_words():
    assert quoted_terms('football AND "unbalanced') == '"football" "unbalanced"'
    assert quoted_terms("AND OR") == ""
    assert to_tsquery(parse(quoted_terms("harbour-bridge"))) == \
        "('harbour':A <-> 'bridge':A) | ('harbour':B <-> 'bridge':B)"
    assert words("2026-03-04, Portmere's £3,000") == ["2026", "03", "04", "Portmere", "s", "£3", "000"]


def test_quote_columns_and_phrase_lists():
    assert to_tsquery(parse('"helen" "okafor"', QUOTE_COLUMNS), QUOTE_COLUMNS) == "('helen') & ('okafor')"
    assert to_tsquery(parse("speaker_name:okafor", QUOTE_COLUMNS), QUOTE_COLUMNS) == "'okafor':B"
    tree = parse('bridge "a b" NOT title:crack')
    assert phrase_tsqueries(tree) == ["'bridge'", "('a':A <-> 'b':A) | ('a':B <-> 'b':B)", "'crack':A"]
    assert highlight_tsquery(tree) == "('bridge') | ('a' <-> 'b')"  # what snippet() marks in the text


def test_headline_is_put_back_on_the_original_text():
    text = "Intro words. The harbour-bridge closed on 2026-03-04 after a crack."
    assert headline_snippet(text, "The harbour «bridge» closed on 2026 «03» 04") == \
        "…The harbour-«bridge» closed on 2026-«03»-04…"
    assert headline_snippet(text, "Intro words  The «harbour» bridge closed on 2026 03 04 after a crack") == \
        "Intro words. The «harbour»-bridge closed on 2026-03-04 after a crack."
    assert headline_snippet(text, None) == ""


def test_syntax_errors_are_the_ones_fts5_raises():
    """Random queries over FTS5's tokens: ours fails exactly where SQLite's MATCH does."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(title, clean_text)")
    atoms = ["bridge", "closed", "AND", "OR", "NOT", "NEAR", "(", ")", '"', '"a b"', "*", "+", "-", "^", ":", "title",
             "clean_text", "foo", "{", "}", ",", "5", "x", "é", ".", "'", "TITLE", '"title"', "_"]
    rnd = random.Random(8)
    for _ in range(3000):
        query = "".join(rnd.choice(atoms) + rnd.choice(["", " "]) for _ in range(rnd.randint(1, 6)))
        try:
            conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (query,)).fetchall()
            fts5 = True
        except sqlite3.OperationalError:
            fts5 = False
        try:
            parse(query)
            ours = True
        except QuerySyntaxError:
            ours = False
        assert ours == fts5, query
    conn.close()
