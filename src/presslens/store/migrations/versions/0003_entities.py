"""Entities (one row per canonical entity) and their mentions in articles.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _string(length: int) -> sa.types.TypeEngine:
    """Unbounded and bytewise-ordered on PostgreSQL (COLLATE "C"), as every SQLite text column is."""
    return sa.String(collation="C") if _postgresql() else sa.String(length)


def _text() -> sa.types.TypeEngine:
    return sa.Text(collation="C") if _postgresql() else sa.Text()


def upgrade() -> None:
    op.create_table(
        "entities",
        sa.Column("id", _string(200), primary_key=True),
        sa.Column("kind", _string(20), nullable=False),
        sa.Column("name", _text(), nullable=False),
        sa.Column("roles", _text(), nullable=False),
        sa.Column("forms", _text(), nullable=False),
    )
    op.create_index("ix_entities_kind", "entities", ["kind"])
    op.create_table(
        "mentions",
        sa.Column("pk", sa.BigInteger() if _postgresql() else sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("article_id", _string(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("entity_id", _string(200), sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", _text(), nullable=False),
        sa.Column("kind", _string(20), nullable=False),
        sa.Column("source", _string(40), nullable=False),
        sa.Column("evidence", _text()),
    )
    op.create_index("ix_mentions_article_id", "mentions", ["article_id"])
    op.create_index("ix_mentions_entity_id", "mentions", ["entity_id"])
    op.create_index("ix_quotes_speaker_entity_id", "quotes", ["speaker_entity_id"])


def downgrade() -> None:
    op.drop_index("ix_quotes_speaker_entity_id", "quotes")
    op.drop_table("mentions")
    op.drop_table("entities")
