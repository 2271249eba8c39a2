"""After a meeting is closed, the legal service generates the notifications of its decisions in one batch."""

import datetime

import pytest
from django.urls import reverse

from access.roles import Role
from committee import services
from files.models import AidRequest
from letters import services as letter_services
from letters.models import Batch, Kind, Letter
from tests.committee.test_meeting import in_session
from tests.factories import UserFactory
from tests.files.conftest import client_for, page_text
from tests.letters.conftest import IMMEDIATE, letter_text
from tests.meetings import decide_in_session
from tests.workflow.steps.conftest import make_proposal
from workflow.declaration import State

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def letters_in_a_temporary_folder(settings, tmp_path):
    """Letters are written under a throwaway MEDIA_ROOT; the batch job runs at once (no worker in tests)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.TASKS = IMMEDIATE


def test_the_notifications_of_a_closed_meeting_are_generated_together(
    board, meeting, ready, file, worker, aid_type, django_capture_on_commit_callbacks
):
    items = in_session(board, meeting, [board["president"], *board["members"]])
    services.decide_rest_as_proposed(actor=board["secretary"], meeting=meeting, exceptions=set())
    services.close(actor=board["secretary"], meeting=meeting)
    other_request = AidRequest.objects.create(
        file=file, aid="financial", requested_on=datetime.date(2026, 11, 2), registered_by=worker
    )
    elsewhere = make_proposal(file, other_request, worker, aid_type, state=State.ON_AGENDA)
    decide_in_session(elsewhere, by=board["secretary"])  # in another meeting, still in session

    legal = client_for(UserFactory(role=Role.LEGAL_OFFICER))
    register = page_text(legal.get(reverse("letters:register")))
    assert "Séances clôturées à notifier" in register and "03/12/2026" in register
    with django_capture_on_commit_callbacks(execute=True):
        legal.post(reverse("letters:batch_start"), {"meeting": meeting.pk})
    batch = Batch.objects.get()
    assert (batch.total, batch.status) == (len(items), Batch.Status.DONE)
    decided = {item.decision_id for item in meeting.items.all()}
    assert set(Letter.objects.filter(batch=batch).values_list("decision_id", flat=True)) == decided
    assert "Séances clôturées à notifier" not in page_text(legal.get(reverse("letters:register")))


def test_the_notification_names_the_body_and_the_date_of_the_meeting_that_decided(board, meeting, ready):
    items = in_session(board, meeting, [board["president"], *board["members"]])
    services.decide_rest_as_proposed(actor=board["secretary"], meeting=meeting, exceptions=set())
    services.close(actor=board["secretary"], meeting=meeting)
    decision = items[0].proposal.decisions.get()
    legal = UserFactory(role=Role.LEGAL_OFFICER)
    letter = letter_services.generate(
        actor=legal, kind=Kind.NOTIFICATION, file=decision.proposal.file, decision=decision
    )
    text = letter_text(letter)
    assert "Le Comité spécial du service social, en sa séance du 03/12/2026, a décidé" in text
    assert "séance du …" not in text
