"""The notification names the labour court of the domicile (residence, else reference address), never that
of a contact address; a domicile no division serves blocks the letter with what the legal service must
complete."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from letters import services
from letters.models import Batch, Kind, Letter
from people.models import Address
from tests.files.conftest import client_for
from tests.letters.conftest import decide, letter_text
from tests.workflow.steps.conftest import make_proposal
from workflow.declaration import State
from workflow.notification import build

pytestmark = pytest.mark.django_db


def move(person, postal_code, city, kind=Address.Kind.RESIDENCE):
    Address.objects.filter(person=person, kind=kind).update(postal_code=postal_code, city=city)


def test_the_court_is_that_of_the_residence_not_of_a_contact_address(decision, people):
    person = decision.proposal.file.beneficiary
    move(person, "7060", "Soignies")
    Address.objects.create(
        person=person,
        kind=Address.Kind.CONTACT,
        street="rue de Nimy",
        number="1",
        postal_code="7000",
        city="Mons",
        valid_from="2024-01-01",
    )
    letter = services.generate(
        actor=people["legal"], kind=Kind.NOTIFICATION, file=decision.proposal.file, decision=decision
    )
    text = letter_text(letter)
    assert "division de La Louvière" in text
    assert "Nimy 70" not in text


def test_a_contact_address_alone_names_no_court(decision):
    person = decision.proposal.file.beneficiary
    Address.objects.filter(person=person).update(kind=Address.Kind.CONTACT)
    notification = build(decision.proposal, decision=decision)
    assert notification.court is None
    assert "une adresse de contact ne suffit pas" in notification.court_problem


def test_a_domicile_no_division_serves_blocks_the_letter_and_keeps_everything(decision, people):
    move(decision.proposal.file.beneficiary, "1030", "Schaerbeek")
    with pytest.raises(ValidationError) as error:
        services.generate(
            actor=people["legal"], kind=Kind.NOTIFICATION, file=decision.proposal.file, decision=decision
        )
    message = error.value.messages[0]
    assert "Aucune division du tribunal du travail n'est connue pour le domicile 1030 Schaerbeek" in message
    assert "Service juridique" in message and "Cantons judiciaires" in message
    assert not Letter.objects.exists()
    assert decision.tasks.get(kind="notify").status != "done"


def test_a_batch_with_an_unserved_domicile_is_refused_before_anything_is_queued(
    file, request_, worker, aid_type, people
):
    served = decide(
        make_proposal(file, request_, worker, aid_type, state=State.ON_AGENDA), people["secretary"]
    )
    move(file.beneficiary, "7870", "Lens")
    assert services.start_batch(actor=people["legal"], decisions=[served]).total == 1  # Lens is served now
    Batch.objects.all().delete()
    move(file.beneficiary, "6600", "Bastogne")
    legal = client_for(people["legal"])
    response = legal.post(reverse("letters:batch_start"), follow=True)
    assert not Batch.objects.exists()
    page = response.content.decode()
    assert "2026/00042 : Aucune division du tribunal du travail" in page
    assert "6600 Bastogne" in page


def test_the_letter_uses_the_seat_valid_on_its_day(decision, people):
    notification = build(decision.proposal, decision=decision, today=datetime.date(2026, 12, 1))
    assert notification.court.street == "rue de Nimy 70"


def test_a_binche_domicile_is_told_its_cases_are_heard_in_la_louviere(decision, people):
    move(decision.proposal.file.beneficiary, "7130", "Binche")
    letter = services.generate(
        actor=people["legal"], kind=Kind.NOTIFICATION, file=decision.proposal.file, decision=decision
    )
    text = letter_text(letter)
    assert "division de Binche, rue des Carrelages 16, 7100 La Louvière" in text
    assert "sont traitées et entendues à la division de La Louvière" in text
