"""Full-text queries on both backends: SQLite FTS5 syntax, run as FTS5 or as a PostgreSQL ``tsquery``.

Users (and the README) write FTS5 queries: words (all must match), ``"phrases"``, ``OR``, ``NOT``,
``AND``, parentheses, ``title:word`` column filters, ``word*`` prefixes, ``NEAR(a b)``. SQLite runs
them as they are. For PostgreSQL, :func:`parse` reads the same syntax into a small tree (raising
:class:`QuerySyntaxError` where FTS5 raises a syntax error, so both backends fall back to the plain
words of the query in the same cases) and :func:`to_tsquery` writes it for ``to_tsquery('presslens', ...)``.

Tokens match on both because PostgreSQL indexes ``translate(text, PUNCTUATION, spaces)`` with the
``presslens`` text search configuration (``simple`` plus ``unaccent``): words are runs of letters and
digits, as FTS5's ``unicode61`` tokenizer cuts them (``2026-03-04`` holds ``03``; ``harbour-bridge``
holds ``bridge``). A column is a weight: title ``A``, clean text ``B`` (quotes: content ``A``,
speaker ``B``), so ``title:word`` is ``'word':A``, and a phrase never runs from one column into the
next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ARTICLE_COLUMNS", "PUNCTUATION", "QUOTE_COLUMNS", "QuerySyntaxError", "headline_snippet",
           "highlight_tsquery", "parse", "phrase_tsqueries", "plain_words", "quoted_terms", "to_tsquery", "words"]

# Every printable ASCII character that is neither a letter nor a digit. The migrations index
# translate(column, PUNCTUATION, <as many spaces>) on PostgreSQL; queries cut words the same way.
PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_SPACES = str.maketrans(PUNCTUATION, " " * len(PUNCTUATION))

ARTICLE_COLUMNS = {"title": "A", "clean_text": "B"}
QUOTE_COLUMNS = {"content_text": "A", "speaker_name": "B"}

FTS_OPERATORS = {"AND", "OR", "NOT", "NEAR"}

SNIPPET_OPEN, SNIPPET_CLOSE, ELLIPSIS = "«", "»", "…"


class QuerySyntaxError(ValueError):
    """The query is not valid FTS5 syntax (SQLite would raise an OperationalError)."""


def words(text: str) -> list[str]:
    """``text`` cut into the words both backends index (ASCII punctuation separates words)."""
    return text.translate(_SPACES).split()


def quoted_terms(query: str) -> str:
    """A query FTS5 cannot parse, as a plain AND of its words (each a quoted phrase)."""
    return " ".join(f'"{w}"' for w in plain_words(query))


def plain_words(query: str) -> list[str]:
    """The whitespace-separated words of ``query`` without operators and double quotes."""
    return [w for w in (w.replace('"', "") for w in query.split() if w not in FTS_OPERATORS) if w]


# --- the tree ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Phrase:
    text: str
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class And:
    items: tuple


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple


@dataclass(frozen=True, slots=True)
class Not:
    left: object
    right: object


@dataclass(frozen=True, slots=True)
class Near:
    """``NEAR(p1 p2 ..., distance)``: the phrases at most ``distance`` words apart, in one column."""

    phrases: tuple
    distance: int = 10


@dataclass(frozen=True, slots=True)
class Columns:
    """A column filter: ``names`` (lowercase) kept, or every other column with ``exclude``."""

    names: frozenset
    exclude: bool
    child: object


# --- reading FTS5 syntax -----------------------------------------------------------------------

_SPECIAL = {"(": "LP", ")": "RP", "{": "LCP", "}": "RCP", ":": "COLON", ",": "COMMA", "+": "PLUS", "*": "STAR",
            "-": "MINUS", "^": "CARET"}
_WHITESPACE = " \t\n\r\x0b\x0c"


def _bareword(char: str) -> bool:
    return ord(char) >= 0x80 or (char.isascii() and (char.isalnum() or char in "_\x1a"))


def _tokens(query: str) -> list[tuple[str, str]]:
    """FTS5's query tokens: (kind, text); kind is a special, STRING (bareword) or QUOTED."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(query):
        char = query[i]
        if char in _WHITESPACE:
            i += 1
        elif char in _SPECIAL:
            out.append((_SPECIAL[char], char))
            i += 1
        elif char == '"':
            text, i = [], i + 1
            while True:
                if i >= len(query):
                    raise QuerySyntaxError("unterminated string")
                if query[i] == '"':
                    if query[i + 1:i + 2] == '"':
                        text.append('"')
                        i += 2
                        continue
                    i += 1
                    break
                text.append(query[i])
                i += 1
            out.append(("QUOTED", "".join(text)))
        elif _bareword(char):
            start = i
            while i < len(query) and _bareword(query[i]):
                i += 1
            word = query[start:i]
            out.append((word if word in ("AND", "OR", "NOT") else "STRING", word))
        else:
            raise QuerySyntaxError(f"syntax error near {char!r}")
    return out


class _Parser:
    """Recursive descent over FTS5's grammar (fts5parse.y): NOT binds tighter than AND, AND than OR;
    juxtaposed phrases are an implicit AND tighter than all three; a parenthesised group stands alone."""

    def __init__(self, query: str, columns: dict[str, str]) -> None:
        self.tokens = _tokens(query)
        self.i = 0
        self.columns = columns

    def peek(self, ahead: int = 0) -> str | None:
        index = self.i + ahead
        return self.tokens[index][0] if index < len(self.tokens) else None

    def take(self, kind: str) -> str:
        if self.peek() != kind:
            raise QuerySyntaxError(f"syntax error: expected {kind}")
        text = self.tokens[self.i][1]
        self.i += 1
        return text

    def parse(self):
        tree = self.expr()
        if self.i != len(self.tokens):
            raise QuerySyntaxError("syntax error near " + repr(self.tokens[self.i][1]))
        return tree

    def expr(self):
        return self._left_chain("OR", self.and_expr, lambda left, right: Or((left, right)))

    def and_expr(self):
        return self._left_chain("AND", self.not_expr, lambda left, right: And((left, right)))

    def not_expr(self):
        return self._left_chain("NOT", self.group, Not)

    def _left_chain(self, operator: str, operand, combine):
        """``operand (operator operand)*``, grouped from the left."""
        left = operand()
        while self.peek() == operator:
            self.i += 1
            left = combine(left, operand())
        return left

    def _parenthesised(self):
        self.take("LP")
        inner = self.expr()
        self.take("RP")
        return inner

    def group(self):
        if self.peek() == "LP":
            return self._parenthesised()
        if self._colset_ahead():
            start = self.i
            columns = self.colset()
            self.take("COLON")
            if self.peek() == "LP":
                return Columns(*columns, self._parenthesised())
            self.i = start
        items = [self.cnearset()]
        while self.peek() in ("STRING", "QUOTED", "CARET", "LCP", "MINUS"):
            items.append(self.cnearset())
        return items[0] if len(items) == 1 else And(tuple(items))

    def _colset_ahead(self) -> bool:
        kind = self.peek()
        if kind in ("LCP", "MINUS"):
            return True
        return kind in ("STRING", "QUOTED") and self.peek(1) == "COLON"

    def cnearset(self):
        if self._colset_ahead():
            columns = self.colset()
            self.take("COLON")
            if self.peek() == "LP":
                raise QuerySyntaxError("syntax error: a parenthesised group cannot follow other terms")
            return Columns(*columns, self.nearset())
        return self.nearset()

    def colset(self) -> tuple[frozenset, bool]:
        exclude = self.peek() == "MINUS"
        if exclude:
            self.i += 1
        if self.peek() == "LCP":
            self.i += 1
            names = []
            while self.peek() in ("STRING", "QUOTED"):
                names.append(self.tokens[self.i][1])
                self.i += 1
            self.take("RCP")
            if not names:
                raise QuerySyntaxError("syntax error near '}'")
        elif self.peek() in ("STRING", "QUOTED"):
            names = [self.tokens[self.i][1]]
            self.i += 1
        else:
            raise QuerySyntaxError("syntax error: expected a column name")
        for name in names:
            if name.lower() not in self.columns:
                raise QuerySyntaxError(f"no such column: {name}")
        return frozenset(n.lower() for n in names), exclude

    def nearset(self):
        if self.peek() == "CARET":
            self.i += 1  # "first token of the column": matched as a plain phrase (a superset)
            return self.phrase()
        if self.peek() == "STRING" and self.peek(1) == "LP":
            if self.tokens[self.i][1] != "NEAR":
                raise QuerySyntaxError("syntax error near " + repr(self.tokens[self.i][1]))
            self.i += 2
            phrases, distance = [self.phrase()], "10"
            while self.peek() in ("STRING", "QUOTED"):
                phrases.append(self.phrase())
            if self.peek() == "COMMA":
                self.i += 1
                distance = self.take("STRING")
                if not distance.isdigit():
                    raise QuerySyntaxError(f"expected integer, got {distance!r}")
            self.take("RP")
            return phrases[0] if len(phrases) == 1 else Near(tuple(phrases), int(distance))
        return self.phrase()

    def phrase(self):
        if self.peek() not in ("STRING", "QUOTED"):
            raise QuerySyntaxError("syntax error: expected a word or a quoted phrase")
        parts = [self._phrase_part()]
        while self.peek() == "PLUS":
            self.i += 1
            if self.peek() not in ("STRING", "QUOTED"):
                raise QuerySyntaxError("syntax error near '+'")
            parts.append(self._phrase_part())
        text = " ".join(t for t, _ in parts)
        return Phrase(text, parts[-1][1])

    def _phrase_part(self) -> tuple[str, bool]:
        text = self.tokens[self.i][1]
        self.i += 1
        star = self.peek() == "STAR"
        if star:
            self.i += 1
        return text, star


def parse(query: str, columns: dict[str, str] = ARTICLE_COLUMNS):
    """The FTS5 query as a tree; :class:`QuerySyntaxError` where FTS5 would raise a syntax error."""
    return _Parser(query, columns).parse()


# --- writing a tsquery -------------------------------------------------------------------------

_EMPTY = object()   # a phrase with no words: dropped beside others, matches nothing alone (as in FTS5)
_NEVER = object()   # restricted to no column: matches nothing


def to_tsquery(tree, columns: dict[str, str] = ARTICLE_COLUMNS) -> str | None:
    """Text for ``to_tsquery('presslens', ...)``, or None when the query can match nothing."""
    out = _compile(tree, frozenset(columns.values()), columns)
    return None if out is _EMPTY or out is _NEVER else out


def _compile(node, weights: frozenset, columns: dict[str, str]):
    if isinstance(node, Phrase):
        return _phrase(node, weights, frozenset(columns.values()))
    if isinstance(node, Columns):
        named = frozenset(columns[name] for name in node.names)
        kept = weights - named if node.exclude else weights & named
        return _compile(node.child, kept, columns) if kept else _NEVER
    if isinstance(node, Near):
        return _near(node, weights, columns)
    if isinstance(node, And):
        parts = [_compile(item, weights, columns) for item in node.items]
        if any(p is _NEVER for p in parts):
            return _NEVER
        parts = [p for p in parts if p is not _EMPTY]
        return " & ".join(f"({p})" for p in parts) if parts else _EMPTY
    if isinstance(node, Or):
        parts = [_compile(item, weights, columns) for item in node.items]
        kept = [p for p in parts if p is not _EMPTY and p is not _NEVER]
        if kept:
            return " | ".join(f"({p})" for p in kept)
        return _EMPTY if any(p is _EMPTY for p in parts) else _NEVER
    if isinstance(node, Not):
        left, right = _compile(node.left, weights, columns), _compile(node.right, weights, columns)
        if left is _EMPTY or left is _NEVER:
            return left
        if right is _EMPTY or right is _NEVER:
            return left
        return f"({left}) & !({right})"
    raise TypeError(f"not a query node: {node!r}")


def _near(node: Near, weights: frozenset, columns: dict[str, str]):
    """Two one-word phrases: exactly FTS5's NEAR (``a <k> b`` or ``b <k> a`` for k up to distance + 1, in
    one column). Longer phrases or more of them: all phrases anywhere (a superset of FTS5's matches)."""
    found = [words(p.text) for p in node.phrases]
    if len(found) != 2 or any(len(f) != 1 for f in found) or node.distance > 50:
        return _compile(And(node.phrases), weights, columns)
    (a,), (b,) = found
    marks = ["*" if p.prefix else "" for p in node.phrases]
    alternatives = []
    for weight in sorted(weights):
        left, right = f"'{a}':{marks[0]}{weight}", f"'{b}':{marks[1]}{weight}"
        for k in range(1, node.distance + 2):
            alternatives += [f"{left} <{k}> {right}", f"{right} <{k}> {left}"]
    return " | ".join(f"({alt})" for alt in alternatives)


def _phrase(node: Phrase, weights: frozenset, every: frozenset, split: bool = True):
    found = words(node.text)
    if not found:
        return _EMPTY

    def one(weight: str) -> str:
        lexemes = [f"'{w}'" for w in found]
        marks = [("*" if node.prefix and i == len(found) - 1 else "") + weight for i in range(len(found))]
        return " <-> ".join(f"{lexeme}:{mark}" if mark else lexeme for lexeme, mark in zip(lexemes, marks,
                                                                                              strict=True))

    if weights == every and (len(found) == 1 or not split):
        return one("")
    if len(found) == 1:
        return one("".join(sorted(weights)))
    return " | ".join(f"({one(w)})" for w in sorted(weights))  # one column at a time: no phrase across two


def phrase_tsqueries(tree, columns: dict[str, str] = ARTICLE_COLUMNS) -> list[str]:
    """Each phrase of the query, left to right (NOT and NEAR ones too), as ``to_tsquery`` text limited to
    the columns it may match in: what FTS5's bm25() sums over. Phrases that can match nothing are left out."""
    every, out = frozenset(columns.values()), []

    def walk(node, weights: frozenset) -> None:
        if isinstance(node, Phrase):
            compiled = _phrase(node, weights, every) if weights else _NEVER
            if compiled is not _EMPTY and compiled is not _NEVER:
                out.append(compiled)
        elif isinstance(node, Columns):
            named = frozenset(columns[name] for name in node.names)
            walk(node.child, weights - named if node.exclude else weights & named)
        elif isinstance(node, And | Or):
            for item in node.items:
                walk(item, weights)
        elif isinstance(node, Near):
            for item in node.phrases:
                walk(item, weights)
        elif isinstance(node, Not):
            walk(node.left, weights)
            walk(node.right, weights)

    walk(tree, every)
    return out


def highlight_tsquery(tree, columns: dict[str, str] = ARTICLE_COLUMNS, column: str = "clean_text") -> str:
    """Text for the ``to_tsquery`` that ``ts_headline`` marks in ``column``: every phrase of the query
    that can match there, outside NOT (as FTS5's snippet() marks the phrases that matched in a column)."""
    weight, phrases = columns[column], []

    def walk(node, weights: frozenset) -> None:
        if isinstance(node, Phrase):
            if weight in weights and words(node.text):
                every = frozenset(columns.values())
                phrases.append(_phrase(node, every, every, split=False))
        elif isinstance(node, Columns):
            named = frozenset(columns[name] for name in node.names)
            walk(node.child, weights - named if node.exclude else weights & named)
        elif isinstance(node, And | Or):
            for item in node.items:
                walk(item, weights)
        elif isinstance(node, Near):
            for item in node.phrases:
                walk(item, weights)
        elif isinstance(node, Not):
            walk(node.left, weights)

    walk(tree, frozenset(columns.values()))
    return " | ".join(f"({p})" for p in dict.fromkeys(phrases))


# --- snippets ----------------------------------------------------------------------------------

def headline_snippet(clean_text: str, headline: str | None) -> str:
    """A ``ts_headline`` of the punctuation-free text, put back onto ``clean_text`` as FTS5 prints it:
    matched words in « », and … where the text goes on before or after."""
    if headline is None:
        return ""
    plain = headline.replace(SNIPPET_OPEN, "").replace(SNIPPET_CLOSE, "")
    start = clean_text.translate(_SPACES).find(plain)
    if start < 0 or not plain:
        return headline
    out, position = [], start
    for piece in re.split(f"([{SNIPPET_OPEN}{SNIPPET_CLOSE}])", headline):
        if piece in (SNIPPET_OPEN, SNIPPET_CLOSE):
            out.append(piece)
        else:
            out.append(clean_text[position:position + len(piece)])
            position += len(piece)
    before, after = clean_text[:start], clean_text[position:]
    prefix = ELLIPSIS if words(before) else before.lstrip()  # the text's first word: from the start
    suffix = ELLIPSIS if words(after) else after.rstrip()  # its last word: to the end, stop included
    return prefix + "".join(out) + suffix
