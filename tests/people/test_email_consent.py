"""The beneficiary's lasting consent to receive letters by e-mail: recorded and withdrawn by who edits the
identity, audited with its old and new values, shown on the identity and summary pages and on the timeline."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from files.models import FileEvent
from people.models import Person
from tests.login import verified_login
from tests.people.helpers import url

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


@pytest.fixture
def with_email(beneficiary):
    beneficiary.email = "marie.dupont@example.org"
    beneficiary.save()
    return beneficiary


def test_the_consent_is_recorded_shown_audited_and_on_the_timeline(
    as_worker, social_file, with_email, worker
):
    given = datetime.date(2026, 10, 5)
    response = as_worker.post(url("email_consent", social_file), {"given": "yes", "day": "05/10/2026"})
    assert response.status_code == 302
    person = Person.objects.get(pk=with_email.pk)
    assert (person.email_consent_on, person.email_consent_withdrawn_on) == (given, None)
    assert person.email_consent_recorded_by == worker
    assert person.has_email_consent()

    identity = text(as_worker.get(url("identity", social_file)))
    assert "Courrier par e-mail Accord donné le 05/10/2026 (enregistré par Sophie Lambert)" in identity
    summary = text(as_worker.get(reverse("files:detail", args=[social_file.pk])))
    assert "Accord donné le 05/10/2026" in summary
    event = FileEvent.objects.get(file=social_file, kind=FileEvent.Kind.EMAIL_CONSENT)
    assert "marie.dupont@example.org" in event.summary and "05/10/2026" in event.summary
    assert timezone.localdate(event.occurred_at) == given  # dated on the day the person agreed
    audit = AuditEvent.objects.get(target_type="people.person", verb=AuditEvent.Verb.UPDATE)
    assert audit.file_id == social_file.pk
    assert audit.detail["changes"]["email_consent_on"] == [None, "2026-10-05"]
    assert audit.detail["changes"]["email_consent_recorded_by"] == [None, worker.get_username()]


def test_a_withdrawal_keeps_the_date_of_the_consent_and_is_audited(as_worker, social_file, with_email):
    as_worker.post(url("email_consent", social_file), {"given": "yes", "day": "05/10/2026"})
    as_worker.post(url("email_consent", social_file), {"given": "no", "day": "20/11/2026"})
    person = Person.objects.get(pk=with_email.pk)
    assert (person.email_consent_on, person.email_consent_withdrawn_on) == (
        datetime.date(2026, 10, 5),
        datetime.date(2026, 11, 20),
    )
    assert not person.has_email_consent()
    assert person.has_email_consent(on=datetime.date(2026, 11, 19))  # a letter e-mailed before it stays valid
    withdrawal = AuditEvent.objects.filter(target_type="people.person").latest("id")
    assert withdrawal.detail["changes"]["email_consent_withdrawn_on"] == [None, "2026-11-20"]
    assert "Accord retiré le 20/11/2026" in text(as_worker.get(url("identity", social_file)))
    assert FileEvent.objects.filter(file=social_file, kind=FileEvent.Kind.EMAIL_CONSENT).count() == 2


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"given": "yes", "day": "01/01/2099"}, "La date ne peut pas être dans le futur."),
        ({"given": "no", "day": "01/10/2026"}, "Aucun accord en cours à retirer."),
        ({"day": "01/10/2026"}, "Indiquez si la personne donne ou retire son accord."),
    ],
)
def test_bad_input_gets_a_french_message_and_changes_nothing(
    as_worker, social_file, with_email, post, message
):
    response = as_worker.post(url("email_consent", social_file), post)
    assert response.status_code == 200
    assert message in text(response)
    assert Person.objects.get(pk=with_email.pk).email_consent_on is None
    assert not FileEvent.objects.filter(kind=FileEvent.Kind.EMAIL_CONSENT).exists()


def test_without_an_e_mail_address_the_consent_is_refused(as_worker, social_file, beneficiary):
    response = as_worker.post(url("email_consent", social_file), {"given": "yes", "day": "05/10/2026"})
    assert "Enregistrez d'abord l'adresse e-mail de la personne" in text(response)
    assert Person.objects.get(pk=beneficiary.pk).email_consent_on is None


def test_who_may_not_edit_the_identity_may_not_record_a_consent(
    client, social_file, with_email, payment_clerk
):
    verified_login(client, payment_clerk)
    assert client.get(url("email_consent", social_file)).status_code == 403
    response = client.post(url("email_consent", social_file), {"given": "yes", "day": "05/10/2026"})
    assert response.status_code == 403
    assert Person.objects.get(pk=with_email.pk).email_consent_on is None
    assert "Enregistrer un accord" not in text(client.get(url("identity", social_file)))
