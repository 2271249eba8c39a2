"""The plan a database chooses for a queryset, as text: tests check that an index serves a query."""

from django.db import connection


def plan(queryset) -> str:
    """EXPLAIN on PostgreSQL (sequential scans off: a test's tiny table is otherwise read whole, whatever
    its indexes), EXPLAIN QUERY PLAN on SQLite."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(" ".join(str(part) for part in row) for row in cursor.fetchall())
