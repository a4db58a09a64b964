"""Entities (one row per canonical entity) and their mentions in articles.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

from presslens.store import column_types as col

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None





def upgrade() -> None:
    op.create_table(
        "entities",
        sa.Column("id", col.string(200), primary_key=True),
        sa.Column("kind", col.string(20), nullable=False),
        sa.Column("name", col.text(), nullable=False),
        sa.Column("roles", col.text(), nullable=False),
        sa.Column("forms", col.text(), nullable=False),
    )
    op.create_index("ix_entities_kind", "entities", ["kind"])
    op.create_table(
        "mentions",
        sa.Column("pk", col.key(), primary_key=True, autoincrement=True),
        sa.Column("article_id", col.string(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("entity_id", col.string(200), sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", col.text(), nullable=False),
        sa.Column("kind", col.string(20), nullable=False),
        sa.Column("source", col.string(40), nullable=False),
        sa.Column("evidence", col.text()),
    )
    op.create_index("ix_mentions_article_id", "mentions", ["article_id"])
    op.create_index("ix_mentions_entity_id", "mentions", ["entity_id"])
    op.create_index("ix_quotes_speaker_entity_id", "quotes", ["speaker_entity_id"])


def downgrade() -> None:
    op.drop_index("ix_quotes_speaker_entity_id", "quotes")
    op.drop_table("mentions")
    op.drop_table("entities")
