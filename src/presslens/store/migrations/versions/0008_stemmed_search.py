"""Stemmed full-text search beside the exact one: "floods" finds "flood", "evacuate" finds "evacuated".

SQLite: the FTS5 tables ``articles_stem_fts`` and ``quotes_stem_fts`` (the columns of ``articles_fts`` and
``quotes_fts``) with the ``porter`` tokenizer over ``unicode61 remove_diacritics 2``, kept by triggers and
filled from the stored rows. PostgreSQL: the ``presslens_stem`` configuration (``presslens`` with the
Porter stemmer, ``snowball``'s ``porter`` language, after ``unaccent`` where it can be had: the algorithm
FTS5's porter tokenizer runs; no stop words, so phrases and bm25 count the same words) and a stored
generated ``search_stem`` tsvector with a GIN index on ``articles`` and ``quotes``, computed for every
stored row when the column is added.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from alembic import op

from presslens.store import column_types as col

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_TOKENIZE = "tokenize='porter unicode61 remove_diacritics 2'"
_TABLES = {"articles": ("title", "clean_text"), "quotes": ("content_text", "speaker_name")}
_UPDATE_OF = {"articles": "title, clean_text", "quotes": "content_text, speaker_name"}

# ASCII punctuation -> spaces before indexing, as in 0001.
PG_WORDS = "translate({column}, '!\"#$%&''()*+,-./:;<=>?@[\\]^_`{{|}}~', '" + " " * 32 + "')"
_PG_SEARCH = {
    "articles": (("coalesce(title, '')", "A"), ("clean_text", "B")),
    "quotes": (("content_text", "A"), ("coalesce(speaker_name, '')", "B")),
}
_TOKEN_TYPES = "asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart"


def _sqlite_statements(table: str) -> list[str]:
    fts, columns = f"{table}_stem_fts", _TABLES[table]
    names, new, old = ", ".join(columns), ", ".join(f"new.{c}" for c in columns), ", ".join(f"old.{c}" for c in columns)
    delete = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.pk, {old});"
    insert = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.pk, {new});"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='{table}', content_rowid='pk', {_TOKENIZE})",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {_UPDATE_OF[table]} ON {table} BEGIN {delete} {insert} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def _pg_search(table: str) -> str:
    return " || ".join(f"setweight(to_tsvector('presslens_stem'::regconfig, {PG_WORDS.format(column=column)}),"
                       f" '{weight}')" for column, weight in _PG_SEARCH[table])


def _pg_configuration() -> None:
    bind = op.get_bind()
    op.execute("CREATE TEXT SEARCH DICTIONARY presslens_porter (TEMPLATE = pg_catalog.snowball, Language = porter)")
    op.execute("CREATE TEXT SEARCH CONFIGURATION presslens_stem (COPY = presslens)")
    unaccent = bind.exec_driver_sql(
        "SELECT n.nspname FROM pg_ts_config_map m JOIN pg_ts_config c ON c.oid = m.mapcfg"
        " JOIN pg_ts_dict d ON d.oid = m.mapdict JOIN pg_namespace n ON n.oid = d.dictnamespace"
        " WHERE c.cfgname = 'presslens' AND d.dictname = 'unaccent' LIMIT 1").scalar()
    dictionaries = f'"{unaccent}".unaccent, presslens_porter' if unaccent else "presslens_porter"
    op.execute(f"ALTER TEXT SEARCH CONFIGURATION presslens_stem ALTER MAPPING FOR {_TOKEN_TYPES} WITH {dictionaries}")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in _TABLES:
            for statement in _sqlite_statements(table):
                op.execute(statement)
    elif col.postgresql():
        _pg_configuration()
        for table in _TABLES:
            op.execute(f"ALTER TABLE {table} ADD COLUMN search_stem tsvector"
                       f" GENERATED ALWAYS AS ({_pg_search(table)}) STORED")
            op.execute(f"ALTER TABLE {table} ALTER COLUMN search_stem SET STORAGE MAIN")
            op.execute(f"CREATE INDEX ix_{table}_search_stem ON {table} USING gin (search_stem)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in _TABLES:
            for event in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_stem_fts_{event}")
            op.execute(f"DROP TABLE IF EXISTS {table}_stem_fts")
    elif col.postgresql():
        for table in _TABLES:
            op.drop_index(f"ix_{table}_search_stem", table_name=table)
            op.drop_column(table, "search_stem")
        op.execute("DROP TEXT SEARCH CONFIGURATION presslens_stem")
        op.execute("DROP TEXT SEARCH DICTIONARY presslens_porter")

