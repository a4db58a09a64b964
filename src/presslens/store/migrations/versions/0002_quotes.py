"""Quotes: one row per attribution, spans into the article's original text.

Full-text search over the content and the speaker's name: FTS5 on SQLite; on PostgreSQL a stored
generated ``search`` tsvector (content weight A, speaker B) with a GIN index, built as in 0001.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

from presslens.store import column_types as col

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_FTS_SQLITE = [
    "CREATE VIRTUAL TABLE quotes_fts USING fts5(content_text, speaker_name, content='quotes',"
    " content_rowid='pk', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN"
    " INSERT INTO quotes_fts(rowid, content_text, speaker_name)"
    " VALUES (new.pk, new.content_text, new.speaker_name); END",
    "CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN"
    " INSERT INTO quotes_fts(quotes_fts, rowid, content_text, speaker_name)"
    " VALUES ('delete', old.pk, old.content_text, old.speaker_name); END",
]


# ASCII punctuation -> spaces before indexing, as in 0001.
PG_WORDS = "translate({column}, '!\"#$%&''()*+,-./:;<=>?@[\\]^_`{{|}}~', '" + " " * 32 + "')"
_QUOTES_SEARCH = (
    "setweight(to_tsvector('presslens'::regconfig, " + PG_WORDS.format(column="content_text") + "), 'A')"
    " || setweight(to_tsvector('presslens'::regconfig, " + PG_WORDS.format(column="coalesce(speaker_name, '')")
    + "), 'B')"
)





def _span_columns(prefix: str, nullable: bool) -> list[sa.Column]:
    return [
        sa.Column(f"{prefix}_start", sa.Integer, nullable=nullable),
        sa.Column(f"{prefix}_end", sa.Integer, nullable=nullable),
        sa.Column(f"{prefix}_text", col.text(), nullable=nullable),
    ]


def upgrade() -> None:
    op.create_table(
        "quotes",
        sa.Column("pk", col.key(), primary_key=True, autoincrement=True),
        sa.Column("article_id", col.string(32), sa.ForeignKey("articles.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("kind", col.string(16), nullable=False),
        *_span_columns("content", False),
        *_span_columns("speaker", True),
        *_span_columns("cue", True),
        sa.Column("speaker_name", col.text()),
        sa.Column("speaker_role", col.text()),
        sa.Column("speaker_entity_id", col.string(200)),
        sa.Column("channel", col.string(40)),
        sa.Column("method", col.string(40), nullable=False),
        sa.UniqueConstraint("article_id", "position", name="uq_quotes_article_position"),
    )
    for column in ("article_id", "speaker_name", "kind"):
        op.create_index(f"ix_quotes_{column}", "quotes", [column])
    if op.get_bind().dialect.name == "sqlite":
        for statement in _FTS_SQLITE:
            op.execute(statement)
    elif col.postgresql():
        op.execute(f"ALTER TABLE quotes ADD COLUMN search tsvector GENERATED ALWAYS AS ({_QUOTES_SEARCH}) STORED")
        op.execute("CREATE INDEX ix_quotes_search ON quotes USING gin (search)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("quotes_fts_delete", "quotes_fts_insert"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS quotes_fts")
    op.drop_table("quotes")
