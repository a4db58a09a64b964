"""The presslens error tree, with numbered messages.

Every error names the thing that failed (a file, and the line or record inside it)
so a user can find it: ``[E103] feeds/bbc.rss: not a feed: ...``.
"""

from __future__ import annotations

__all__ = ["NOT_FOUND_CODES", "BatchError", "CleanError", "CompareError", "ConfigError", "Errors", "IngestError",
           "PresslensError", "StoreError"]


class Errors:
    """Message templates, one block of codes per stage.

    E0xx config, E1xx ingest, E2xx clean, E3xx quotes, E5xx store, E6xx compare, E7xx batch.
    """

    E001 = "{variable}={value!r} is not a whole number"
    E002 = "no {stage} model for language {language!r} (available: {available})"
    E003 = "the {what} is missing from {path}: reinstall presslens"
    E004 = "{variable}={value!r} is not one of: {allowed}"
    E005 = "{variable}={value!r} is out of range: give a whole number from {low:,} to {high:,}"
    E006 = "cannot export {what!r}: choose one of {allowed}"
    E007 = "the {option} filter applies to {applies} only"
    E100 = "no such file or directory"
    E101 = "empty file"
    E102 = "binary content ({detail}), not a text document"
    E103 = "cannot decode the text: not UTF-8 and no other encoding fits"
    E104 = "invalid JSON: {detail}"
    E105 = "JSON record is not an object with a non-empty \"text\" (or \"content\"/\"body\") field"
    E106 = "no article text found in the HTML page"
    E107 = "not a valid RSS/Atom feed: {detail}"
    E108 = "feed entry has no text"
    E109 = "corrupt or truncated WARC: {detail}"
    E110 = "document too large: {size:,} bytes (limit {limit:,}; set PRESSLENS_MAX_DOCUMENT_BYTES)"
    E111 = "unreadable: {detail}"
    E112 = "invalid field {field!r}: {detail}"
    E113 = "took longer than {seconds} s in one step (set PRESSLENS_DOCUMENT_TIMEOUT)"
    E114 = "failed in the {step} step ({kind}: {detail}); the other documents go on"
    E115 = "too long to analyse: {chars:,} characters (limit {limit:,}; set PRESSLENS_MAX_ANALYSED_CHARS)"
    E116 = "cannot fetch: {detail}"
    E117 = "the server answered HTTP {status} {reason}"
    E118 = "the response is larger than {limit:,} bytes (set PRESSLENS_MAX_DOCUMENT_BYTES)"
    E201 = "nothing left after cleaning: the document holds no article prose"
    E301 = "invalid quote record: {detail}"
    E501 = "cannot open the database {url}: {detail}"
    E502 = "no article matches {key!r}"
    E503 = "article id prefix {key!r} is ambiguous: {count} articles match"
    E504 = "no entity matches {key!r}"
    E505 = "no story matches {key!r} (give a story id, an id prefix of 4+ characters, or an article id)"
    E506 = "no presslens store at {url}: check --db (or PRESSLENS_DB), or create one with `presslens ingest`"
    E507 = "the store {url} has schema revision {revision!r}, newer than this presslens knows ({head}): upgrade it"
    E508 = "the store {url} is read-only: {detail}"
    E509 = "{url} keeps nothing once the command ends: give a file path or a database server URL to write to"
    E510 = "cannot write to the store {url}: {detail}"
    E511 = "the store refused the record: {detail}"
    E512 = "no thread matches {key!r} (give a thread id, an id prefix of 4+ characters, or a story id)"
    E513 = "{key!r} is not a quote id (ARTICLE_ID-POSITION)"
    E514 = "no quote matches {key!r} (give a quote id, ARTICLE_ID-POSITION, as quote listings show)"
    E601 = "invalid pair record: {detail}"
    E701 = "not a presslens batch output: {detail}"
    E702 = "the Spark job failed: {detail}"


# Errors that say a record asked for is not there (404 over HTTP, exit status 4 on the command line).
NOT_FOUND_CODES = frozenset({"E502", "E504", "E505", "E512", "E514"})


class PresslensError(Exception):
    """Base of every error presslens raises on purpose."""

    def __init__(self, code: str, *, source: str = "", locator: str = "", **fields: object) -> None:
        self.code = code
        self.source = source
        self.locator = locator
        self.reason = getattr(Errors, code).format(**fields)
        super().__init__(str(self))

    def at(self, source: str, locator: str = "") -> PresslensError:
        """The same error, placed at another file and record."""
        moved = type(self).__new__(type(self))  # not copy.copy: it would call __init__ with the message as the code
        moved.__dict__.update(self.__dict__)
        moved.source, moved.locator = source, locator
        moved.args = (str(moved),)
        return moved

    def __reduce__(self):
        """Pickle by state (a Spark executor or worker process sends errors back whole)."""
        return _rebuild, (type(self), self.__dict__)

    def __str__(self) -> str:
        where = ":".join(p for p in (self.source, self.locator) if p)
        return f"[{self.code}] {where}: {self.reason}" if where else f"[{self.code}] {self.reason}"


def _rebuild(kind: type[PresslensError], state: dict) -> PresslensError:
    error = kind.__new__(kind)
    error.__dict__.update(state)
    error.args = (str(error),)
    return error


class BatchError(PresslensError):
    """A batch job that could not run, or an output folder that cannot be loaded."""


class ConfigError(PresslensError):
    """A setting or command-line option that cannot be used."""


class IngestError(PresslensError):
    """A document that could not be read."""


class CleanError(PresslensError):
    """A document that could not be cleaned."""


class StoreError(PresslensError):
    """A database that cannot be opened or a record that is not there."""


class CompareError(PresslensError):
    """A comparison input (a quote pair, a labelled set) that cannot be used."""
