"""Covering indexes (PostgreSQL only) for the top bar's task counts: an open back-office task reaches its file
through its decision and proposal (access.policy.file_reach), and these let each step be read in the index
alone.

- decision_proposal_cov_idx: a decision's id with its proposal;
- proposal_file_cov_idx: a proposal's id with its file.

Without them the planner read every decision of the CPAS into a hash to join the few hundred open tasks
(4 ms of each page at half of Mons scale). Written by hand and kept out of the models' state, as
files/migrations/0009_file_list_join_indexes.py; built CONCURRENTLY, so the migration is not atomic.
"""

from django.db import migrations

INDEXES = [
    ("decision_proposal_cov_idx", "workflow_decision", "(id) INCLUDE (proposal_id)"),
    ("proposal_file_cov_idx", "workflow_proposal", "(id) INCLUDE (file_id)"),
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, columns in INDEXES:
        schema_editor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON {table} {columns}")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _columns in INDEXES:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("workflow", "0005_queue_indexes"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
