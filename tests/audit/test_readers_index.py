"""The readers of a file (Consultations) are counted from audit_ev_file_cov alone, never from the table's
rows, whose number grows with the file's history (audit/migrations/0007_file_readers_index.py)."""

import pytest
from django.db import connection

from audit import selectors
from audit.models import AuditEvent
from files.models import Report

pytestmark = pytest.mark.django_db


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A test database is too small for the planner to prefer an index over the table: only whether
            # the index can answer alone is checked here (bench/scale measures the choice at scale).
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_bitmapscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(" ".join(str(part) for part in row) for row in cursor.fetchall())


@pytest.mark.parametrize("hidden", [[], ["12", "13"]])
def test_the_readers_aggregate_reads_only_the_covering_index(hidden):
    events = AuditEvent.objects.filter(file_id=7).exclude(
        target_type=Report._meta.label_lower, target_id__in=hidden
    )
    explained = plan(selectors.file_readers(events))
    if connection.vendor == "postgresql":
        assert "Index Only Scan using audit_ev_file_cov" in explained, explained
    else:
        assert "USING COVERING INDEX audit_ev_file_cov" in explained, explained
