"""Feeds that ``presslens watch`` follows: per-feed state that survives restarts, and an index on article URLs
(feed entries already stored are not fetched again).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

from presslens.store import column_types as col

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("url", col.text(), primary_key=True),
        sa.Column("etag", col.text()),
        sa.Column("last_modified", col.text()),
        sa.Column("last_polled_at", sa.DateTime),
        sa.Column("last_ok_at", sa.DateTime),
        sa.Column("next_poll_at", sa.DateTime),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", col.text()),
        sa.Column("articles_added", sa.Integer, nullable=False, server_default="0"),
    )
    if col.postgresql():  # URLs can pass a btree entry's size limit: equality is all that is asked
        op.execute("CREATE INDEX ix_articles_url ON articles USING hash (url)")
    else:
        op.create_index("ix_articles_url", "articles", ["url"])


def downgrade() -> None:
    op.drop_index("ix_articles_url", table_name="articles")
    op.drop_table("feeds")
