"""What a step checks before moving: the notification's mentions, the hearing, a mandatory opinion."""

import datetime
import re

import pytest
from django.urls import reverse

from aid.models import AidType
from tests.files.conftest import client_for, page_text
from tests.workflow.steps.conftest import make_proposal
from workflow.declaration import State
from workflow.notification import PLACEHOLDER

pytestmark = pytest.mark.django_db


def step(client, proposal, name, **data):
    proposal.refresh_from_db()
    url = reverse("steps:take", args=[proposal.file_id, proposal.pk, name])
    return client.post(url, {"version": proposal.version, **data}, follow=True)


def test_a_revenu_d_integration_is_submitted_only_once_the_person_was_told_of_the_hearing(
    file, request_, worker, ri
):
    ri_type, isole = ri
    proposal = make_proposal(file, request_, worker, ri_type, category=isole, heard_informed_on=None)
    client = client_for(worker)
    text = page_text(step(client, proposal, "submit"))
    assert "droit d'être entendue" in text
    proposal.refresh_from_db()
    assert proposal.state == State.DRAFT
    proposal.heard_informed_on = datetime.date(2026, 11, 3)
    proposal.save()
    step(client, proposal, "submit")
    proposal.refresh_from_db()
    assert proposal.state == State.SUBMITTED


def test_a_missing_mandatory_opinion_blocks_ready_for_committee(file, request_, worker, ri, people):
    ri_type, isole = ri
    assert ri_type.opinion_required
    proposal = make_proposal(
        file,
        request_,
        worker,
        ri_type,
        category=isole,
        heard_informed_on=datetime.date(2026, 11, 3),
        state=State.VALIDATED,
    )
    head = client_for(people["head"])
    text = page_text(step(head, proposal, "make_ready"))
    assert "L'avis du service juridique est obligatoire" in text
    proposal.refresh_from_db()
    assert proposal.state == State.VALIDATED
    step(head, proposal, "request_opinion")
    proposal.refresh_from_db()
    legal = client_for(people["legal"])
    response = legal.post(
        reverse("steps:opinion", args=[file.pk, proposal.pk]),
        {"verdict": "reserved", "version": proposal.version},
    )
    assert "le texte est requis" in page_text(response)  # a reserved opinion says why
    legal.post(
        reverse("steps:opinion", args=[file.pk, proposal.pk]),
        {"verdict": "reserved", "text": "Vérifier les revenus du partenaire.", "version": proposal.version},
    )
    step(head, proposal, "make_ready")
    proposal.refresh_from_db()
    assert proposal.state == State.READY
    assert "Vérifier les revenus du partenaire" in page_text(
        client_for(worker).get(reverse("workflow:detail", args=[file.pk, proposal.pk]))
    )


def test_a_motivation_still_holding_a_catalogue_blank_cannot_be_submitted(file, request_, worker, ri):
    """The catalogue's paragraphs leave blanks such as « [situation] »: submitting lists them. « [date de la
    demande] » is not one of them any more: the letter fills it with the request's date."""
    ri_type, isole = ri
    assert "[date de la demande]" in ri_type.default_motivation
    proposal = make_proposal(
        file,
        request_,
        worker,
        ri_type,
        category=isole,
        heard_informed_on=datetime.date(2026, 11, 3),
        motivation_facts=ri_type.default_motivation.replace(
            ". L'enquête", ". Vous vivez [situation]. L'enquête"
        ),
    )
    text = page_text(step(client_for(worker), proposal, "submit"))
    assert "la motivation en fait, qui contient encore « [situation] »" in text
    assert "« [date de la demande] »" not in text
    proposal.refresh_from_db()
    assert proposal.state == State.DRAFT
    proposal.motivation_facts = ri_type.default_motivation.replace("[date de la demande]", "02/11/2026")
    proposal.motivation_facts = PLACEHOLDER.sub("…", proposal.motivation_facts)
    proposal.save()
    step(client_for(worker), proposal, "submit")
    proposal.refresh_from_db()
    assert proposal.state == State.SUBMITTED


def test_every_blank_of_the_shipped_catalogue_is_recognised(db):
    for aid_type in AidType.objects.all():
        for text in (aid_type.default_motivation, aid_type.legal_basis):
            assert PLACEHOLDER.findall(text) == re.findall(r"\[[^\]]*\]", text), aid_type.code
