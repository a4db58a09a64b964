"""Articles and outlets, with full-text search (FTS5 on SQLite).

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_FTS_SQLITE = [
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, clean_text, content='articles',"
    " content_rowid='pk', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
    " INSERT INTO articles_fts(rowid, title, clean_text) VALUES (new.pk, new.title, new.clean_text);"
    " END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
    " INSERT INTO articles_fts(articles_fts, rowid, title, clean_text)"
    " VALUES ('delete', old.pk, old.title, old.clean_text); END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, clean_text ON articles BEGIN"
    " INSERT INTO articles_fts(articles_fts, rowid, title, clean_text)"
    " VALUES ('delete', old.pk, old.title, old.clean_text);"
    " INSERT INTO articles_fts(rowid, title, clean_text) VALUES (new.pk, new.title, new.clean_text);"
    " END",
]


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(32), nullable=False, unique=True),
        sa.Column("outlet", sa.String(200)),
        sa.Column("outlet_domain", sa.String(200)),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("language", sa.String(16)),
        sa.Column("fmt", sa.String(16), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("raw_text", sa.Text, nullable=False),
        sa.Column("clean_text", sa.Text, nullable=False),
        sa.Column("offset_map", sa.Text, nullable=False),
        sa.Column("removed", sa.Text, nullable=False),
        sa.Column("word_count", sa.Integer, nullable=False),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
    )
    for column in ("outlet", "outlet_domain", "published", "language"):
        op.create_index(f"ix_articles_{column}", "articles", [column])
    op.create_table(
        "outlets",
        sa.Column("domain", sa.String(200), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        for statement in _FTS_SQLITE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("articles_fts_update", "articles_fts_delete", "articles_fts_insert"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    op.drop_table("outlets")
    op.drop_table("articles")
