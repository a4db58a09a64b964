"""Quote tracing: the index keys (LSH bands, word triples) of each quote's words said
(``presslens.compare.trace``), filled in for the quotes already stored.

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
        sa.Column("key", sa.BigInteger, primary_key=True),
        sa.Column("quote_pk", col.key(), sa.ForeignKey("quotes.pk", ondelete="CASCADE"), primary_key=True),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_quote_bands_quote_pk", "quote_bands", ["quote_pk"])
    _index_stored_quotes()


def _index_stored_quotes() -> None:
    """Index keys for every quote stored before this revision, a batch at a time."""
    from presslens.compare.trace import band_keys

    bind = op.get_bind()
    quotes = sa.table("quotes", sa.column("pk"), sa.column("article_id"), sa.column("content_text"))
    articles = sa.table("articles", sa.column("id"), sa.column("language"))
    bands = sa.table("quote_bands", sa.column("key"), sa.column("quote_pk"))
    query = (sa.select(quotes.c.pk, quotes.c.content_text, articles.c.language)
             .join(articles, articles.c.id == quotes.c.article_id).order_by(quotes.c.pk))
    rows = []
    for pk, text, language in bind.execute(query).all():
        rows += [{"key": key, "quote_pk": pk} for key in band_keys(text or "", language or None)]
        if len(rows) >= BATCH:
            bind.execute(bands.insert(), rows)
            rows = []
    if rows:
        bind.execute(bands.insert(), rows)


def downgrade() -> None:
    op.drop_index("ix_quote_bands_quote_pk", table_name="quote_bands")
    op.drop_table("quote_bands")
