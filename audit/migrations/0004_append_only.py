"""Seal the rows written before the hash chain existed, then make the table append-only in the database.

PostgreSQL refuses UPDATE, DELETE and TRUNCATE on audit_auditevent, except the DELETE of rows older than the
retention by purge_audit (which sets the transaction-local dossier.audit_purge_years). SQLite refuses UPDATE
only: Django's flush, which empties the database between transactional (browser) tests, deletes rows.
"""

from django.db import migrations

from audit.chain import GENESIS, HASHED_FIELDS, compute_hash

POSTGRESQL_FORWARD = """
CREATE OR REPLACE FUNCTION audit_auditevent_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    keep_years integer;
BEGIN
    IF TG_OP = 'DELETE' THEN
        keep_years := nullif(current_setting('dossier.audit_purge_years', true), '')::integer;
        IF keep_years >= 1 AND OLD.at < now() - make_interval(years => keep_years) THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION 'Journal d''audit en ajout seul : % refusé sur audit_auditevent', TG_OP;
END;
$$;
CREATE TRIGGER audit_auditevent_no_change BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_auditevent_append_only();
CREATE TRIGGER audit_auditevent_no_truncate BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION audit_auditevent_append_only();
"""
POSTGRESQL_BACKWARD = """
DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON audit_auditevent;
DROP TRIGGER IF EXISTS audit_auditevent_no_change ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_auditevent_append_only();
"""
SQLITE_FORWARD = """
CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent
BEGIN
    SELECT RAISE(ABORT, 'Journal d''audit en ajout seul : UPDATE refusé sur audit_auditevent');
END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS audit_auditevent_no_update;"


def seal_existing_rows(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    last = GENESIS
    for row in AuditEvent.objects.order_by("id").values("id", *HASHED_FIELDS[:-1]).iterator():
        row_hash = compute_hash({**row, "prev_hash": last})
        AuditEvent.objects.filter(pk=row["id"]).update(prev_hash=last, row_hash=row_hash)
        last = row_hash


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FORWARD, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD, params=None)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_BACKWARD, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_event_time_given_before_chaining")]

    operations = [
        migrations.RunPython(seal_existing_rows, migrations.RunPython.noop),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
