"""Threads: running storylines above the stories, and each story's thread.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

from presslens.store import column_types as col

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "threads",
        sa.Column("id", col.string(32), primary_key=True),
        sa.Column("title", col.text(), nullable=False),
        sa.Column("stories", sa.Integer, nullable=False),
        sa.Column("articles", sa.Integer, nullable=False),
        sa.Column("outlets", col.text(), nullable=False),
        sa.Column("first_seen", sa.Date, index=True),
        sa.Column("last_seen", sa.Date, index=True),
    )
    op.create_table(
        "story_threads",
        sa.Column("story_id", col.string(32), primary_key=True),
        sa.Column("thread_id", col.string(32), nullable=False, index=True),
        sa.Column("position", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("story_threads")
    op.drop_table("threads")
