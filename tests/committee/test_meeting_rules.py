"""Meeting steps obey the meeting's rules on every path: a direct call to workflow.services.take without a
meeting or with the wrong one, the meeting's page, the admin. A meeting opens on its day, and its time is
shown in Brussels everywhere it is written."""

import datetime

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from access.roles import Role
from committee import rules, services
from committee.models import AgendaItem, Meeting
from committee.selectors import minutes_data
from tests.committee.conftest import MEETING_DAY, at
from tests.factories import UserFactory
from tests.files.conftest import client_for, page_text
from tests.meetings import hold
from tests.workflow.steps.conftest import make_proposal
from workflow import services as workflow
from workflow.declaration import State
from workflow.models import Decision, Proposal, StepRecord

pytestmark = pytest.mark.django_db
DECISIONS = ["grant", "grant_amended", "refuse", "postpone", "return_for_inquiry"]
REFUSED = "Cette étape se fait en séance du comité"


def take(actor, proposal, transition, meeting=None):
    proposal.refresh_from_db()
    return workflow.take(
        actor=actor,
        proposal=proposal,
        transition=transition,
        expected_version=proposal.version,
        comment="Tenté hors séance.",
        meeting=meeting,
    )


def unmoved(proposal, state) -> bool:
    """Still at `state`, with no step but its scheduling."""
    proposal.refresh_from_db()
    return proposal.state == state and not proposal.steps.exclude(transition="schedule").exists()


@pytest.mark.parametrize("who", ["secretary", "president"])
@pytest.mark.parametrize("transition", ["schedule", *DECISIONS])
def test_without_a_meeting_take_refuses_every_meeting_step(board, ready, transition, who):
    proposal = ready[0]
    state = State.READY if transition == "schedule" else State.ON_AGENDA
    Proposal.objects.filter(pk=proposal.pk).update(state=state)
    with pytest.raises(ValidationError, match=REFUSED):
        take(board[who], proposal, transition)
    assert unmoved(proposal, state)


def test_a_decision_needs_a_meeting_in_session_with_quorum_the_item_and_its_recorder(
    board, meeting, ready, file
):
    secretary = board["secretary"]
    services.compose_agenda(actor=secretary, meeting=meeting)
    proposal = ready[0]
    with pytest.raises(ValidationError, match="La séance n'est pas ouverte"):
        take(secretary, proposal, "grant", meeting)  # planned
    meeting = hold(meeting, present=[board["president"]])
    with pytest.raises(ValidationError, match="Le quorum n'est pas atteint"):
        take(secretary, proposal, "grant", meeting)
    hold(meeting)
    outsider = UserFactory(role=Role.COMMITTEE_SECRETARY)  # decides, but records for no body of this meeting
    with pytest.raises(ValidationError, match="de l'organe enregistrent ses décisions"):
        take(outsider, proposal, "grant", meeting)
    other = make_proposal(
        proposal.file, proposal.request, proposal.author, proposal.aid_type, State.ON_AGENDA
    )
    with pytest.raises(ValidationError, match="pas à l'ordre du jour de cette séance"):
        take(secretary, other, "grant", meeting)
    with pytest.raises(PermissionDenied):
        take(board["members"][0], proposal, "grant", meeting)  # a member never records
    assert unmoved(proposal, State.ON_AGENDA) and unmoved(other, State.ON_AGENDA)

    take(secretary, proposal, "grant", meeting)  # the service of the meeting page goes the same way
    proposal.refresh_from_db()
    assert proposal.state == State.DECIDED


def test_a_closed_meeting_decides_nothing_more(board, meeting, ready):
    services.compose_agenda(actor=board["secretary"], meeting=meeting)
    hold(meeting)
    items = list(meeting.items.order_by("number"))
    services.decide_item(actor=board["secretary"], item=items[0], transition="grant")
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CLOSED)
    with pytest.raises(ValidationError, match="clôturée"):
        take(board["secretary"], items[1].proposal, "refuse", meeting)
    assert unmoved(items[1].proposal, State.ON_AGENDA)


def test_the_agenda_is_built_only_while_planned_by_who_manages_meetings(board, meeting, next_meeting, ready):
    secretary, proposal = board["secretary"], ready[0]
    with pytest.raises(PermissionDenied):
        take(board["members"][0], proposal, "schedule", meeting)
    services.add_item(actor=secretary, meeting=meeting, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.state == State.ON_AGENDA
    step = proposal.steps.get()
    assert (step.transition, step.comment) == ("schedule", str(meeting))
    with pytest.raises(ValidationError, match="pas à l'ordre du jour de cette séance"):
        take(secretary, proposal, "unschedule", next_meeting)
    services.freeze(actor=secretary, meeting=meeting)
    with pytest.raises(ValidationError, match="L'ordre du jour est arrêté"):
        take(secretary, proposal, "unschedule", meeting)
    with pytest.raises(ValidationError, match="L'ordre du jour est arrêté"):
        take(secretary, ready[1], "schedule", meeting)
    proposal.refresh_from_db()
    assert proposal.state == State.ON_AGENDA and proposal.steps.count() == 1


def test_an_aid_goes_only_on_the_agenda_of_the_body_that_decides_it(board, meeting, ready):
    proposal = ready[0]
    proposal.aid_type.deciding_body = "bureau"
    proposal.aid_type.save()
    with pytest.raises(ValidationError, match="n'est pas décidée par Comité spécial du service social"):
        services.add_item(actor=board["secretary"], meeting=meeting, proposal=proposal)
    assert unmoved(proposal, State.READY)


def test_ratification_happens_only_in_session(board, meeting, ready, file, request_, worker, aid_type):
    urgent = make_proposal(file, request_, worker, aid_type, state=State.VALIDATED)
    workflow.take(
        actor=board["president"],
        proposal=urgent,
        transition="urgent_grant",
        expected_version=1,
        comment="Urgence",
    )
    decision = urgent.decisions.get()
    with pytest.raises(ValidationError, match=REFUSED):
        workflow.ratify(actor=board["secretary"], decision=decision)
    services.compose_agenda(actor=board["secretary"], meeting=meeting)
    with pytest.raises(ValidationError, match="La séance n'est pas ouverte"):
        workflow.ratify(actor=board["secretary"], decision=decision, meeting=meeting)
    hold(meeting)
    Decision.objects.filter(pk=decision.pk).update(decided_on=MEETING_DAY + datetime.timedelta(days=1))
    decision.refresh_from_db()
    with pytest.raises(ValidationError, match="postérieure à la séance"):
        workflow.ratify(actor=board["secretary"], decision=decision, meeting=meeting)
    Decision.objects.filter(pk=decision.pk).update(decided_on=MEETING_DAY)
    decision.refresh_from_db()
    workflow.ratify(actor=board["president"], decision=decision, meeting=meeting)
    decision.refresh_from_db()
    assert decision.ratified_on == MEETING_DAY


def test_a_meeting_cannot_be_opened_before_its_day(board, next_meeting, ready):
    services.compose_agenda(actor=board["secretary"], meeting=next_meeting)
    services.freeze(actor=board["secretary"], meeting=next_meeting)
    with pytest.raises(
        ValidationError, match="La séance du 17/12/2026 ne peut pas être ouverte avant ce jour"
    ):
        services.open_session(actor=board["secretary"], meeting=next_meeting)
    client = client_for(board["secretary"])
    page = client.post(reverse("committee:open", args=[next_meeting.pk]), follow=True)
    assert "ne peut pas être ouverte avant ce jour" in page_text(page)
    next_meeting.refresh_from_db()
    assert next_meeting.status == Meeting.Status.FROZEN


def test_a_meeting_in_brussels_at_14_00_shows_14_00_on_the_item_the_steps_and_the_history(
    board, meeting, ready, file, worker
):
    assert meeting.starts_at == at(MEETING_DAY, 14) and meeting.starts_at.utcoffset() is not None
    services.compose_agenda(actor=board["secretary"], meeting=meeting)
    client = client_for(board["secretary"])
    assert "03/12/2026 14:00" in page_text(client.get(reverse("committee:item", args=[meeting.pk, 1])))
    proposal = meeting.items.get(number=1).proposal
    steps = page_text(client_for(worker).get(reverse("workflow:detail", args=[file.pk, proposal.pk])))
    assert "03/12/2026 14:00" in steps and "13:00" not in steps.split("Étapes")[1]
    mine = page_text(client.get(reverse("workflow:detail", args=[file.pk, proposal.pk])))
    assert "À décider en séance : Comité spécial du service social – 03/12/2026 14:00, point 1" in mine
    history = page_text(client_for(worker).get(reverse("files:timeline", args=[file.pk])))
    assert "03/12/2026 14:00" in history and "03/12/2026 13:00" not in history


def test_the_item_page_shows_the_declared_decisions_to_its_recorder(board, meeting, ready):
    services.compose_agenda(actor=board["secretary"], meeting=meeting)
    hold(meeting)
    html = client_for(board["president"]).get(reverse("committee:item", args=[meeting.pk, 1])).content
    buttons = [name for name in DECISIONS if f'name="transition" value="{name}"'.encode() in html]
    assert buttons == DECISIONS


def test_on_the_meeting_page_only_its_recorder_takes_only_declared_decisions(board, meeting, ready):
    services.compose_agenda(actor=board["secretary"], meeting=meeting)
    hold(meeting)
    client = client_for(board["secretary"])
    for forged in ("unschedule", "complete", "urgent_grant"):
        page = client.post(
            reverse("committee:item", args=[meeting.pk, 1]), {"transition": forged}, follow=True
        )
        assert "Décision inconnue." in page_text(page)
    url = reverse("committee:item", args=[meeting.pk, 1])
    for intruder in (UserFactory(role=Role.COMMITTEE_SECRETARY), board["members"][0]):
        assert client_for(intruder).post(url, {"transition": "grant"}).status_code == 403
    proposal = meeting.items.get(number=1).proposal
    proposal.refresh_from_db()
    assert proposal.state == State.ON_AGENDA
    assert not StepRecord.objects.exclude(transition="schedule").exists()


@pytest.mark.parametrize("model", [Proposal, AgendaItem, Decision, StepRecord, Meeting])
def test_the_admin_cannot_move_a_proposal_or_change_a_decision(model):
    """The admin shows none of these; were one registered, its state and decision would be read-only."""
    model_admin = admin.site._registry.get(model)
    if model_admin is not None:
        readonly = set(model_admin.get_readonly_fields(None))
        assert {"state", "decision", "outcome", "status"} & {f.name for f in model._meta.fields} <= readonly


def test_brussels_time_at_summer_and_winter(board):
    summer = Meeting(body=board["body"], starts_at=timezone.make_aware(datetime.datetime(2026, 6, 4, 14)))
    assert str(summer).endswith("04/06/2026 14:00") and summer.day == datetime.date(2026, 6, 4)


def test_the_secretary_seated_in_the_body_is_not_counted_in_the_quorum(board, meeting, ready):
    """The secretary takes the minutes and does not vote (issue 14): with four voting members, the secretary,
    the president and one member present are two voters, not a majority."""
    secretary = board["secretary"]
    board["body"].members.add(secretary, UserFactory(role=Role.COMMITTEE_MEMBER))
    services.compose_agenda(actor=secretary, meeting=meeting)
    meeting = hold(meeting, present=[secretary, board["president"], board["members"][0]])
    assert rules.quorum(meeting) == (2, 4, False)
    with pytest.raises(ValidationError, match="Le quorum n'est pas atteint"):
        rules.require_quorum(meeting)
    assert minutes_data(meeting)["quorum"] == {"present": 2, "members": 4, "required": 3}
