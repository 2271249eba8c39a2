"""bin/test runs the suite on SQLite and on PostgreSQL: catch a silent fallback to the wrong database."""

import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_runs_on_the_database_bin_test_asked_for():
    expected = os.environ.get("DOSSIER_EXPECT_DB")
    if not expected:
        pytest.skip("DOSSIER_EXPECT_DB is not set (bin/test sets it for each stage)")
    assert connection.vendor == expected
    with connection.cursor() as cursor:
        if expected == "postgresql":
            cursor.execute("SELECT version()")
            assert cursor.fetchone()[0].startswith("PostgreSQL")
        else:
            cursor.execute("SELECT sqlite_version()")
            assert cursor.fetchone()[0]
