"""The modes the law accepts for a notification: a registered letter, notified on the third working day after
posting (Code judiciaire, art. 53bis), or a hand-over against a dated, signed receipt. An e-mail is a courtesy
copy: no notification date, the notify task stays open. Checked through the services, the dispatch page, the
batch posting and the workflow."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from files.models import FileEvent
from letters import deadlines, services, services_posting
from letters.models import Kind, Letter
from people.models import Person
from tests.files.conftest import client_for, page_text
from workflow import services as workflow_services
from workflow.models import BackOfficeTask

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def notification(decision, people):
    return services.generate(
        actor=people["legal"], kind=Kind.NOTIFICATION, file=decision.proposal.file, decision=decision
    )


def task_of(letter) -> str:
    return letter.decision.tasks.get(kind=BackOfficeTask.Kind.NOTIFY).status


@pytest.mark.parametrize(
    "posted, notified",
    [
        (D(2026, 11, 23), D(2026, 11, 26)),  # Monday: Tue, Wed, Thu
        (D(2026, 11, 20), D(2026, 11, 25)),  # Friday: the weekend does not count
        (D(2026, 11, 10), D(2026, 11, 16)),  # before 11 November (Armistice) and a weekend
        (D(2026, 12, 24), D(2026, 12, 30)),  # before Christmas on a Friday and a weekend
        (D(2027, 3, 26), D(2027, 4, 1)),  # before Easter Monday (29 March 2027)
    ],
)
def test_a_registered_letter_is_notified_the_third_working_day_after_posting(posted, notified):
    assert deadlines.notified_on(Letter.Method.REGISTERED, posted) == notified


def test_a_hand_over_is_notified_on_the_receipt_s_date_and_an_e_mail_never():
    assert deadlines.notified_on(Letter.Method.HAND, D(2026, 11, 21)) == D(2026, 11, 21)
    assert deadlines.notified_on(Letter.Method.EMAIL, D(2026, 11, 21)) is None


def test_registered_posting_before_a_holiday_closes_the_task_with_the_law_s_date(notification, people):
    services.dispatch(
        actor=people["legal"],
        letter=notification,
        method="registered",
        sent_on=D(2026, 11, 10),
        registered_number="RR 1 BE",
    )
    notification.refresh_from_db()
    assert notification.notified_on == D(2026, 11, 16)
    assert deadlines.appeal_deadline(notification.notified_on) == D(2027, 2, 16)
    assert task_of(notification) == BackOfficeTask.Status.DONE


def test_the_batch_posting_says_when_the_letters_count_as_notified(notification, people):
    services_posting.post_registered(
        actor=people["legal"], numbers={notification: "RR 2 BE"}, sent_on=D(2026, 11, 10)
    )
    notification.refresh_from_db()
    assert (notification.method, notification.notified_on) == ("registered", D(2026, 11, 16))
    assert task_of(notification) == BackOfficeTask.Status.DONE


def test_a_hand_over_without_a_signed_receipt_is_refused_and_records_nothing(notification, people):
    legal = client_for(people["legal"])
    url = reverse("letters:dispatch", args=[notification.pk])
    refused = legal.post(url, {"method": "hand", "sent_on": "2026-11-30"})
    assert refused.status_code == 400
    assert "contre un accusé de réception daté et signé" in page_text(refused)
    notification.refresh_from_db()
    assert (notification.method, notification.notified_on) == ("", None)
    assert task_of(notification) == BackOfficeTask.Status.TODO
    with pytest.raises(ValidationError, match="accusé de réception daté et signé"):
        services.dispatch(actor=people["legal"], letter=notification, method="hand", sent_on=D(2026, 11, 30))


def test_a_hand_over_against_a_signed_receipt_notifies_on_its_date(notification, people):
    legal = client_for(people["legal"])
    url = reverse("letters:dispatch", args=[notification.pk])
    sent = legal.post(url, {"method": "hand", "sent_on": "2026-11-30", "receipt_signed": "on"})
    assert sent.status_code == 302
    notification.refresh_from_db()
    assert notification.notified_on == D(2026, 11, 30)
    assert task_of(notification) == BackOfficeTask.Status.DONE
    event = AuditEvent.objects.filter(target_type="letters.letter", verb="update").get()
    assert event.detail["receipt_signed_on"] == "2026-11-30"
    summary = FileEvent.objects.get(kind=FileEvent.Kind.LETTER_SENT).summary
    assert "remise en main propre contre accusé de réception daté et signé du 30/11/2026" in summary


def test_an_e_mail_is_a_courtesy_copy_the_task_stays_open_until_a_real_notification(
    notification, people, mailoutbox, django_capture_on_commit_callbacks
):
    Person.objects.filter(pk=notification.file.beneficiary_id).update(
        email="marie.dubois@example.org", email_consent_on=D(2026, 1, 1)
    )
    notification.file.beneficiary.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.dispatch(actor=people["legal"], letter=notification, method="email", sent_on=D(2026, 11, 30))
    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert (notification.method, notification.sent_on, notification.notified_on) == ("", None, None)
    assert task_of(notification) == BackOfficeTask.Status.TODO
    summary = FileEvent.objects.get(kind=FileEvent.Kind.LETTER_SENT).summary
    assert "copie de courtoisie envoyée par e-mail le 30/11/2026 (ne vaut pas notification" in summary
    with pytest.raises(ValidationError):  # nor can the workflow be told it was notified
        workflow_services.notification_sent(actor=people["legal"], decision=notification.decision)
    assert task_of(notification) == BackOfficeTask.Status.TODO
    services.dispatch(  # the notification itself, afterwards
        actor=people["legal"],
        letter=notification,
        method="registered",
        sent_on=D(2026, 11, 30),
        registered_number="RR 3 BE",
    )
    assert task_of(notification) == BackOfficeTask.Status.DONE


def test_the_dispatch_page_explains_the_modes(notification, people):
    page = page_text(client_for(people["legal"]).get(reverse("letters:dispatch", args=[notification.pk])))
    assert "Un e-mail n'est qu'une copie de courtoisie" in page
    assert "art. 53bis" in page
