"""Writing a proposal from a request: the form, the live preview, saving, the head's corrections."""

import datetime
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from access.roles import Role
from audit.models import AuditEvent
from files.models import FileEvent
from tests.factories import TeamFactory, UserFactory
from tests.files.conftest import client_for, page_text
from tests.workflow.conftest import RI_LEGAL_BASIS, form_data
from workflow.declaration import State
from workflow.models import Proposal, ProposalVersion

pytestmark = pytest.mark.django_db


def create_url(aid_request):
    return reverse("workflow:create", kwargs={"file_pk": aid_request.file_id, "request_pk": aid_request.pk})


def preview_url(aid_request):
    return reverse("workflow:preview", kwargs={"file_pk": aid_request.file_id, "request_pk": aid_request.pk})


def url(name, proposal):
    return reverse(f"workflow:{name}", kwargs={"file_pk": proposal.file_id, "proposal_pk": proposal.pk})


def typed_in(response, name: str) -> str:
    """What the form field shows (a text input's value or a textarea's text)."""
    field = BeautifulSoup(response.content, "html.parser").find(attrs={"name": name})
    return field.get("value", "") if field.name == "input" else field.get_text().strip()


def submit(proposal):
    """The proposal as the social worker's submission leaves it (the transition is the lead's part)."""
    Proposal.objects.filter(pk=proposal.pk).update(state=State.SUBMITTED)
    proposal.refresh_from_db()


def test_the_requests_tab_offers_to_write_the_proposal(worker, ri_request):
    response = client_for(worker).get(reverse("files:requests", args=[ri_request.file_id]))
    assert "Rédiger la proposition" in page_text(response)
    assert create_url(ri_request) in response.content.decode()


def test_the_form_is_prefilled_from_the_catalogue_and_the_request(worker, ri_request, ri):
    response = client_for(worker).get(create_url(ri_request))
    form = response.context["form"]
    assert form.initial["aid_type"] == ri
    assert form.initial["periodicity"] == "monthly"
    assert form.initial["motivation_law"] == RI_LEGAL_BASIS
    assert form.initial["start_on"] == datetime.date(2026, 3, 2)  # aid runs from the day of the request
    assert "Article 1017, alinéas 1er et 2, du Code judiciaire" in page_text(
        response
    )  # the letter shows beside the form


def test_saving_creates_a_draft_with_its_first_version_audit_and_timeline(worker, ri_request, ri, isole):
    data = {
        "aid_type": ri.pk,
        "category": isole.pk,
        "granted": "True",
        "amount": "1.340,49",
        "computation": "Taux isolé.",
        "start_on": "02/03/2026",
        "periodicity": "monthly",
        "motivation_facts": "Sans ressources.",
        "motivation_law": RI_LEGAL_BASIS,
        "heard_informed_on": "02/03/2026",
    }
    response = client_for(worker).post(create_url(ri_request), data)
    proposal = Proposal.objects.get(request=ri_request)
    assert response.status_code == 302 and response.url == url("detail", proposal)
    assert proposal.state == State.DRAFT and proposal.amount == Decimal("1340.49")
    version = ProposalVersion.objects.get(proposal=proposal)
    assert (version.number, version.author, version.content["amount"]) == (1, worker, "1340.49")
    event = AuditEvent.objects.get(verb=AuditEvent.Verb.CREATE, target_type="workflow.proposal")
    assert event.user == worker and event.file_id == ri_request.file_id
    assert event.detail["changes"]["amount"] == [None, "1340.49"]
    assert FileEvent.objects.filter(file=ri_request.file, kind=FileEvent.Kind.PROPOSAL).exists()


def test_bad_input_is_explained_in_french_and_nothing_typed_is_lost(worker, ri_request, ri, isole):
    data = {
        "aid_type": ri.pk,
        "category": isole.pk,
        "granted": "True",
        "amount": "mille euros",
        "start_on": "31/03/2026",
        "end_on": "01/03/2026",
        "periodicity": "monthly",
        "motivation_facts": "Texte long que l'assistante a mis dix minutes à écrire.",
    }
    response = client_for(worker).post(create_url(ri_request), data)
    text = page_text(response)
    assert response.status_code == 200
    assert "Montant non valable : tapez-le en euros, par exemple 1314,20." in text
    assert not Proposal.objects.exists()
    assert typed_in(response, "motivation_facts") == "Texte long que l'assistante a mis dix minutes à écrire."
    assert typed_in(response, "amount") == "mille euros"
    # Once the amount is right, the service checks the period.
    response = client_for(worker).post(create_url(ri_request), data | {"amount": "1314,20"})
    assert "La fin ne peut pas précéder le début (31/03/2026)." in page_text(response)
    assert not Proposal.objects.exists()


def test_the_live_preview_answers_the_letter_fragment_for_what_is_typed(worker, ri_request, ri, isole):
    data = {
        "aid_type": ri.pk,
        "category": isole.pk,
        "granted": "True",
        "amount": "1314,2",
        "periodicity": "monthly",
    }
    response = client_for(worker).post(preview_url(ri_request), data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<article" in html
    assert "Montant : 1.314,20 €" in page_text(response)
    assert "catégorie « isolé »" in page_text(response)
    assert "la motivation en fait" in page_text(response)  # still missing, and said so


def test_the_preview_is_refused_to_whoever_may_not_write_proposals(legal_officer, ri_request):
    response = client_for(legal_officer).post(preview_url(ri_request), {"amount": "1"})
    assert response.status_code == 403


def test_the_preview_of_another_team_s_file_answers_as_a_missing_file(ri_request):
    outsider = UserFactory(role=Role.SOCIAL_WORKER, teams=[TeamFactory(name="Antenne Jemappes")])
    assert client_for(outsider).post(preview_url(ri_request), {"amount": "1"}).status_code == 404


def test_a_head_correcting_a_submitted_proposal_makes_a_version_the_author_sees(worker, head, proposal):
    submit(proposal)
    corrected = "La personne réside à Mons et ne dispose pas de revenus depuis janvier."
    response = client_for(head).post(
        url("edit", proposal),
        form_data(
            proposal,
            amount="876,13",
            amount_override_reason="Cohabite en fait avec sa sœur.",
            motivation_facts=corrected,
        ),
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.version, proposal.amount, proposal.state) == (2, Decimal("876.13"), State.SUBMITTED)
    assert proposal.versions.get(number=2).author == head

    page = client_for(worker).get(url("detail", proposal))
    text = page_text(page)
    assert "Version 2 – Claire Renard" in text
    assert "1.340,49 €" in text and "876,13 €" in text  # the amount, before and after
    html = page.content.decode()
    assert "<del>en Belgique, est majeure</del> <ins>à Mons</ins>" in html  # the head's words, in place
    changes = AuditEvent.objects.get(verb=AuditEvent.Verb.UPDATE, target_type="workflow.proposal").detail[
        "changes"
    ]
    assert changes["amount"] == ["1340.49", "876.13"]
    assert FileEvent.objects.filter(summary__startswith="Proposition modifiée (version 2)").exists()


def test_the_author_may_no_longer_edit_once_submitted(worker, proposal):
    submit(proposal)
    client = client_for(worker)
    assert client.get(url("edit", proposal)).status_code == 403
    assert client.post(url("edit", proposal), form_data(proposal, conditions="x")).status_code == 403
    assert "Modifier la proposition" not in page_text(client.get(url("detail", proposal)))


def test_a_save_over_a_colleague_s_is_refused_and_keeps_what_was_typed(worker, head, proposal):
    opened = form_data(proposal)  # both opened version 1
    client_for(head).post(url("edit", proposal), opened | {"conditions": "Conditions du chef."})
    mine = "Ma version des conditions, tapée longuement."
    response = client_for(worker).post(url("edit", proposal), opened | {"conditions": mine})
    assert response.status_code == 409
    assert "Claire Renard a enregistré cette proposition entre-temps" in page_text(response)
    assert typed_in(response, "conditions") == mine  # still in the form
    proposal.refresh_from_db()
    assert proposal.conditions == "Conditions du chef." and proposal.version == 2
    # Sending again (now on version 2) is deliberate and saves.
    response = client_for(worker).post(url("edit", proposal), opened | {"conditions": mine, "version": 2})
    proposal.refresh_from_db()
    assert response.status_code == 302 and proposal.conditions == mine and proposal.version == 3


def test_reading_the_proposal_is_recorded_in_the_audit_trail(worker, proposal):
    client_for(worker).get(url("detail", proposal))
    read = AuditEvent.objects.filter(verb=AuditEvent.Verb.VIEW, target_type="workflow.proposal").get()
    assert read.user == worker and read.file_id == proposal.file_id


def test_a_second_proposal_for_the_same_request_continues_the_first(worker, proposal):
    response = client_for(worker).get(create_url(proposal.request))
    assert response.status_code == 302 and response.url == url("detail", proposal)
