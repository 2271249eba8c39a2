"""Indexes for the journal's pages: each filter (none, user, file, action, typed name) then (at, id).

A page of the journal reads its rows newest first from one of them (audit/paging.py), whatever the size of
the trail. They replace the single-column indexes of at, user and file_id, which they lead or extend, so that an
append still updates as few indexes.

Written by hand, not as AlterField: SQLite would rebuild the 2-million-row table for an index change and drop
its append-only trigger with it. On PostgreSQL the indexes are built CONCURRENTLY (the application keeps
appending meanwhile), so the migration is not atomic; it runs as the owner role, as every migration.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

INDEXES = [
    models.Index(fields=["at", "id"], name="audit_ev_at_id"),
    models.Index(fields=["user", "at", "id"], name="audit_ev_user_at_id"),
    models.Index(fields=["file_id", "at", "id"], name="audit_ev_file_at_id"),
    models.Index(fields=["verb", "at", "id"], name="audit_ev_verb_at_id"),
    models.Index(
        fields=["username", "at", "id"], name="audit_ev_username_at_id", condition=models.Q(user__isnull=True)
    ),
]
# The single-column indexes the new ones make redundant, by column.
SUPERSEDED = {"at": "audit_ev_at_old", "user_id": "audit_ev_user_old", "file_id": "audit_ev_file_old"}


def _index_kwargs(schema_editor) -> dict:
    return {"concurrently": True} if schema_editor.connection.vendor == "postgresql" else {}


def _single_column_indexes(schema_editor, table: str, column: str) -> list[str]:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return [
        name
        for name, info in constraints.items()
        if info["index"] and not info["unique"] and not info["primary_key"] and info["columns"] == [column]
    ]


def forward(apps, schema_editor):
    model = apps.get_model("audit", "AuditEvent")
    table = model._meta.db_table
    kwargs = _index_kwargs(schema_editor)
    for index in INDEXES:
        schema_editor.add_index(model, index, **kwargs)
    for column in SUPERSEDED:
        for name in _single_column_indexes(schema_editor, table, column):
            schema_editor.remove_index(model, models.Index(fields=["id"], name=name), **kwargs)


def backward(apps, schema_editor):
    model = apps.get_model("audit", "AuditEvent")
    kwargs = _index_kwargs(schema_editor)
    for column, name in SUPERSEDED.items():
        field = next(f.name for f in model._meta.fields if f.column == column)
        schema_editor.add_index(model, models.Index(fields=[field], name=name), **kwargs)
    for index in INDEXES:
        schema_editor.remove_index(model, index, **kwargs)


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("audit", "0005_seals_and_server_side_purge"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditevent",
                    name="at",
                    field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="moment"),
                ),
                migrations.AlterField(
                    model_name="auditevent",
                    name="file_id",
                    field=models.BigIntegerField(blank=True, null=True, verbose_name="dossier"),
                ),
                migrations.AlterField(
                    model_name="auditevent",
                    name="user",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                *[migrations.AddIndex(model_name="auditevent", index=index) for index in INDEXES],
            ],
            database_operations=[migrations.RunPython(forward, backward)],
        ),
    ]
