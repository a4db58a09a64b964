"""Quote tracing: the LSH band keys of each quote's words said (``presslens.compare.trace``), filled in for the
quotes already stored.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

from presslens.store import column_types as col

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

BATCH = 2_000


def upgrade() -> None:
    op.create_table(
        "quote_bands",
        sa.Column("band_key", col.string(18), primary_key=True),
        sa.Column("article_id", col.string(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
    )
    op.create_index("ix_quote_bands_article_id", "quote_bands", ["article_id"])
    _index_stored_quotes()


def _index_stored_quotes() -> None:
    """Band keys for every quote stored before this revision, a batch at a time."""
    from presslens.compare.trace import band_keys

    bind = op.get_bind()
    quotes = sa.table("quotes", sa.column("article_id"), sa.column("position"), sa.column("content_text"))
    articles = sa.table("articles", sa.column("id"), sa.column("language"))
    bands = sa.table("quote_bands", sa.column("band_key"), sa.column("article_id"), sa.column("position"))
    query = (sa.select(quotes.c.article_id, quotes.c.position, quotes.c.content_text, articles.c.language)
             .join(articles, articles.c.id == quotes.c.article_id).order_by(quotes.c.article_id, quotes.c.position))
    rows = []
    for article_id, position, text, language in bind.execute(query):
        rows += [{"band_key": key, "article_id": article_id, "position": position}
                 for key in band_keys(text or "", language or None)]
        if len(rows) >= BATCH:
            bind.execute(bands.insert(), rows)
            rows = []
    if rows:
        bind.execute(bands.insert(), rows)


def downgrade() -> None:
    op.drop_index("ix_quote_bands_article_id", table_name="quote_bands")
    op.drop_table("quote_bands")
