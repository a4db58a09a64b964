"""Publication dates as outlets write them: ISO 8601, RFC 822 (feeds), "March 6, 2024", "14/02/2025".

Numeric dates that could be either way round are read day first (03/04/2025 is 3 April). The day is
kept as written (no conversion to UTC); the time and zone, when given, are kept beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from dateutil import parser as dateparser

from ..records import RawDoc

__all__ = ["When", "note_date", "parse_date", "read_when"]

_MIN_YEAR = 1800
_MAX_AHEAD = timedelta(days=366)
_MAX_LENGTH = 100
_DATE_ONLY = re.compile(r"\d{4}-?\d{2}-?\d{2}")
_YEAR_FIRST = re.compile(r"\d{4}[-/.]\d{1,2}\b|\d{8}\b")
# Two defaults that differ in every field: a field dateutil filled in is one the text does not give.
_DEFAULTS = (datetime(2001, 1, 1, 0, 0, 0), datetime(2002, 2, 2, 1, 1, 1))
_ZONES = {"UTC": 0, "UT": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 1, "CET": 1, "MET": 1, "WEST": 1,
          "CEST": 2, "MEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11,
          "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7}


_MONTHS = [  # English, French, German, Spanish, Italian, Portuguese, Dutch
    "jan january janv janvier januar enero gennaio janeiro januari",
    "feb february fév févr février februar febrero febbraio fevereiro februari",
    "mar march mars märz mär marzo março maart",
    "apr april avr avril abril aprile",
    "may mai mayo maggio maio mei",
    "jun june juin juni junio giugno junho",
    "jul july juil juillet juli julio luglio julho",
    "aug august août agosto augustus",
    "sep sept september septembre septiembre settembre setembro",
    "oct october octobre oktober okt octubre ottobre outubro",
    "nov november novembre noviembre novembro",
    "dec december déc décembre dezember dez diciembre dicembre dezembro",
]
_WEEKDAYS = [
    "mon monday lundi montag lunes lunedì segunda maandag",
    "tue tuesday mardi dienstag martes martedì terça dinsdag",
    "wed wednesday mercredi mittwoch miércoles mercoledì quarta woensdag",
    "thu thursday jeudi donnerstag jueves giovedì quinta donderdag",
    "fri friday vendredi freitag viernes venerdì sexta vrijdag",
    "sat saturday samedi samstag sábado sabato zaterdag",
    "sun sunday dimanche sonntag domingo domenica zondag",
]


class _Names(dateparser.parserinfo):
    """Month and weekday names in the languages of Western European outlets; "le", "de", "del" skipped."""

    MONTHS = [tuple(names.split()) for names in _MONTHS]  # noqa: RUF012 (dateutil reads class attributes)
    WEEKDAYS = [tuple(names.split()) for names in _WEEKDAYS]  # noqa: RUF012
    JUMP = [*dateparser.parserinfo.JUMP, "le", "de", "del", "di", "du", "um", "à", "el"]  # noqa: RUF012


_PARSER = dateparser.parser(_Names())


@dataclass(frozen=True, slots=True)
class When:
    """A publication day as written, and the moment when the text gives a time (aware when it gives a zone)."""

    day: date
    moment: datetime | None = None


def read_when(value: object) -> When | None:
    """The day (and time) in ``value``: a string, a date or datetime, a struct_time or a Unix timestamp.

    None when it cannot be read or the year is absurd (before 1800, or over a year ahead).
    """
    if isinstance(value, datetime):
        when = When(value.date(), value)
    elif isinstance(value, date):
        when = When(value)
    elif hasattr(value, "tm_year"):
        when = _from_struct(value)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        when = _from_timestamp(float(value))
    elif isinstance(value, str):
        when = _from_text(value.strip())
    else:
        when = None
    return when if when is not None and _plausible(when.day) else None


def parse_date(value: object) -> date | None:
    """The day in ``value`` (see ``read_when``), or None."""
    when = read_when(value)
    return when.day if when else None


def note_date(doc: RawDoc, value: object) -> None:
    """Set ``doc.published`` and ``published_at`` from a date field; a field given but unreadable is a warning."""
    if value is None or value == "":
        return
    when = read_when(value)
    if when is None:
        shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
        doc.warnings.append(f"[W101] {doc.where}: unreadable date {shown}")
        return
    doc.published, doc.published_at = when.day, when.moment


def _plausible(day: date) -> bool:
    return day.year >= _MIN_YEAR and day <= date.today() + _MAX_AHEAD


def _from_struct(value: object) -> When | None:
    try:
        moment = datetime(*value[:6])  # type: ignore[index]
    except (TypeError, ValueError, IndexError):
        return None
    return When(moment.date(), moment)


def _from_timestamp(seconds: float) -> When | None:
    if abs(seconds) > 1e11:  # milliseconds
        seconds /= 1000
    try:
        moment = datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return When(moment.date(), moment)


def _from_text(text: str) -> When | None:
    if not text or len(text) > _MAX_LENGTH:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return _from_words(text)
    return When(moment.date(), None if _DATE_ONLY.fullmatch(text) else moment)


def _from_words(text: str) -> When | None:
    """Any other form dateutil reads; a text that leaves out the day, month or year is not a date."""
    year_first = bool(_YEAR_FIRST.match(text))
    try:
        first, second = (_PARSER.parse(text, default=default, dayfirst=not year_first, yearfirst=year_first,
                                       tzinfos=_zone) for default in _DEFAULTS)
    except (ValueError, OverflowError, TypeError):
        return None
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        return None
    return When(first.date(), first if first.hour == second.hour else None)


def _zone(name: str | None, offset: int | None) -> timezone | None:
    """A fixed zone for a named or numeric offset; None (a naive time) for a name not known."""
    if name and name.upper() in _ZONES:
        return timezone(timedelta(hours=_ZONES[name.upper()]))
    if offset is not None:
        return timezone(timedelta(seconds=offset))
    return None
