"""A covering index for the readers of a file (Consultations, audit.selectors.file_readers).

The readers' aggregate reads every event of the file; through audit_ev_file_at_id it fetched each of them from
the table (about 10 ms for a long file at half Mons scale). audit_ev_file_cov holds every column the aggregate
and the hidden-report filter name (files.selectors.without_hidden_reports), so that PostgreSQL answers it by an
index-only scan and SQLite from the index alone (the rowid, the id, is in every SQLite index).

Written by hand and kept out of the models' state: Django would create it on SQLite without its INCLUDE
columns. On PostgreSQL it is built CONCURRENTLY (the application keeps appending meanwhile), so the migration
is not atomic.
"""

from django.db import migrations

TABLE = "audit_auditevent"
NAME = "audit_ev_file_cov"
COLUMNS = "user_id, username, verb, at, target_type, target_id"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {NAME} ON {TABLE} (file_id) INCLUDE (id, {COLUMNS})"
        )
    else:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NAME} ON {TABLE} (file_id, {COLUMNS})")


def backward(apps, schema_editor):
    concurrently = " CONCURRENTLY" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(f"DROP INDEX{concurrently} IF EXISTS {NAME}")


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("audit", "0006_journal_indexes"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
