"""When each item falls due: per start kind of its rule, in the window of now or of the next 90 days."""

import datetime

import pytest

from documents.models import DocumentType
from letters.models import Kind
from retention import selectors
from retention.models import RetentionRule
from retention.periods import years_after
from retention.selectors import Window
from tests.retention.conftest import add_document, add_letter, at, closed_file, document_type

pytestmark = pytest.mark.django_db
D = datetime.date
S = DocumentType.RetentionStart


def due_now(on):
    return {(item.category, item.obj.pk): item for item in selectors.due(on)}


def test_years_after_keeps_the_day_or_the_end_of_february():
    assert years_after(D(2016, 2, 29), 5) == D(2021, 2, 28)
    assert years_after(D(2016, 3, 1), 5) == D(2021, 3, 1)


def test_a_document_dated_is_due_its_years_after_its_date(team, worker):
    file = closed_file(team, D(2016, 1, 1))
    slip = document_type("fiche", 5, S.DOCUMENT_DATE)
    document = add_document(file, slip, worker, data=b"fiche 2015", document_date=D(2015, 3, 1))
    assert ("document", document.pk) not in due_now(D(2020, 2, 29))
    item = due_now(D(2020, 3, 1))[("document", document.pk)]
    assert (item.start_on, item.due_on, item.holds) == (D(2015, 3, 1), D(2020, 3, 1), [])
    assert item.rule == "Type fiche : 5 ans à compter de : date du document"
    coming = selectors.due_documents(Window.coming(D(2020, 1, 1), 90))
    assert list(coming) == [document]
    assert not selectors.due_documents(Window.coming(D(2019, 12, 1), 90)).exists()


def test_a_document_without_date_counts_from_its_reception(team, worker):
    file = closed_file(team, D(2016, 1, 1))
    slip = document_type("fiche", 5, S.DOCUMENT_DATE)
    received = document_type("recu", 2, S.RECEIVED)
    undated = add_document(file, slip, worker, data=b"a", created=at(D(2014, 6, 1)))
    letter = add_document(
        file, received, worker, data=b"b", document_date=D(2010, 1, 1), created=at(D(2014, 6, 1))
    )
    due = due_now(D(2019, 6, 1))
    assert due[("document", undated.pk)].start_on == D(2014, 6, 1)
    assert due[("document", letter.pk)].start_on == D(2014, 6, 1)  # its own date is not its reception
    assert due[("document", letter.pk)].due_on == D(2016, 6, 1)


def test_a_document_kept_from_the_closure_waits_for_it(team, worker):
    lease = document_type("bail", 3, S.FILE_CLOSED)
    open_file = closed_file(team, None)
    kept = add_document(open_file, lease, worker, data=b"bail ouvert", document_date=D(2000, 1, 1))
    file = closed_file(team, D(2020, 5, 10))
    due = add_document(file, lease, worker, data=b"bail clos", document_date=D(2000, 1, 1))
    assert ("document", kept.pk) not in due_now(D(2030, 1, 1))
    assert due_now(D(2023, 5, 10))[("document", due.pk)].due_on == D(2023, 5, 10)
    assert ("document", due.pk) not in due_now(D(2023, 5, 9))


def test_a_type_without_period_of_its_own_goes_with_its_file(team, worker):
    identity = document_type("identite", None, S.FILE_CLOSED)
    file = closed_file(team, D(2001, 1, 1))
    document = add_document(file, identity, worker, data=b"carte", document_date=D(2000, 1, 1))
    due = due_now(D(2026, 12, 2))
    assert ("document", document.pk) not in due
    assert ("file", file.pk) in due  # closed over 10 years ago: anonymised, documents included


def test_letters_count_from_their_date_their_notification_or_the_closure(team, worker):
    file = closed_file(team, D(2018, 6, 30))
    acknowledgement = add_letter(file, Kind.ACKNOWLEDGEMENT, worker, created=at(D(2015, 2, 1)))
    hearing = add_letter(file, Kind.HEARING, worker, created=at(D(2015, 2, 1)))
    notification = add_letter(file, Kind.NOTIFICATION, worker, created=at(D(2015, 3, 1)))
    RetentionRule.objects.filter(key=Kind.HEARING).update(start=RetentionRule.Start.LETTER_NOTIFIED)
    Letter = type(hearing)
    Letter.objects.filter(pk=hearing.pk).update(notified_on=D(2015, 4, 15))
    due = due_now(D(2028, 6, 30))
    assert due[("letter", acknowledgement.pk)].due_on == D(2020, 2, 1)
    assert due[("letter", hearing.pk)].due_on == D(2020, 4, 15)
    assert due[("letter", notification.pk)].due_on == D(2028, 6, 30)  # 10 years after the closure
    assert ("letter", notification.pk) not in due_now(D(2028, 6, 29))
    assert due[("letter", acknowledgement.pk)].disposal == RetentionRule.Disposal.ANONYMISE


def test_a_closed_file_is_due_ten_years_after_its_closure_by_default(team):
    file = closed_file(team, D(2016, 12, 2))
    closed_file(team, D(2016, 12, 3))
    item = due_now(D(2026, 12, 2))[("file", file.pk)]
    assert (item.start_on, item.due_on, item.disposal) == (D(2016, 12, 2), D(2026, 12, 2), "anonymise")
    assert [f.pk for f in selectors.due_files(Window.now(D(2026, 12, 2)), selectors.file_rule())] == [file.pk]


def test_every_default_rule_is_to_confirm_with_the_dpo_and_says_its_basis():
    rules = RetentionRule.objects.all()
    assert {(r.target, r.key) for r in rules} == {
        ("file_status", "open"),
        ("file_status", "dormant"),
        ("file_status", "closed"),
        *(("letter_kind", kind) for kind in Kind.values),
    }
    for rule in rules:
        assert not rule.confirmed_by_dpo
        assert "À confirmer avec le DPO." in rule.legal_basis
        rule.full_clean()
