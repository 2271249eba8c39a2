"""Seals of the trail's head, and a purge that only the database decides.

PostgreSQL: the seals are append-only like the trail (same trigger function). Deleting events is possible only
inside audit_purge(), a SECURITY DEFINER function of the owner role, with the retention in audit_retention, a
one-row table only the owner reads and writes (its first value: AUDIT_RETENTION_YEARS when migrating). The
application's role gets EXECUTE on the function after each migrate (audit/database.py), never DELETE.
SQLite: the seals refuse UPDATE, like the trail.
"""

import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from audit.chain import LOCK_KEY

POSTGRESQL_FORWARD = """
CREATE TABLE audit_retention (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    years integer NOT NULL CHECK (years >= 1)
);
REVOKE ALL ON audit_retention FROM PUBLIC;
INSERT INTO audit_retention (years) VALUES ({years});

CREATE OR REPLACE FUNCTION audit_auditevent_append_only() RETURNS trigger LANGUAGE plpgsql
SET search_path = {schema}, pg_temp AS $$
BEGIN
    IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_auditevent'
            AND current_setting('dossier.audit_purging', true) = 'on' THEN
        IF OLD.at < now() - (SELECT make_interval(years => years) FROM audit_retention) THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION 'Journal d''audit en ajout seul : % refusé sur %', TG_OP, TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER audit_auditseal_no_change BEFORE UPDATE OR DELETE ON audit_auditseal
    FOR EACH ROW EXECUTE FUNCTION audit_auditevent_append_only();
CREATE TRIGGER audit_auditseal_no_truncate BEFORE TRUNCATE ON audit_auditseal
    FOR EACH STATEMENT EXECUTE FUNCTION audit_auditevent_append_only();

-- Deletes the oldest events, those past the server's retention, as a prefix of the chain that always leaves
-- the newest event; returns what it removed for the PURGE event the caller appends.
CREATE FUNCTION audit_purge(
    OUT purged bigint, OUT last_id bigint, OUT last_hash text, OUT cutoff timestamptz, OUT years integer
) LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
DECLARE
    first_kept bigint;
BEGIN
    PERFORM pg_advisory_xact_lock({lock_key});
    SELECT r.years, now() - make_interval(years => r.years) INTO years, cutoff FROM audit_retention r;
    SELECT coalesce(min(id) FILTER (WHERE at >= cutoff), max(id)) INTO first_kept FROM audit_auditevent;
    SELECT id, row_hash INTO last_id, last_hash FROM audit_auditevent
        WHERE at < cutoff AND id < first_kept ORDER BY id DESC LIMIT 1;
    purged := 0;
    IF last_id IS NOT NULL THEN
        PERFORM set_config('dossier.audit_purging', 'on', true);
        DELETE FROM audit_auditevent WHERE id <= last_id;
        GET DIAGNOSTICS purged = ROW_COUNT;
        PERFORM set_config('dossier.audit_purging', '', true);
    END IF;
END;
$$;
REVOKE ALL ON FUNCTION audit_purge() FROM PUBLIC;
"""
POSTGRESQL_BACKWARD = """
DROP FUNCTION IF EXISTS audit_purge();
DROP TABLE IF EXISTS audit_retention;
"""
SQLITE_FORWARD = """
CREATE TRIGGER audit_auditseal_no_update BEFORE UPDATE ON audit_auditseal
BEGIN
    SELECT RAISE(ABORT, 'Journal d''audit en ajout seul : UPDATE refusé sur audit_auditseal');
END;
"""


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_schema()")
            schema = connection.ops.quote_name(cursor.fetchone()[0])
        years = int(settings.AUDIT_RETENTION_YEARS)
        sql = POSTGRESQL_FORWARD.format(schema=schema, years=years, lock_key=LOCK_KEY)
        schema_editor.execute(sql, params=None)
    elif connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_append_only")]

    operations = [
        migrations.CreateModel(
            name="AuditSeal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="moment")),
                ("last_id", models.BigIntegerField(verbose_name="dernier événement")),
                ("last_hash", models.CharField(max_length=64, verbose_name="dernière empreinte")),
                ("count", models.BigIntegerField(verbose_name="nombre d'événements")),
                ("signature", models.CharField(max_length=64, verbose_name="signature")),
            ],
            options={
                "verbose_name": "sceau du journal d'audit",
                "verbose_name_plural": "sceaux du journal d'audit",
                "ordering": ["id"],
            },
        ),
        migrations.RunPython(forward, backward),
    ]
