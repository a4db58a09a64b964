"""Stories: each article's story and near-duplicate link, story summaries, and cached article embeddings.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

from presslens.store import column_types as col

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None





def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", col.string(32), primary_key=True),
        sa.Column("title", col.text(), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("outlets", col.text(), nullable=False),
        sa.Column("first_seen", sa.Date),
        sa.Column("last_seen", sa.Date),
    )
    op.create_index("ix_stories_last_seen", "stories", ["last_seen"])
    op.create_table(
        "story_links",
        sa.Column("article_id", col.string(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("story_id", col.string(32), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("probability", sa.Float),
        sa.Column("duplicate_of", col.string(32)),
        sa.Column("containment", sa.Float),
    )
    op.create_index("ix_story_links_story_id", "story_links", ["story_id"])
    op.create_table(
        "article_vectors",
        sa.Column("article_id", col.string(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("model", col.string(60), nullable=False),
        sa.Column("vector", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("article_vectors")
    op.drop_table("story_links")
    op.drop_table("stories")
