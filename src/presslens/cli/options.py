"""Options several commands share, so they read and behave the same everywhere."""

from __future__ import annotations

from datetime import date, datetime

import click

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
outlet_option = click.option("--outlet", help="Only this outlet (any case).")
since_option = click.option("--since", type=click.DateTime(["%Y-%m-%d"]), callback=lambda _c, _p, v: day(v),
                            help="Published on or after this day (YYYY-MM-DD).")
until_option = click.option("--until", type=click.DateTime(["%Y-%m-%d"]), callback=lambda _c, _p, v: day(v),
                            help="Published on or before this day (YYYY-MM-DD).")


def day(value: datetime | None) -> date | None:
    """The day of a ``click.DateTime`` value."""
    return value.date() if value else None


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``1 article``, ``2 articles`` (``nouns`` for an irregular plural)."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def heading(shown: int, total: int, noun: str, nouns: str | None = None) -> str:
    """A listing's title: ``3 articles`` when all are shown, else ``showing 2 of 10 articles``."""
    if shown == total:
        return plural(total, noun, nouns)
    return f"showing {shown:,} of {plural(total, noun, nouns)}"
