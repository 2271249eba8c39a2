"""Dispatch: registered mail and its posting list, hand delivery, e-mail; the notification date and appeal."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from access.roles import Role
from audit.models import AuditEvent
from letters import deadlines, services
from letters.models import Kind, Letter
from people.models import Person
from tests.factories import UserFactory
from tests.files.conftest import client_for, page_text
from tests.letters.conftest import pdf_text
from tests.workflow.steps.test_digest import inbox  # noqa: F401 - the local SMTP server fixture
from workflow.models import BackOfficeTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def notification(decision, people):
    return services.generate(
        actor=people["legal"], kind=Kind.NOTIFICATION, file=decision.proposal.file, decision=decision
    )


def test_hand_delivery_records_the_date_shows_the_appeal_deadline_and_closes_the_notify_task(
    notification, people
):
    today = timezone.localdate()
    legal = client_for(people["legal"])
    response = legal.post(
        reverse("letters:dispatch", args=[notification.pk]),
        {"method": "hand", "sent_on": today.isoformat(), "receipt_signed": "on"},
    )
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.notified_on == today
    appeal = deadlines.appeal_deadline(today)
    assert appeal >= today + datetime.timedelta(days=89)
    page = legal.get(reverse("letters:file", args=[notification.file_id])).content.decode()
    assert f"{appeal:%d/%m/%Y}" in page
    assert "dans les temps" in page  # notified within 8 days of the decision
    task = notification.decision.tasks.get(kind=BackOfficeTask.Kind.NOTIFY)
    assert task.status == BackOfficeTask.Status.DONE


def test_an_acknowledgement_handed_over_starts_no_appeal_delay(decision, people):
    file = decision.proposal.file
    acknowledgement = services.generate(
        actor=people["worker"], kind=Kind.ACKNOWLEDGEMENT, file=file, request=decision.proposal.request
    )
    services.dispatch(
        actor=people["legal"], letter=acknowledgement, method="hand", sent_on=timezone.localdate()
    )
    rows = page_text(client_for(people["legal"]).get(reverse("letters:register")))
    appeal = deadlines.appeal_deadline(timezone.localdate())
    assert acknowledgement.code in rows and f"{appeal:%d/%m/%Y}" not in rows


def test_a_registered_letter_counts_as_notified_three_working_days_after_posting(notification, people):
    posted = datetime.date(2026, 11, 20)  # a Friday
    services.dispatch(
        actor=people["legal"],
        letter=notification,
        method="registered",
        sent_on=posted,
        registered_number="RR1",
    )
    assert notification.notified_on == datetime.date(2026, 11, 25)  # Mon, Tue, Wed
    assert deadlines.appeal_deadline(notification.notified_on) == datetime.date(2027, 2, 25)


def test_the_posting_list_names_each_registered_number(notification, people):
    today = timezone.localdate()
    legal = client_for(people["legal"])
    legal.post(
        reverse("letters:dispatch", args=[notification.pk]),
        {"method": "registered", "sent_on": today.isoformat(), "registered_number": "RR 1234 5678 9BE"},
    )
    response = legal.get(reverse("letters:registered_list"), {"jour": today.isoformat()})
    text = pdf_text(response.content)
    assert "RR 1234 5678 9BE" in text
    assert notification.file.reference in text
    assert f"{today:%d/%m/%Y}" in text


def test_registered_mail_without_its_number_is_refused_in_french(notification, people):
    response = client_for(people["legal"]).post(
        reverse("letters:dispatch", args=[notification.pk]),
        {"method": "registered", "sent_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400
    assert "Indiquez le numéro du recommandé." in response.content.decode()
    assert Letter.objects.get().method == ""


def test_e_mail_is_sent_only_with_the_person_s_consent_on_record(
    inbox,  # noqa: F811
    notification,
    people,
    django_capture_on_commit_callbacks,
):
    person = notification.file.beneficiary
    person.email = "marie.dubois@example.org"
    person.save()
    url = reverse("letters:dispatch", args=[notification.pk])
    legal = client_for(people["legal"])
    today = timezone.localdate()
    refused = legal.post(url, {"method": "email", "sent_on": today.isoformat()})
    assert refused.status_code == 400
    assert "n'a pas donné son accord pour recevoir son courrier par e-mail" in page_text(refused)
    assert inbox.messages == []
    Person.objects.filter(pk=person.pk).update(email_consent_on=today - datetime.timedelta(days=30))
    form = page_text(legal.get(url))
    assert f"Accord donné le {today - datetime.timedelta(days=30):%d/%m/%Y}" in form
    assert "vient de donner son accord" not in form  # on record: not asked again
    with django_capture_on_commit_callbacks(execute=True):  # sent once the dispatch is committed
        assert legal.post(url, {"method": "email", "sent_on": today.isoformat()}).status_code == 302
    [(recipients, message)] = inbox.messages
    assert recipients == ["marie.dubois@example.org"]
    [attachment] = [part for part in message.walk() if part.get_filename()]
    assert attachment.get_filename() == f"{notification.code}.pdf"


def test_a_consent_declared_at_dispatch_is_kept_on_the_person_and_audited(
    inbox,  # noqa: F811
    notification,
    people,
    django_capture_on_commit_callbacks,
):
    person = notification.file.beneficiary
    person.email = "marie.dubois@example.org"
    person.save()
    clerk = UserFactory(role=Role.MAIL_CLERK)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(clerk).post(
            reverse("letters:dispatch", args=[notification.pk]),
            {"method": "email", "sent_on": today.isoformat(), "consent_now": "on"},
        )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.email_consent_on, person.email_consent_recorded_by) == (today, clerk)
    assert person.has_email_consent()
    event = AuditEvent.objects.get(target_type="people.person", verb=AuditEvent.Verb.UPDATE)
    assert event.user == clerk
    assert event.detail["declared_at_dispatch"] is True
    assert event.detail["changes"]["email_consent_on"] == [None, today.isoformat()]
    assert len(inbox.messages) == 1


def test_a_withdrawn_consent_no_longer_allows_e_mail(inbox, notification, people):  # noqa: F811
    person = notification.file.beneficiary
    today = timezone.localdate()
    Person.objects.filter(pk=person.pk).update(
        email="marie.dubois@example.org",
        email_consent_on=today - datetime.timedelta(days=60),
        email_consent_withdrawn_on=today - datetime.timedelta(days=2),
    )
    notification.file.beneficiary.refresh_from_db()
    with pytest.raises(ValidationError, match="pas donné son accord"):
        services.dispatch(actor=people["legal"], letter=notification, method="email", sent_on=today)
    assert inbox.messages == []
    notification.refresh_from_db()
    assert notification.method == ""
