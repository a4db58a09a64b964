"""Story state: the stories stage's saved stream, so that an ingest replays only the last window.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

from presslens.store import column_types as col

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("fingerprint", col.string(200), nullable=False),
        sa.Column("before", sa.Date, nullable=False),
        sa.Column("articles", sa.Integer, nullable=False),
        sa.Column("state", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("story_state")
