"""The documents due are found through the indexes on (type, date) and (type, arrival), never by reading every
document (documents/migrations/0005_retention_indexes.py), on SQLite and on PostgreSQL."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Count

from documents.models import Document, DocumentType
from retention import selectors
from retention.selectors import Window
from tests.query_plans import plan
from tests.retention.conftest import D, at, closed_file, document_type

pytestmark = pytest.mark.django_db
S = DocumentType.RetentionStart
INDEXES = ("document_type_date_idx", "document_type_arrival_idx")


def spread_over_twenty_years(types, file, author, count: int = 1500) -> None:
    """Documents of both types, one every five days since 2006 (a fifth of them undated), a few of them due;
    the statistics of the table then describe it, as on a CPAS's database."""
    start = D(2006, 1, 1)
    Document.objects.bulk_create(
        Document(
            file=file,
            type=types[i % 2],
            title="Pièce",
            author=author,
            document_date=start + datetime.timedelta(days=5 * i) if i % 5 else None,
            created_at=at(start + datetime.timedelta(days=5 * i)),
        )
        for i in range(count)
    )
    with connection.cursor() as cursor:
        role = settings.DATABASE_APP_ROLE if connection.vendor == "postgresql" else ""
        if role:
            cursor.execute("RESET ROLE")  # the owner analyses the table, as autovacuum does in production
        cursor.execute("ANALYZE documents_document")
        if role:
            cursor.execute(f"SET ROLE {connection.ops.quote_name(role)}")


@pytest.mark.parametrize("window", [Window.now(D(2026, 3, 10)), Window.coming(D(2026, 3, 10), 90)], ids=str)
def test_the_list_and_the_counts_read_the_documents_from_their_indexes(window, team, worker):
    types = [document_type("date", 18, S.DOCUMENT_DATE), document_type("arrivee", 19, S.RECEIVED)]
    spread_over_twenty_years(types, closed_file(team, D(2010, 1, 1)), worker)
    listing = selectors.due_documents(window, types).select_related("file", "type")
    counts = selectors.due_documents(window, types).values("type__label").annotate(count=Count("id"))
    for queryset in (listing, counts):
        explained = plan(queryset)
        assert all(index in explained for index in INDEXES), explained
        if connection.vendor == "sqlite":
            # The table is never read whole.
            assert "SCAN documents_document " not in explained + " ", explained
