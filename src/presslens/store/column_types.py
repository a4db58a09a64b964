"""Column types for the migrations, one definition for both dialects.

On PostgreSQL text is unbounded and ordered bytewise (COLLATE "C"), as every SQLite text
column is, and surrogate keys are 64-bit. Migrations are history: change these only in a way
that leaves an upgraded database as it was.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


def postgresql() -> bool:
    """Whether the migration runs against PostgreSQL."""
    return op.get_bind().dialect.name == "postgresql"


def string(length: int) -> sa.types.TypeEngine:
    return sa.String(collation="C") if postgresql() else sa.String(length)


def text() -> sa.types.TypeEngine:
    return sa.Text(collation="C") if postgresql() else sa.Text()


def key() -> sa.types.TypeEngine:
    return sa.BigInteger() if postgresql() else sa.Integer()
