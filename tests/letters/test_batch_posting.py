"""Posting a printed batch: the mail clerk scans each registered label's number beside its letter and records
the whole posting at once; a wrong list saves nothing and keeps what was typed."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from access.roles import Role
from audit.models import AuditEvent
from letters import deadlines, services
from letters.models import Batch, Kind, Letter
from tests.factories import UserFactory
from tests.files.conftest import client_for, page_text
from tests.letters.conftest import decide
from tests.workflow.steps.conftest import make_proposal
from workflow.declaration import State
from workflow.models import BackOfficeTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(file, request_, worker, aid_type, people):
    """A printed batch of three notifications."""
    batch = Batch.objects.create(created_by=people["legal"], total=3, done=3, status=Batch.Status.DONE)
    for _ in range(3):
        decision = decide(
            make_proposal(file, request_, worker, aid_type, state=State.ON_AGENDA), people["secretary"]
        )
        services.generate(
            actor=people["legal"], kind=Kind.NOTIFICATION, file=file, decision=decision, batch=batch
        )
    batch.merged_pdf.save("lot.pdf", ContentFile(services.merge(batch.letters.order_by("id"))))
    return batch


@pytest.fixture
def clerk(db):
    return UserFactory(first_name="Marc", last_name="Dubuisson", role=Role.MAIL_CLERK)


def numbers_form(letters, numbers, day):
    typed = {f"numero-{letter.pk}": number for letter, number in zip(letters, numbers, strict=True)}
    return {"sent_on": day.isoformat(), **typed}


def test_the_clerk_records_the_numbers_of_a_pile_and_leaves_an_empty_row_to_post(batch, clerk):
    letters = list(batch.letters.order_by("id"))
    client = client_for(clerk)
    page = page_text(client.get(reverse("letters:batch_post", args=[batch.pk])))
    assert all(letter.code in page for letter in letters)
    today = timezone.localdate()
    response = client.post(
        reverse("letters:batch_post", args=[batch.pk]),
        numbers_form(letters, ["rr 123 456 785 be", "RR123456799BE", ""], today),
    )
    assert response.status_code == 302
    posted = [Letter.objects.get(pk=letter.pk) for letter in letters]
    assert [ltr.registered_number for ltr in posted] == ["RR123456785BE", "RR123456799BE", ""]
    assert [ltr.method for ltr in posted] == ["registered", "registered", ""]
    assert posted[0].notified_on == deadlines.notified_on("registered", today)
    tasks = [ltr.decision.tasks.get(kind=BackOfficeTask.Kind.NOTIFY).status for ltr in posted]
    assert tasks == ["done", "done", "todo"]
    assert AuditEvent.objects.filter(user=clerk, target_type="letters.letter", verb="update").count() == 2
    register = page_text(client.get(response.url))
    assert "2 lettre(s) enregistrée(s) comme déposée(s)" in register
    remaining = page_text(client.get(reverse("letters:batch_post", args=[batch.pk])))
    assert letters[2].code in remaining and letters[0].code not in remaining


def test_a_number_typed_twice_saves_nothing_and_keeps_what_was_typed(batch, clerk):
    letters = list(batch.letters.order_by("id"))
    response = client_for(clerk).post(
        reverse("letters:batch_post", args=[batch.pk]),
        numbers_form(letters, ["RR123456785BE", "RR123456785BE", "RR123456802BE"], timezone.localdate()),
    )
    assert response.status_code == 400
    text = page_text(response)
    assert "rien n'a été enregistré" in text
    assert f"Numéro déjà saisi pour la lettre {letters[0].code}." in text
    assert 'value="RR123456802BE"' in response.content.decode()
    assert not Letter.objects.exclude(method="").exists()


def test_a_number_already_used_by_another_letter_is_refused(batch, clerk, people):
    letters = list(batch.letters.order_by("id"))
    services.dispatch(
        actor=people["legal"],
        letter=letters[0],
        method="registered",
        sent_on=timezone.localdate(),
        registered_number="RR123456785BE",
    )
    response = client_for(clerk).post(
        reverse("letters:batch_post", args=[batch.pk]),
        numbers_form(letters[1:], ["RR123456785BE", ""], timezone.localdate()),
    )
    assert response.status_code == 400
    taken = f"Ce numéro de recommandé est déjà utilisé pour la lettre {letters[0].code}."
    assert taken in page_text(response)


def test_a_posting_date_in_the_future_or_missing_is_refused_in_french(batch, clerk):
    letters = list(batch.letters.order_by("id"))
    url = reverse("letters:batch_post", args=[batch.pk])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    future = client_for(clerk).post(url, numbers_form(letters, ["RR123456785BE", "", ""], tomorrow))
    assert "La date d'envoi ne peut pas être dans le futur." in page_text(future)
    missing = client_for(clerk).post(url, {"sent_on": "", f"numero-{letters[0].pk}": "RR123456785BE"})
    assert "Indiquez la date de dépôt à la poste." in page_text(missing)
    assert not Letter.objects.exclude(method="").exists()
