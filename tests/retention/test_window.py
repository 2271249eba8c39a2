"""The window read on the dated columns themselves returns exactly the rows whose start date, computed row by
row in Python, falls in it (empty dates, moments near midnight, every start kind)."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from documents.models import Document, DocumentType
from letters.models import Kind, Letter
from retention import selectors
from retention.models import RetentionRule
from retention.periods import years_before
from retention.selectors import Window
from tests.retention.conftest import D, add_letter, closed_file, document_type

pytestmark = pytest.mark.django_db
S = DocumentType.RetentionStart
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def moments(day):
    """Just after local midnight, midday, and just before the next local midnight."""
    return [
        datetime.datetime.combine(day, datetime.time(0, 0, 1), BRUSSELS),
        datetime.datetime.combine(day, datetime.time(12), BRUSSELS),
        datetime.datetime.combine(day, datetime.time(23, 59, 59), BRUSSELS),
    ]


def in_window(start, years, window):
    if start is None:
        return False
    return start <= years_before(window.due_by, years) and (
        window.after is None or start > years_before(window.after, years)
    )


WINDOWS = [Window.now(D(2026, 3, 10)), Window.coming(D(2026, 3, 10), 90), Window.now(D(2026, 6, 8))]


def test_documents_and_letters_match_a_row_by_row_computation(team, worker):
    types = [
        document_type("date", 5, S.DOCUMENT_DATE),
        document_type("recu", 3, S.RECEIVED),
        document_type("cloture", 10, S.FILE_CLOSED),
    ]
    days = [D(2021, 3, 9), D(2021, 3, 10), D(2021, 3, 11), D(2021, 6, 8), D(2023, 3, 10), D(2016, 3, 10)]
    files = [closed_file(team, day) for day in days[:3]] + [closed_file(team, None)]
    for i, day in enumerate(days):
        for j, moment in enumerate(moments(day)):
            for doc_type in types:
                Document.objects.create(
                    file=files[(i + j) % len(files)],
                    type=doc_type,
                    title="x",
                    author=worker,
                    created_at=moment,
                    document_date=None if j == 1 else day + datetime.timedelta(days=j - 1),
                )
            letter = add_letter(files[i % len(files)], Kind.NOTIFICATION, worker, created=moment)
            Letter.objects.filter(pk=letter.pk).update(
                sent_on=day if j else None, notified_on=day + datetime.timedelta(days=1) if j == 2 else None
            )
    rule = RetentionRule.objects.get(target=RetentionRule.Target.LETTER_KIND, key=Kind.NOTIFICATION)
    for start in RetentionRule.Start.values:
        RetentionRule.objects.filter(pk=rule.pk).update(start=start, years=5)
        rule.refresh_from_db()
        rules = [r for r in selectors.letter_rules() if r.key == Kind.NOTIFICATION]
        letters = Letter.objects.filter(kind=Kind.NOTIFICATION).select_related("file")
        with timezone.override(BRUSSELS):
            for window in WINDOWS:
                expected = {x.pk for x in letters if in_window(selectors.letter_start(x, rule), 5, window)}
                assert {x.pk for x in selectors.due_letters(window, rules)} == expected, (start, window)
    documents = Document.objects.select_related("file", "type")
    with timezone.override(BRUSSELS):
        for window in WINDOWS:
            expected = {
                d.pk
                for d in documents
                if in_window(selectors.document_start(d, d.type), d.type.retention_years, window)
            }
            assert expected  # the data reaches into every window
            assert {d.pk for d in selectors.due_documents(window, types)} == expected, window
