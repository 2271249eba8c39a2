"""The one way tests decide a proposal: on the agenda of a real meeting held today, in session with its
quorum, recorded by the body's secretary (or president) through committee.services, as the committee does."""

from __future__ import annotations

import datetime

from django.utils import timezone

from access.roles import Role
from committee import services
from committee.models import AgendaItem, Body, Meeting
from tests.factories import UserFactory
from workflow.declaration import State
from workflow.models import Decision, Proposal


def body_for(proposal: Proposal, *, secretary=None, president=None) -> Body:
    """The body that decides the proposal's aid, made if missing; `secretary` and `president` take their
    seats. Its members are the president alone unless the test set others: present, they make the quorum."""
    kind = proposal.aid_type.ratifying_body
    body = Body.objects.filter(kind=kind).first()
    if body is None:
        body = Body.objects.create(
            kind=kind,
            secretary=secretary or UserFactory(role=Role.COMMITTEE_SECRETARY),
            president=president or UserFactory(role=Role.PRESIDENT),
        )
        body.members.add(body.president)
    elif secretary or president:
        body.secretary = secretary or body.secretary
        body.president = president or body.president
        body.save()
    return body


def meeting_today(body: Body, *, hour: int = 8) -> Meeting:
    """A meeting planned today (Brussels), so that it may be opened now."""
    starts = datetime.datetime.combine(timezone.localdate(), datetime.time(hour))
    return Meeting.objects.create(body=body, starts_at=timezone.make_aware(starts), place="Salle du conseil")


def add_to_agenda(proposal: Proposal, meeting: Meeting) -> AgendaItem:
    """A ready proposal goes on the agenda through the service; one a test made directly "on the agenda" gets
    its item row, as if it had been scheduled."""
    if proposal.state == State.ON_AGENDA:
        number = meeting.items.count() + 1
        return AgendaItem.objects.create(meeting=meeting, proposal=proposal, number=number)
    return services.add_item(actor=meeting.body.secretary, meeting=meeting, proposal=proposal)


def hold(meeting: Meeting, *, recorder=None, present: list | None = None) -> Meeting:
    """Freeze the agenda, open the session and note who is present (every member unless said: the quorum)."""
    recorder = recorder or meeting.body.secretary
    if meeting.status == Meeting.Status.PLANNED:
        services.freeze(actor=meeting.body.secretary, meeting=meeting)
    if meeting.status == Meeting.Status.FROZEN:
        services.open_session(actor=recorder, meeting=meeting)
    if present is None:
        present = list(meeting.body.members.all())
    services.set_attendance(actor=recorder, meeting=meeting, present=present)
    meeting.refresh_from_db()
    return meeting


def decide_in_session(
    proposal: Proposal,
    transition: str = "grant",
    *,
    by=None,
    comment: str = "Décidé en séance.",
    amendment: dict | None = None,
    secretary=None,
    president=None,
) -> Decision:
    """Decide `proposal` (ready, or on the agenda) in a meeting held today; `by` records it (the secretary
    unless said otherwise, who then sits as the body's secretary or president by their role)."""
    if by is not None and secretary is None and president is None:
        if Role.PRESIDENT.value in by.groups.values_list("name", flat=True):
            president = by
        else:
            secretary = by
    body = body_for(proposal, secretary=secretary, president=president)
    item = AgendaItem.objects.filter(proposal=proposal, decision__isnull=True).exclude(
        meeting__status=Meeting.Status.CLOSED
    )
    item = item.select_related("meeting").last()
    if item is None:
        item = add_to_agenda(proposal, meeting_today(body))
    hold(item.meeting, recorder=by)
    proposal.refresh_from_db()
    decision = services.decide_item(
        actor=by or body.secretary, item=item, transition=transition, comment=comment, amendment=amendment
    )
    proposal.refresh_from_db()
    return decision
