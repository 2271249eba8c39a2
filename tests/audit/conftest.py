"""Tampering with the trail as a database administrator would: triggers out of the way, then plain SQL."""

import pytest
from django.db import connection

from audit.models import AuditEvent
from audit.services import Verb, record


class DatabaseAdministrator:
    """Disables the append-only triggers for the rest of the test (rolled back with the test)."""

    def __init__(self):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Django's foreign keys are checked at commit; PostgreSQL alters no table with checks pending.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
            else:
                cursor.execute("DROP TRIGGER IF EXISTS audit_auditevent_no_update")

    def execute(self, sql: str, params: list | None = None) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params or [])


@pytest.fixture
def dba():
    return DatabaseAdministrator()


@pytest.fixture
def trail():
    """A trail of 20 log-in failures, oldest first."""
    for n in range(20):
        record(actor=None, verb=Verb.LOGIN_FAILED, username=f"inconnu{n}", detail={"essai": n})
    return list(AuditEvent.objects.order_by("id"))
