"""The indexes behind the search: people found by part of their name or number without reading every person.

A name matches when its search name (people.normalize.fold: lower case, no accents) contains every word of the
folded query, exactly as `search_name LIKE '%word%'` for each word. Each database has its own index:

- PostgreSQL: a GIN trigram index (pg_trgm) on people_person.search_name. The LIKE itself uses it for words of
  three characters or more, so the query is the plain one.
- SQLite: an FTS5 table with the trigram tokenizer, people_person_search, whose rowid is the person's id and
  which triggers on people_person keep in step. Words of three characters or more are looked up there (a
  quoted trigram phrase is a substring match); shorter words, which have no trigram, by LIKE on the persons
  the longer words found, or on all of them.

people's migration 0004 installs the index. On SQLite, Django rebuilds a table it alters (copy, drop, rename),
which drops its triggers: after every migrate (and flush), ensure_person_index() puts them back and
refills the table if it no longer holds exactly every person's search name.
"""

from __future__ import annotations

from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from people.models import Person

# A trigram index can only look up words of at least this many characters.
TRIGRAM = 3
_MIGRATION = ("people", "0004_person_search_index")  # the migration that installs the index

_SQLITE_TABLE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS people_person_search USING fts5(search_name, tokenize='trigram')"
)
# Only a changed search name (or id) rewrites its row: most updates of a person leave the name alone.
_SQLITE_TRIGGERS = (
    """CREATE TRIGGER IF NOT EXISTS people_person_search_insert AFTER INSERT ON people_person BEGIN
    INSERT INTO people_person_search (rowid, search_name) VALUES (new.id, new.search_name);
END""",
    """CREATE TRIGGER IF NOT EXISTS people_person_search_update
AFTER UPDATE OF id, search_name ON people_person
WHEN old.id IS NOT new.id OR old.search_name IS NOT new.search_name BEGIN
    DELETE FROM people_person_search WHERE rowid = old.id;
    INSERT INTO people_person_search (rowid, search_name) VALUES (new.id, new.search_name);
END""",
    """CREATE TRIGGER IF NOT EXISTS people_person_search_delete AFTER DELETE ON people_person BEGIN
    DELETE FROM people_person_search WHERE rowid = old.id;
END""",
)
_SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS people_person_search_insert",
    "DROP TRIGGER IF EXISTS people_person_search_update",
    "DROP TRIGGER IF EXISTS people_person_search_delete",
    "DROP TABLE IF EXISTS people_person_search",
)
_SQLITE_DRIFTED = """SELECT
    (SELECT count(*) FROM people_person_search) != (SELECT count(*) FROM people_person)
    OR EXISTS (SELECT 1 FROM people_person AS p LEFT JOIN people_person_search AS s ON s.rowid = p.id
               WHERE s.search_name IS NOT p.search_name)"""
_SQLITE_REFILL = (
    "DELETE FROM people_person_search",
    "INSERT INTO people_person_search (rowid, search_name) SELECT id, search_name FROM people_person",
)
# A quoted trigram phrase matches wherever its characters appear together in the name.
_SQLITE_MATCH = "SELECT rowid FROM people_person_search WHERE people_person_search MATCH %s"
# pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner, who migrates, may create it.
# fastupdate=off: each new name goes straight into the index instead of a pending list that searches re-read.
_POSTGRESQL_INSTALL = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS people_person_name_trgm ON people_person USING gin (search_name gin_trgm_ops)"
    " WITH (fastupdate = off)",
)
_POSTGRESQL_DROP = "DROP INDEX IF EXISTS people_person_name_trgm"


def install_person_index(connection) -> None:
    """Create the name index on `connection`'s database (people's migration 0004)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in _POSTGRESQL_INSTALL:
                cursor.execute(statement)
        elif connection.vendor == "sqlite":
            for statement in (_SQLITE_TABLE, *_SQLITE_TRIGGERS, *_SQLITE_REFILL):
                cursor.execute(statement)


def drop_person_index(connection) -> None:
    """Remove the name index (migration 0004 reversed); pg_trgm stays, other indexes may use it."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_POSTGRESQL_DROP)
        elif connection.vendor == "sqlite":
            for statement in _SQLITE_DROP:
                cursor.execute(statement)


def ensure_person_index(*, using: str = "default", **kwargs) -> None:
    """post_migrate receiver: on SQLite, restore the index's triggers and refill it if it drifted."""
    connection = connections[using]
    if connection.vendor != "sqlite" or _MIGRATION not in MigrationRecorder(connection).applied_migrations():
        return  # PostgreSQL's index follows its table by itself; or the index is not (or no longer) installed
    with connection.cursor() as cursor:
        for statement in (_SQLITE_TABLE, *_SQLITE_TRIGGERS):
            cursor.execute(statement)
        cursor.execute(_SQLITE_DRIFTED)
        if cursor.fetchone()[0]:
            for statement in _SQLITE_REFILL:
                cursor.execute(statement)


def _phrase(word: str) -> str:
    """`word` as an FTS5 string (double quotes doubled), so that no character of it is read as syntax."""
    return '"' + word.replace('"', '""') + '"'


def name_filter(folded: str) -> QuerySet:
    """Ids of the persons whose search name contains every word of `folded` (a fold()ed query): a subquery."""
    words = folded.split()
    people = Person.objects.all()
    if connections[people.db].vendor == "sqlite":
        indexed = [word for word in words if len(word) >= TRIGRAM]
        if indexed:
            match = " AND ".join(_phrase(word) for word in indexed)
            found = RawSQL(_SQLITE_MATCH, [match])  # noqa: S611 - fixed SQL, the words passed as a parameter
            people = people.filter(pk__in=found)
            words = [word for word in words if len(word) < TRIGRAM]
    for word in words:
        people = people.filter(search_name__contains=word)
    return people.values("pk")


def number_filter(digits: str) -> QuerySet:
    """Ids of the persons whose national number is `digits`, or begins with them if fewer than 11: a subquery.

    PostgreSQL reads a prefix LIKE from the number's pattern index; SQLite never uses an index for LIKE on a
    case-sensitive column, so it gets the same prefix as a range: numbers from `digits` up to (excluding) the
    same digits with the last one raised by one.
    """
    people = Person.objects.all()
    if len(digits) == 11:
        people = people.filter(national_number=digits)
    elif connections[people.db].vendor == "sqlite":
        following = digits[:-1] + chr(ord(digits[-1]) + 1)
        people = people.filter(national_number__gte=digits, national_number__lt=following)
    else:
        people = people.filter(national_number__startswith=digits)
    return people.values("pk")
