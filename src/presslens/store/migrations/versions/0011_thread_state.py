"""Thread state: the thread layer's saved stream, so that an update streams only the stories that can still
change instead of every stored story.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

from presslens.store import column_types as col

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "thread_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("fingerprint", col.string(200), nullable=False),
        sa.Column("story_day", sa.Date, nullable=False),
        sa.Column("since", sa.Date, nullable=False),
        sa.Column("open_threads", col.text(), nullable=False),
        sa.Column("state", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("thread_state")
