"""Tampering with the trail as a database administrator would: triggers out of the way, then plain SQL.

On PostgreSQL the tests run as the application's role (tests/conftest.py); the administrator is the owner role
(RESET ROLE, undone when the test's transaction rolls back), who alone may disable the triggers.
"""

import pytest
from django.conf import settings
from django.db import connection

from audit import chain
from audit.models import AuditEvent
from audit.services import Verb, record


class DatabaseAdministrator:
    """Disables the append-only triggers for the rest of the test (rolled back with the test)."""

    def __init__(self):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("RESET ROLE")
                # Django's foreign keys are checked at commit; PostgreSQL alters no table with checks pending.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
                cursor.execute("ALTER TABLE audit_auditseal DISABLE TRIGGER USER")
            else:
                cursor.execute("DROP TRIGGER IF EXISTS audit_auditevent_no_update")
                cursor.execute("DROP TRIGGER IF EXISTS audit_auditseal_no_update")

    def execute(self, sql: str, params: list | None = None) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params or [])

    def rewrite(self, row_id: int, **values) -> None:
        """Change a row, then recompute its hash and every later one, so that the chain holds again."""
        previous = AuditEvent.objects.filter(id__lt=row_id).order_by("-id").values_list("row_hash", flat=True)
        prev_hash = previous.first() or chain.GENESIS
        for row in (
            AuditEvent.objects.filter(id__gte=row_id).order_by("id").values("id", *chain.HASHED_FIELDS)
        ):
            changed = values if row["id"] == row_id else {}
            row.update(changed, prev_hash=prev_hash)
            prev_hash = chain.compute_hash(row)
            columns = {**changed, "prev_hash": row["prev_hash"], "row_hash": prev_hash}
            assignments = ", ".join(f"{column} = %s" for column in columns)
            self.execute(
                f"UPDATE audit_auditevent SET {assignments} WHERE id = %s",  # noqa: S608 (the test's own names)
                [*columns.values(), row["id"]],
            )


def set_server_retention(years: int) -> None:
    """The retention PostgreSQL's audit_purge() applies, changed as only the owner may, then back to the
    application's role."""
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
        cursor.execute("UPDATE audit_retention SET years = %s", [years])
        if settings.DATABASE_APP_ROLE:
            cursor.execute(f"SET ROLE {connection.ops.quote_name(settings.DATABASE_APP_ROLE)}")


@pytest.fixture(autouse=True)
def seal_journal(settings, tmp_path):
    """Each test's own seal journal (parallel workers never share one)."""
    settings.AUDIT_SEAL_JOURNAL_FILE = str(tmp_path / "audit_seals.jsonl")
    return tmp_path / "audit_seals.jsonl"


@pytest.fixture
def dba():
    return DatabaseAdministrator()


@pytest.fixture
def trail():
    """A trail of 20 log-in failures, oldest first."""
    for n in range(20):
        record(actor=None, verb=Verb.LOGIN_FAILED, username=f"inconnu{n}", detail={"essai": n})
    return list(AuditEvent.objects.order_by("id"))
