"""PostgreSQL: the application's role may only read and append to the audit trail and its seals, and purges
only through audit_purge(), whose retention the server holds. Run by bin/test's PostgreSQL stage, which
creates the owner and application roles; the owner's attacks that these privileges cannot stop are in
test_seal.py."""

import datetime
from io import StringIO

import psycopg
import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from audit.models import AuditEvent, AuditSeal
from audit.services import Verb
from tests.audit.conftest import set_server_retention

pytestmark = [
    pytest.mark.django_db,
    # On PostgreSQL these fail when the application connects as the owner (bin/test sets the two roles up).
    pytest.mark.skipif(connection.vendor != "postgresql", reason="roles and privileges are PostgreSQL's"),
]

TABLES = ["audit_auditevent", "audit_auditseal"]
NOW = timezone.now()


def refused(sql: str, match: str) -> None:
    """`sql`, run as the test's connection (the application's role), fails with `match`."""
    with pytest.raises(DatabaseError, match=match), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)


@pytest.fixture
def history():
    """Events of 12, 11, 9 and 1 years ago and of today, in that order, and a seal."""
    events = [
        AuditEvent.objects.create(
            verb=Verb.LOGIN, username=f"agent-{y}", at=NOW - datetime.timedelta(days=round(365.25 * y))
        )
        for y in (12, 11, 9, 1, 0)
    ]
    call_command("seal_audit", stdout=StringIO())
    return events


@pytest.mark.parametrize("table", TABLES)
def test_the_application_role_can_neither_rewrite_nor_empty_the_trail(history, table):
    refused(f"UPDATE {table} SET id = id", "permission denied")  # noqa: S608 (fixed names)
    refused(f"DELETE FROM {table}", "permission denied")  # noqa: S608
    refused(f"TRUNCATE {table}", "permission denied")
    assert (AuditEvent.objects.count(), AuditSeal.objects.count()) == (5, 1)


@pytest.mark.parametrize("table", TABLES)
def test_the_application_role_can_neither_disable_nor_drop_the_triggers(table):
    refused(f"ALTER TABLE {table} DISABLE TRIGGER USER", "must be owner")
    refused(f"DROP TRIGGER {table}_no_change ON {table}", "must be owner")
    refused(f"ALTER TABLE {table} OWNER TO {django_settings.DATABASE_APP_ROLE}", "must be owner")


def test_the_application_role_cannot_unlock_the_purge_nor_choose_the_retention(history):
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('dossier.audit_purging', 'on', false)")
    refused("DELETE FROM audit_auditevent", "permission denied")
    refused("UPDATE audit_retention SET years = 1", "permission denied")
    refused("SELECT * FROM audit_retention", "permission denied")
    refused("SELECT * FROM audit_purge(1)", "does not exist")
    refused(
        "CREATE FUNCTION audit_retention_years() RETURNS int LANGUAGE sql AS 'SELECT 1'", "permission denied"
    )


def test_the_purge_keeps_the_servers_retention_whatever_the_caller_sets(history, settings):
    settings.AUDIT_RETENTION_YEARS = 1  # ignored on PostgreSQL
    with connection.cursor() as cursor:  # a table of the caller's that would shadow the server's retention
        cursor.execute("CREATE TEMP TABLE audit_retention (singleton boolean, years integer)")
        cursor.execute("INSERT INTO audit_retention VALUES (true, 1)")
    out = StringIO()
    call_command("purge_audit", stdout=out)
    assert "2 événements antérieurs" in out.getvalue()
    kept = AuditEvent.objects.exclude(verb=Verb.PURGE).order_by("id").values_list("username", flat=True)
    assert list(kept) == ["agent-9", "agent-1", "agent-0"]
    assert AuditEvent.objects.get(verb=Verb.PURGE).detail["retention_years"] == 10
    out = StringIO()
    call_command("verify_audit", "--full", stdout=out)
    assert "Journal d'audit intègre : 4 événements vérifiés" in out.getvalue()


def test_the_owner_alone_changes_the_retention_and_never_below_a_year(history):
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
    refused("UPDATE audit_retention SET years = 0", "check constraint")
    set_server_retention(5)
    call_command("purge_audit", stdout=StringIO())
    assert list(
        AuditEvent.objects.exclude(verb=Verb.PURGE).order_by("id").values_list("username", flat=True)
    ) == [
        "agent-1",
        "agent-0",
    ]


def test_even_the_owner_deletes_only_through_the_function_and_only_past_the_retention(history):
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
    refused(f"DELETE FROM audit_auditevent WHERE id = {history[0].pk}", "ajout seul")  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('dossier.audit_purging', 'on', false)")
    refused(f"DELETE FROM audit_auditevent WHERE id = {history[2].pk}", "ajout seul")  # noqa: S608
    refused("TRUNCATE audit_auditseal", "ajout seul")
    assert AuditEvent.objects.count() == 5


def test_a_real_log_in_as_the_application_role_cannot_become_the_owner():
    """The tests' connections SET ROLE from the owner; production logs in as the application's role."""
    params = connection.settings_dict
    with connection.cursor() as cursor:
        cursor.execute("SELECT tableowner FROM pg_tables WHERE tablename = 'audit_auditevent'")
        owner = cursor.fetchone()[0]
    with (
        psycopg.connect(
            dbname=params["NAME"],
            host=params["HOST"],
            port=params["PORT"] or None,
            user=params["OPTIONS"]["assume_role"],
        ) as login,
        login.cursor() as cursor,
    ):
        cursor.execute("SET lock_timeout = '5s'")
        cursor.execute("SELECT session_user, current_user")
        assert cursor.fetchone() == (django_settings.DATABASE_APP_ROLE,) * 2
        for sql, match in [
            (f'SET ROLE "{owner}"', "permission denied"),
            ("DROP TRIGGER audit_auditevent_no_change ON audit_auditevent", "must be owner"),
            ("TRUNCATE audit_auditevent", "permission denied"),
            ("DELETE FROM audit_auditseal", "permission denied"),
        ]:
            with pytest.raises(psycopg.Error, match=match):
                cursor.execute(sql)
            login.rollback()
