"""Indexes for the top bar's counts and the home page's lists, measured at Mons scale on PostgreSQL.

- file_reach_cov_idx (PostgreSQL only): the file's id with its team and primary worker, the columns through
  which access.policy.file_reach joins a proposal, request or task to its file. The counts then check each
  open row's file in the index alone; without it the planner preferred to read every file of the user's teams
  into a hash (a few ms for each count at Mons scale).
- file_worker_activity_idx: Mes dossiers, a worker's files by last activity, read 50 at a time in order.
- file_unassigned_idx: À attribuer, the files without a worker by last activity (a few hundred in a CPAS).

Written by hand and kept out of the models' state: Django would create the covering index on SQLite without
its INCLUDE columns, a copy of the primary key. On PostgreSQL they are built CONCURRENTLY (the application
keeps writing meanwhile), so the migration is not atomic.
"""

from django.db import migrations

TABLE = "files_socialfile"
# (name, columns, PostgreSQL only)
INDEXES = [
    ("file_reach_cov_idx", "(id) INCLUDE (team_id, primary_worker_id)", True),
    ("file_worker_activity_idx", "(primary_worker_id, last_activity_at DESC, id DESC)", False),
    ("file_unassigned_idx", "(last_activity_at DESC, id DESC) WHERE primary_worker_id IS NULL", False),
]


def forward(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    create = "CREATE INDEX CONCURRENTLY IF NOT EXISTS" if postgres else "CREATE INDEX IF NOT EXISTS"
    for name, columns, postgres_only in INDEXES:
        if postgres or not postgres_only:
            schema_editor.execute(f"{create} {name} ON {TABLE} {columns}")


def backward(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    drop = "DROP INDEX CONCURRENTLY IF EXISTS" if postgres else "DROP INDEX IF EXISTS"
    for name, _columns, _postgres_only in INDEXES:
        schema_editor.execute(f"{drop} {name}")


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("files", "0008_list_indexes"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
