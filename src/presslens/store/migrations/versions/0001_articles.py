"""Articles and outlets, with full-text search (FTS5 on SQLite, tsvector + GIN on PostgreSQL).

On PostgreSQL every text column sorts and compares bytewise (COLLATE "C", as SQLite's BINARY) and
has no length limit (SQLite enforces none); keys are BIGSERIAL. Full-text search is a stored
generated ``search`` tsvector: the title with weight A, the clean text with weight B, both through
the ``presslens`` text search configuration (``simple``: no stemming and no stop words, as FTS5's
unicode61; with ``unaccent`` where the extension can be had, as remove_diacritics) after ASCII
punctuation is turned into spaces, so that words are cut as unicode61 cuts them. ``search_words``
holds the row's number of words (title and text), as FTS5 keeps it for bm25().

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

from presslens.store import column_types as col

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

# ASCII punctuation -> spaces before indexing (presslens.store.search.PUNCTUATION, kept here as written
# when this migration was made). In standard SQL strings a quote is doubled and a backslash is itself.
PG_WORDS = "translate({column}, '!\"#$%&''()*+,-./:;<=>?@[\\]^_`{{|}}~', '" + " " * 32 + "')"
# Words in a text as the tsvector counts them (every token but blanks), for bm25's document length.
_WORDS_FUNCTION = (
    "CREATE FUNCTION presslens_words(text) RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
    " AS $$ SELECT count(*)::integer FROM ts_parse('default', " + PG_WORDS.format(column="$1") + ") AS t"
    " WHERE t.tokid <> 12 $$"
)
_ARTICLES_WORDS = "presslens_words(coalesce(title, '')) + presslens_words(clean_text)"
_ARTICLES_SEARCH = (
    "setweight(to_tsvector('presslens'::regconfig, " + PG_WORDS.format(column="coalesce(title, '')") + "), 'A')"
    " || setweight(to_tsvector('presslens'::regconfig, " + PG_WORDS.format(column="clean_text") + "), 'B')"
)






def _text_search_configuration() -> None:
    """The ``presslens`` configuration: ``simple``, with ``unaccent`` in front where it can be had."""
    bind = op.get_bind()
    op.execute("CREATE TEXT SEARCH CONFIGURATION presslens (COPY = pg_catalog.simple)")
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
    except sa.exc.DBAPIError:
        return  # not installed, or not allowed: accents then count (a documented difference)
    schema = bind.exec_driver_sql(
        "SELECT n.nspname FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace"
        " WHERE d.dictname = 'unaccent' ORDER BY n.nspname = current_schema() DESC LIMIT 1").scalar()
    if schema:
        op.execute("ALTER TEXT SEARCH CONFIGURATION presslens ALTER MAPPING FOR word, numword, hword, hword_part,"
                   f" numhword, hword_numpart WITH \"{schema}\".unaccent, simple")


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("pk", col.key(), primary_key=True, autoincrement=True),
        sa.Column("id", col.string(32), nullable=False, unique=True),
        sa.Column("outlet", col.string(200)),
        sa.Column("outlet_domain", col.string(200)),
        sa.Column("url", col.text()),
        sa.Column("title", col.text()),
        sa.Column("published", sa.Date),
        sa.Column("language", col.string(16)),
        sa.Column("fmt", col.string(16), nullable=False),
        sa.Column("source", col.text(), nullable=False),
        sa.Column("raw_text", col.text(), nullable=False),
        sa.Column("clean_text", col.text(), nullable=False),
        sa.Column("offset_map", col.text(), nullable=False),
        sa.Column("removed", col.text(), nullable=False),
        sa.Column("word_count", sa.Integer, nullable=False),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
    )
    for column in ("outlet", "outlet_domain", "published", "language"):
        op.create_index(f"ix_articles_{column}", "articles", [column])
    op.create_table(
        "outlets",
        sa.Column("domain", col.string(200), primary_key=True),
        sa.Column("name", col.string(200), nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        for statement in _FTS_SQLITE:
            op.execute(statement)
    elif col.postgresql():
        _text_search_configuration()
        op.execute(f"ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS ({_ARTICLES_SEARCH}) STORED")
        # kept in the row where it fits (not out of line): ranking reads every match's vector
        op.execute("ALTER TABLE articles ALTER COLUMN search SET STORAGE MAIN")
        op.execute("CREATE INDEX ix_articles_search ON articles USING gin (search)")
        op.execute(_WORDS_FUNCTION)
        op.execute("ALTER TABLE articles ADD COLUMN search_words integer"
                   f" GENERATED ALWAYS AS ({_ARTICLES_WORDS}) STORED")
        op.execute("CREATE INDEX ix_articles_search_words ON articles (search_words)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("articles_fts_update", "articles_fts_delete", "articles_fts_insert"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    op.drop_table("outlets")
    op.drop_table("articles")
    if col.postgresql():
        op.execute("DROP FUNCTION IF EXISTS presslens_words(text)")
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS presslens")
