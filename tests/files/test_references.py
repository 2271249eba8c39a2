"""File references: a configurable format, a sequence per year, never given twice."""

import datetime

from files import services
from tests.factories import PersonFactory


def test_references_follow_the_configured_format_and_restart_each_year(settings, worker, team):
    settings.FILE_REFERENCE_FORMAT = "MONS-{year}-{seq:04d}"
    first = services.open_file(
        actor=worker, beneficiary=PersonFactory(), team=team, opened_on=datetime.date(2025, 12, 31)
    )
    second = services.open_file(
        actor=worker, beneficiary=PersonFactory(), team=team, opened_on=datetime.date(2025, 12, 31)
    )
    third = services.open_file(
        actor=worker, beneficiary=PersonFactory(), team=team, opened_on=datetime.date(2026, 1, 2)
    )
    assert [first.reference, second.reference, third.reference] == [
        "MONS-2025-0001",
        "MONS-2025-0002",
        "MONS-2026-0001",
    ]


def test_the_default_reference_is_year_and_five_digit_sequence(worker, team):
    file = services.open_file(actor=worker, beneficiary=PersonFactory(), team=team)
    year = file.opened_on.year
    assert file.reference == f"{year}/00001"
