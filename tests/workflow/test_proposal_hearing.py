"""Right to be heard (revenu d'intégration): a hearing recorded on the proposal, before the decision."""

import datetime

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from files.models import FileEvent
from tests.files.conftest import client_for, page_text
from workflow.models import Hearing

pytestmark = pytest.mark.django_db


def url(name, proposal):
    return reverse(f"workflow:{name}", kwargs={"file_pk": proposal.file_id, "proposal_pk": proposal.pk})


def test_a_hearing_is_recorded_audited_and_shown_on_the_proposal(worker, proposal):
    client = client_for(worker)
    data = {
        "held_on": "05/03/2026",
        "attendees": "Mme Dubois, son fils, A. Lambert",
        "summary": "Elle explique.",
    }
    response = client.post(url("hearing", proposal), data)
    assert response.status_code == 302
    hearing = Hearing.objects.get(proposal=proposal)
    assert (hearing.held_on, hearing.recorded_by) == (datetime.date(2026, 3, 5), worker)
    audit = AuditEvent.objects.get(verb=AuditEvent.Verb.CREATE, target_type="workflow.hearing")
    assert audit.file_id == proposal.file_id and audit.detail["changes"]["summary"] == [
        None,
        "Elle explique.",
    ]
    assert FileEvent.objects.filter(
        kind=FileEvent.Kind.HEARING, summary__startswith="Audition du 05/03/2026"
    ).exists()
    text = page_text(client.get(url("detail", proposal)))
    assert "Audition du 05/03/2026" in text and "Mme Dubois, son fils, A. Lambert" in text


def test_a_hearing_in_the_future_or_without_attendees_is_refused_in_french(worker, proposal):
    future = (datetime.date.today() + datetime.timedelta(days=3)).strftime("%d/%m/%Y")
    response = client_for(worker).post(
        url("hearing", proposal), {"held_on": future, "attendees": "", "summary": "x"}
    )
    text = page_text(response)
    assert "Indiquez qui était présent." in text
    response = client_for(worker).post(
        url("hearing", proposal), {"held_on": future, "attendees": "X", "summary": "x"}
    )
    assert "L'audition ne peut pas être dans le futur : enregistrez-la une fois tenue." in page_text(response)
    assert not Hearing.objects.exists()


def test_the_legal_service_reads_hearings_but_does_not_record_them(legal_officer, proposal):
    client = client_for(legal_officer)
    assert client.get(url("detail", proposal)).status_code == 200
    assert client.post(url("hearing", proposal), {"held_on": "05/03/2026"}).status_code == 403
