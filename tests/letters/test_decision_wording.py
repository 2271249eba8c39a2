"""Who decided, in the notification's words: the body and the date of its meeting, or the president deciding
alone in urgency and its legal basis; a placeholder only in the preview, before any decision."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from committee.models import AgendaItem, Body, Meeting
from letters import services
from letters.models import Kind
from tests.committee.conftest import at
from tests.files.conftest import client_for, page_text
from tests.letters.conftest import decide, letter_text
from tests.workflow.steps.conftest import make_proposal
from workflow import services as workflow_services
from workflow.declaration import State
from workflow.notification import render_notification

pytestmark = pytest.mark.django_db


def notification_text(decision, who) -> str:
    letter = services.generate(
        actor=who, kind=Kind.NOTIFICATION, file=decision.proposal.file, decision=decision
    )
    return letter_text(letter)


def test_the_president_s_urgent_decision_says_so_with_its_day_and_legal_basis(
    file, request_, worker, aid_type, people
):
    proposal = make_proposal(file, request_, worker, aid_type, state=State.VALIDATED)
    workflow_services.take(
        actor=people["president"],
        proposal=proposal,
        transition="urgent_grant",
        expected_version=proposal.version,
        comment="Expulsion imminente",
    )
    decision = proposal.decisions.get()
    text = notification_text(decision, people["legal"])
    assert f"Le Président, statuant en urgence le {decision.decided_on:%d/%m/%Y}" in text
    assert "article 28, § 6, de la loi organique des CPAS du 8 juillet 1976" in text
    assert "en sa séance" not in text and "…" not in text


def test_the_legal_basis_of_urgency_is_configuration(file, request_, worker, aid_type, people, settings):
    settings.URGENT_DECISION_LEGAL_BASIS = "l'article 28, § 6, du décret régional (test)"
    proposal = make_proposal(file, request_, worker, aid_type, state=State.VALIDATED)
    workflow_services.take(
        actor=people["president"],
        proposal=proposal,
        transition="urgent_grant",
        expected_version=1,
        comment="Urgence",
    )
    assert "en application de l'article 28, § 6, du décret régional (test)" in notification_text(
        proposal.decisions.get(), people["legal"]
    )


def test_a_decision_recorded_outside_a_meeting_gives_its_own_day(decision, people):
    text = notification_text(decision, people["legal"])
    assert (
        f"Le Comité spécial du service social, en sa séance du {decision.decided_on:%d/%m/%Y}, a décidé"
        in text
    )


def test_only_the_preview_before_any_decision_keeps_a_placeholder(file, request_, worker, aid_type, people):
    proposal = make_proposal(file, request_, worker, aid_type, state=State.ON_AGENDA)
    assert "Le Comité spécial du service social, en sa séance du …, a décidé" in render_notification(proposal)
    decision = decide(proposal, people["secretary"])
    assert "…" not in render_notification(proposal, decision=decision).split("Motifs")[0]
    assert f"{timezone.localdate():%d/%m/%Y}" in render_notification(proposal, decision=decision)


def test_the_preview_of_an_aid_the_president_decides_announces_an_urgent_decision(
    file, request_, worker, aid_type
):
    aid_type.deciding_body = "president"
    aid_type.save()
    proposal = make_proposal(file, request_, worker, aid_type)
    assert "Le Président, statuant en urgence le … en application de" in render_notification(proposal)


def test_every_screen_says_who_decides_as_soon_as_it_is_known(file, request_, worker, aid_type, people):
    """The proposal's page shows the urgent decision's words once taken, and a proposal on the agenda of a
    meeting not yet held names that meeting rather than a placeholder."""
    urgent = make_proposal(file, request_, worker, aid_type, state=State.VALIDATED)
    workflow_services.take(
        actor=people["president"],
        proposal=urgent,
        transition="urgent_grant",
        expected_version=urgent.version,
        comment="Expulsion imminente",
    )
    page = page_text(client_for(worker).get(reverse("workflow:detail", args=[file.pk, urgent.pk])))
    assert f"Le Président, statuant en urgence le {timezone.localdate():%d/%m/%Y}" in page
    assert "en sa séance du …" not in page

    scheduled = make_proposal(file, request_, worker, aid_type, state=State.ON_AGENDA)
    body = Body.objects.create(
        kind=Body.Kind.COMMITTEE, president=people["president"], secretary=people["secretary"]
    )
    meeting = Meeting.objects.create(body=body, starts_at=at(datetime.date(2026, 12, 3)), place="Salle")
    AgendaItem.objects.create(meeting=meeting, proposal=scheduled, number=1)
    preview = render_notification(scheduled)
    assert "Comité spécial du service social, en sa séance du 03/12/2026, a décidé" in preview
