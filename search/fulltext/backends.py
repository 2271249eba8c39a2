"""The full-text index of search_indexedtext on each database, and the one query that searches it.

- PostgreSQL: a `french_unaccent` text search configuration (the french one, with unaccent before the
  stemmer), a generated tsvector column `vector` (title and label weighted A, text B) and a GIN index on it.
- SQLite: an FTS5 table `search_text` whose content is search_indexedtext's `terms` column (the lexemes
  search.fulltext.words computes), tokenised by unicode61 without diacritics, kept in step by triggers.

search's migration 0001 installs it. On SQLite, Django rebuilds a table it alters, which drops its triggers:
after every migrate, ensure_text_index() puts them back and rebuilds the FTS5 table if they were missing.
"""

from __future__ import annotations

from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import QuerySet

from search.fulltext.words import Query, to_fts5, to_tsquery

_MIGRATION = ("search", "0001_initial")
CONFIG = "french_unaccent"

_SQLITE_TABLE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5(terms, content='search_indexedtext', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
)
_SQLITE_TRIGGERS = {
    "search_text_insert": """CREATE TRIGGER IF NOT EXISTS search_text_insert
AFTER INSERT ON search_indexedtext BEGIN
    INSERT INTO search_text (rowid, terms) VALUES (new.id, new.terms);
END""",
    "search_text_update": """CREATE TRIGGER IF NOT EXISTS search_text_update
AFTER UPDATE OF id, terms ON search_indexedtext BEGIN
    INSERT INTO search_text (search_text, rowid, terms) VALUES ('delete', old.id, old.terms);
    INSERT INTO search_text (rowid, terms) VALUES (new.id, new.terms);
END""",
    "search_text_delete": """CREATE TRIGGER IF NOT EXISTS search_text_delete
AFTER DELETE ON search_indexedtext BEGIN
    INSERT INTO search_text (search_text, rowid, terms) VALUES ('delete', old.id, old.terms);
END""",
}
_SQLITE_REBUILD = "INSERT INTO search_text (search_text) VALUES ('rebuild')"
_SQLITE_DROP = (
    *(f"DROP TRIGGER IF EXISTS {name}" for name in _SQLITE_TRIGGERS),
    "DROP TABLE IF EXISTS search_text",
)

# unaccent is a trusted extension (PostgreSQL 13+): the database's owner, who migrates, may create it.
_POSTGRESQL_INSTALL = (
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION french_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
    END IF;
END $$""",
    f"""ALTER TABLE search_indexedtext ADD COLUMN IF NOT EXISTS vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('{CONFIG}'::regconfig, title || ' ' || label), 'A')
    || setweight(to_tsvector('{CONFIG}'::regconfig, text), 'B')) STORED""",
    # fastupdate=off: each new text goes straight into the index instead of a pending list searches re-read.
    "CREATE INDEX IF NOT EXISTS search_text_vector ON search_indexedtext USING gin (vector)"
    " WITH (fastupdate = off)",
)
_POSTGRESQL_DROP = (
    "DROP INDEX IF EXISTS search_text_vector",
    "ALTER TABLE search_indexedtext DROP COLUMN IF EXISTS vector",
    f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}",
)
# Control characters never occur in indexed text (search.fulltext.indexing removes them): they mark the
# words ts_headline() found, and the snippet is escaped before they become <mark>.
MARK_START, MARK_END = "\x01", "\x02"
_HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, "
    'FragmentDelimiter=" … "'
)


def install_text_index(connection) -> None:
    """Create the full-text index on `connection`'s database (search's migration 0001)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in _POSTGRESQL_INSTALL:
                cursor.execute(statement)
        elif connection.vendor == "sqlite":
            for statement in (_SQLITE_TABLE, *_SQLITE_TRIGGERS.values(), _SQLITE_REBUILD):
                cursor.execute(statement)


def drop_text_index(connection) -> None:
    """Remove the full-text index (migration 0001 reversed); unaccent stays, other indexes may use it."""
    with connection.cursor() as cursor:
        for statement in _POSTGRESQL_DROP if connection.vendor == "postgresql" else _SQLITE_DROP:
            cursor.execute(statement)


def ensure_text_index(*, using: str = "default", **kwargs) -> None:
    """post_migrate receiver: on SQLite, restore lost triggers and then rebuild the FTS5 table."""
    connection = connections[using]
    if connection.vendor != "sqlite" or _MIGRATION not in MigrationRecorder(connection).applied_migrations():
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_text_%'"
        )
        if cursor.fetchone()[0] == len(_SQLITE_TRIGGERS):
            return
        for statement in (_SQLITE_TABLE, *_SQLITE_TRIGGERS.values(), _SQLITE_REBUILD):
            cursor.execute(statement)


def matching(texts: QuerySet, query: Query) -> QuerySet:
    """`texts` narrowed to those matching `query`, in one SQL query: the full-text condition sits beside the
    caller's conditions (the access policy's), never after them."""
    if connections[texts.db].vendor == "postgresql":
        return texts.extra(  # noqa: S610 - fixed SQL, the query passed as a parameter
            where=[f"search_indexedtext.vector @@ to_tsquery('{CONFIG}', %s)"], params=[to_tsquery(query)]
        )
    return texts.extra(  # noqa: S610 - fixed SQL, the query passed as a parameter
        tables=["search_text"],
        where=["search_text.rowid = search_indexedtext.id", "search_text MATCH %s"],
        params=[to_fts5(query)],
    )


def ranked(texts: QuerySet, query: Query) -> QuerySet:
    """matching(), the most relevant first (then the newest)."""
    found = matching(texts, query)
    if connections[texts.db].vendor == "postgresql":
        found = found.extra(  # noqa: S610 - fixed SQL, the query passed as a parameter
            select={"rank": f"-ts_rank(search_indexedtext.vector, to_tsquery('{CONFIG}', %s))"},
            select_params=[to_tsquery(query)],
        )
    else:
        found = found.extra(select={"rank": "bm25(search_text)"})  # noqa: S610 - fixed SQL
    return found.order_by("rank", "-date", "-pk")


def newest(texts: QuerySet, query: Query) -> QuerySet:
    """matching(), the newest first: the database walks the index on the date and stops at the page, where
    ranking would read every text found. SQLite reads the words found first (the subquery); the unary +
    stops it from then fetching each of those rows to sort them all."""
    if connections[texts.db].vendor == "postgresql":
        found = matching(texts, query)
    else:
        found = texts.extra(  # noqa: S610 - fixed SQL, the query passed as a parameter
            where=["+search_indexedtext.id IN (SELECT rowid FROM search_text WHERE search_text MATCH %s)"],
            params=[to_fts5(query)],
        )
    return found.order_by("-date", "-pk")


def headlines(texts: QuerySet, query: Query) -> dict[int, str] | None:
    """PostgreSQL: the snippet of each of `texts` (a page of hits) with the words found between MARK_START
    and MARK_END, by ts_headline(). None on SQLite, whose index holds lexemes only (words.snippet())."""
    if connections[texts.db].vendor != "postgresql":
        return None
    found = texts.extra(  # noqa: S610 - fixed SQL, the query and options passed as parameters
        select={
            "headline": f"ts_headline('{CONFIG}', search_indexedtext.text, to_tsquery('{CONFIG}', %s), %s)"
        },
        select_params=[to_tsquery(query), _HEADLINE_OPTIONS],
    )
    return dict(found.values_list("pk", "headline"))
