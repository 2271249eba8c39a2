"""Retention: purge_audit deletes only what is older than AUDIT_RETENTION_YEARS; the trail still verifies."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import Verb
from tests.audit.conftest import set_server_retention

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def years_ago(years: float) -> datetime.datetime:
    return NOW - datetime.timedelta(days=round(365.25 * years))


def event(at: datetime.datetime, username: str) -> AuditEvent:
    return AuditEvent.objects.create(verb=Verb.LOGIN, username=username, at=at)


@pytest.fixture
def history():
    """Events of 12, 11, 9 and 1 years ago and of today, in that order."""
    return [event(years_ago(y), f"agent-{y}") for y in (12, 11, 9, 1, 0)]


def command(name: str, *args) -> str:
    out = StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


def test_the_purge_keeps_the_retention_and_the_trail_still_verifies(history, settings):
    settings.AUDIT_RETENTION_YEARS = 10
    out = command("purge_audit")
    assert f"2 événements antérieurs au {timezone.localtime(years_ago(10)):%d/%m/%Y}" in out
    kept = list(AuditEvent.objects.exclude(verb=Verb.PURGE).order_by("id").values_list("username", flat=True))
    assert kept == ["agent-9", "agent-1", "agent-0"]
    purge = AuditEvent.objects.get(verb=Verb.PURGE)
    assert purge.detail["last_purged_id"] == history[1].pk
    assert purge.detail["last_purged_hash"] == history[1].row_hash
    assert purge.detail["count"] == 2
    assert "Journal d'audit intègre : 4 événements vérifiés" in command("verify_audit", "--full")
    # The purge sealed the trail first: a default run verifies only the PURGE event written since.
    assert "intègre depuis le dernier sceau : 1 événements vérifiés" in command("verify_audit")


def retention(years: int, settings) -> None:
    """AUDIT_RETENTION_YEARS on SQLite; on PostgreSQL the server's, which only its owner changes."""
    settings.AUDIT_RETENTION_YEARS = years
    if connection.vendor == "postgresql":
        set_server_retention(years)


def test_purging_again_later_still_verifies(history, settings):
    retention(10, settings)
    command("purge_audit")
    retention(5, settings)
    command("purge_audit")
    assert list(AuditEvent.objects.exclude(verb=Verb.PURGE).values_list("username", flat=True)) == [
        "agent-0",
        "agent-1",
    ]
    assert "Journal d'audit intègre : 4 événements vérifiés" in command("verify_audit", "--full")
    # The purge sealed the trail first: a default run verifies only the PURGE event written since.
    assert "intègre depuis le dernier sceau : 1 événements vérifiés" in command("verify_audit")


def test_nothing_to_purge_changes_nothing(settings):
    settings.AUDIT_RETENTION_YEARS = 10
    event(years_ago(2), "recent")
    assert "rien à purger" in command("purge_audit")
    assert AuditEvent.objects.count() == 1


@pytest.mark.skipif(connection.vendor == "postgresql", reason="a CHECK constraint (test_database_roles.py)")
def test_a_retention_under_one_year_is_refused(history, settings):
    settings.AUDIT_RETENTION_YEARS = 0
    with pytest.raises(CommandError, match="au moins un an"):
        command("purge_audit")
    assert AuditEvent.objects.count() == 5


def test_a_gap_left_by_deleting_old_rows_without_the_command_is_still_found(history, dba):
    dba.execute("DELETE FROM audit_auditevent WHERE id <= %s", [history[1].pk])
    with pytest.raises(CommandError, match=f"avant l'événement n° {history[2].pk}"):
        command("verify_audit")
