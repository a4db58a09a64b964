"""Outlets given by the input are never rewritten; publication times kept with their zone.

``articles.outlet_learned`` marks an outlet filled in from what the store learned of the article's web
host (the article itself named none), so that it can be taken back when the host turns out to carry
several outlets; ``outlets.name`` is then NULL (a shared host). ``articles.published_at`` is the
publication moment as the document gives it, ISO 8601 with its zone when it has one.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

from presslens.store import column_types as col

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN: a batch (copy and rename) of ``articles`` would drop its full-text triggers on SQLite
    op.add_column("articles", sa.Column("outlet_learned", sa.Boolean, nullable=False, server_default=sa.false()))
    op.add_column("articles", sa.Column("published_at", col.string(40), nullable=True))
    with op.batch_alter_table("outlets") as table:
        table.alter_column("name", existing_type=col.string(200), nullable=True)
    # Before this revision every article of a host was renamed to the host's latest outlet: articles whose
    # outlet is the host's learned name cannot be told apart from those that named it, so they stay.


def downgrade() -> None:
    with op.batch_alter_table("outlets") as table:
        table.alter_column("name", existing_type=col.string(200), nullable=False)
    op.drop_column("articles", "published_at")
    op.drop_column("articles", "outlet_learned")
