"""Meetings: planning, building the agenda, deciding in session, closing. Every write checks and audits.

Proposals move only through workflow.services.take (schedule, unschedule and the decisions), so that each
agenda change and decision appears in the file's history and the audit trail like any other step.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from access import services as access_services
from access.policy import Action, can, visible_files
from aid.models import AidType
from audit.services import Verb, record
from committee import minutes, rules, signing
from committee.models import AgendaItem, Body, Meeting
from committee.signing import SigningKeyError
from workflow import proposals, services
from workflow.declaration import BY_NAME, State, in_session_from
from workflow.models import Decision, Proposal

logger = logging.getLogger(__name__)


def decisions() -> list[str]:
    """The decisions a meeting takes on an item: the declared session steps from "on the agenda"."""
    return [t.name for t in in_session_from(State.ON_AGENDA)]


def _require(actor, action: Action) -> None:
    if not can(actor, action):
        raise PermissionDenied


def _require_recorder(actor, meeting: Meeting) -> None:
    """Only the body's secretary or president records what the meeting decides."""
    if not rules.may_record(actor, meeting):
        raise PermissionDenied


def _audit(actor, meeting: Meeting, what: str, request=None, **detail) -> None:
    record(actor=actor, verb=Verb.UPDATE, target=meeting, detail={"what": what, **detail}, request=request)


@transaction.atomic
def plan_meeting(*, actor, body: Body, starts_at: datetime.datetime, place: str, request=None) -> Meeting:
    _require(actor, Action.MANAGE_MEETINGS)
    if not place.strip():
        raise ValidationError({"place": _("Indiquez le lieu de la séance.")})
    meeting = Meeting.objects.create(body=body, starts_at=starts_at, place=place.strip())
    record(
        actor=actor,
        verb=Verb.CREATE,
        target=meeting,
        request=request,
        detail={"body": body.kind, "starts_at": starts_at.isoformat()},
    )
    return meeting


def _editable(meeting: Meeting) -> None:
    if not meeting.editable_agenda:
        raise ValidationError(_("L'ordre du jour est arrêté : il ne peut plus être modifié."))


def _next_number(meeting: Meeting) -> int:
    return (meeting.items.aggregate(n=Max("number"))["n"] or 0) + 1


def _schedule(actor, meeting: Meeting, proposal: Proposal, request=None) -> AgendaItem:
    services.take(
        actor=actor,
        proposal=proposal,
        transition="schedule",
        expected_version=proposal.version,
        comment=str(meeting),
        meeting=meeting,
        request=request,
    )
    return AgendaItem.objects.create(meeting=meeting, proposal=proposal, number=_next_number(meeting))


@transaction.atomic
def add_item(*, actor, meeting: Meeting, proposal: Proposal, request=None) -> AgendaItem:
    """Put one proposal ready for this body at the end of the agenda."""
    _require(actor, Action.MANAGE_MEETINGS)
    _editable(meeting)
    item = _schedule(actor, meeting, proposal, request)
    _audit(actor, meeting, "add", request, proposal=proposal.pk)
    return item


@transaction.atomic
def compose_agenda(*, actor, meeting: Meeting, request=None) -> list[AgendaItem]:
    """Composer l'ordre du jour: every proposal ready for this body, by aid type then request date."""
    _require(actor, Action.MANAGE_MEETINGS)
    _editable(meeting)
    ready = (
        Proposal.objects.filter(
            state__in=BY_NAME["schedule"].sources,
            aid_type__deciding_body=meeting.body.kind,
            file__in=visible_files(actor, Action.SCHEDULE_PROPOSAL),
        )
        .select_related("aid_type", "file", "request")
        .order_by("aid_type__position", "aid_type__label", "request__requested_on", "pk")
    )
    added = [_schedule(actor, meeting, proposal, request) for proposal in ready]
    _audit(actor, meeting, "compose", request, added=[item.proposal_id for item in added])
    return added


def _renumber(meeting: Meeting) -> None:
    for number, item in enumerate(meeting.items.order_by("number"), start=1):
        if item.number != number:
            AgendaItem.objects.filter(pk=item.pk).update(number=number)


@transaction.atomic
def remove_item(*, actor, item: AgendaItem, request=None) -> None:
    """Withdraw an item: the proposal goes back to "ready for committee", the others are renumbered."""
    _require(actor, Action.MANAGE_MEETINGS)
    meeting = item.meeting
    _editable(meeting)
    proposal = item.proposal
    services.take(
        actor=actor,
        proposal=proposal,
        transition="unschedule",
        expected_version=proposal.version,
        meeting=meeting,
        request=request,
    )
    item.delete()
    _renumber(meeting)
    _audit(actor, meeting, "remove", request, proposal=proposal.pk)


@transaction.atomic
def move_item(*, actor, item: AgendaItem, offset: int, request=None) -> None:
    """Move an item one place up (-1) or down (+1) by swapping numbers with its neighbour."""
    _require(actor, Action.MANAGE_MEETINGS)
    meeting = item.meeting
    _editable(meeting)
    neighbour = meeting.items.filter(number=item.number + offset).first()
    if neighbour is None:
        return
    # The two numbers are swapped through a free one: (meeting, number) stays readable in between.
    AgendaItem.objects.filter(pk=item.pk).update(number=0)
    AgendaItem.objects.filter(pk=neighbour.pk).update(number=item.number)
    AgendaItem.objects.filter(pk=item.pk).update(number=neighbour.number)
    _audit(actor, meeting, "move", request, proposal=item.proposal_id, offset=offset)


@transaction.atomic
def freeze(*, actor, meeting: Meeting, request=None) -> Meeting:
    """Arrêter l'ordre du jour: the convocation can be sent, the agenda no longer changes."""
    _require(actor, Action.MANAGE_MEETINGS)
    _editable(meeting)
    if not meeting.items.exists():
        raise ValidationError(_("L'ordre du jour est vide : composez-le avant de l'arrêter."))
    files = meeting.items.values_list("proposal__file_id", flat=True)
    access_services.grant_agenda(meeting_id=meeting.pk, body=meeting.body.kind, file_ids=files)
    return _set_status(actor, meeting, Meeting.Status.PLANNED, Meeting.Status.FROZEN, request)


@transaction.atomic
def open_session(*, actor, meeting: Meeting, request=None) -> Meeting:
    _require_recorder(actor, meeting)
    if timezone.localdate() < meeting.day:
        raise ValidationError(
            _("La séance du %(day)s ne peut pas être ouverte avant ce jour.")
            % {"day": meeting.day.strftime("%d/%m/%Y")}
        )
    meeting = _set_status(actor, meeting, Meeting.Status.FROZEN, Meeting.Status.IN_SESSION, request)
    meeting.opened_at = timezone.now()  # the procès-verbal states when the session opened
    meeting.save(update_fields=["opened_at"])
    return meeting


def _set_status(actor, meeting: Meeting, source: str, target: str, request) -> Meeting:
    if not Meeting.objects.filter(pk=meeting.pk, status=source).update(status=target):
        meeting.refresh_from_db()
        raise ValidationError(
            _("La séance est déjà à l'état « %(state)s ».") % {"state": meeting.get_status_display()}
        )
    meeting.refresh_from_db()
    record(
        actor=actor, verb=Verb.UPDATE, target=meeting, request=request, changes={"status": (source, target)}
    )
    return meeting


@transaction.atomic
def set_attendance(*, actor, meeting: Meeting, present: list, request=None) -> None:
    _require_recorder(actor, meeting)
    rules.require_open(meeting)
    members = set(meeting.body.members.values_list("pk", flat=True))
    chosen = {user.pk for user in present}
    if chosen - members:
        raise ValidationError(_("Seuls les membres de l'organe peuvent être notés présents."))
    before = sorted(meeting.present.values_list("pk", flat=True))
    meeting.present.set(chosen)
    record(
        actor=actor,
        verb=Verb.UPDATE,
        target=meeting,
        request=request,
        changes={"present": (before, sorted(chosen))},
    )


def next_meeting(meeting: Meeting) -> Meeting | None:
    """The body's next planned meeting, whose agenda can still take a postponed item."""
    return (
        Meeting.objects.filter(
            body=meeting.body, status=Meeting.Status.PLANNED, starts_at__gt=meeting.starts_at
        )
        .order_by("starts_at")
        .first()
    )


@transaction.atomic
def decide_item(
    *,
    actor,
    item: AgendaItem,
    transition: str,
    comment: str = "",
    amendment: dict[str, Any] | None = None,
    request=None,
) -> Decision:
    """Record the meeting's decision on one item; an amendment corrects the proposal first (its notification
    follows, since the letter is always rendered from the proposal)."""
    meeting = item.meeting
    _require_recorder(actor, meeting)
    rules.require_open(meeting)
    rules.require_quorum(meeting)
    if transition not in decisions():
        raise ValidationError(_("Décision inconnue."))
    if item.decision_id:
        raise ValidationError(_("Le point %(number)s est déjà décidé.") % {"number": item.number})
    rules.require_item(actor, meeting, item)  # before any amendment: workflow.take checks it again
    proposal = item.proposal
    if transition == "grant_amended":
        if not amendment:
            raise ValidationError(_("Indiquez les modifications de la proposition."))
        proposals.update_proposal(
            actor=actor, proposal=proposal, data=amendment, expected_version=proposal.version
        )
        proposal.refresh_from_db()
    services.take(
        actor=actor,
        proposal=proposal,
        transition=transition,
        expected_version=proposal.version,
        comment=comment,
        meeting=meeting,
        request=request,
    )
    decision = proposal.decisions.latest("pk")
    AgendaItem.objects.filter(pk=item.pk).update(decision=decision)
    item.decision = decision
    if transition == "postpone":
        proposal.refresh_from_db()
        later = next_meeting(meeting)
        if later is not None:
            _schedule(actor, later, proposal, request)
    return decision


def amendment_of(proposal: Proposal, changes: dict[str, Any]) -> dict[str, Any]:
    """The proposal's fields with the meeting's corrections, as update_proposal takes them."""
    return {**{name: getattr(proposal, name) for name in proposals.FIELDS}, **changes}


def proposed_transition(proposal: Proposal) -> str:
    return "grant" if proposal.granted else "refuse"


@transaction.atomic
def decide_rest_as_proposed(*, actor, meeting: Meeting, exceptions: set[int], request=None) -> list[Decision]:
    """« Décider le reste comme proposé »: every undecided item but the exceptions (item ids)."""
    _require_recorder(actor, meeting)
    rules.require_open(meeting)
    rules.require_quorum(meeting)
    items = meeting.items.filter(decision__isnull=True).exclude(pk__in=exceptions).select_related("proposal")
    return [
        decide_item(actor=actor, item=item, transition=proposed_transition(item.proposal), request=request)
        for item in items
    ]


def urgent_to_ratify(meeting: Meeting):
    """Urgent decisions of the president taken before this meeting, on aids its body ratifies, not yet
    ratified."""
    kinds = [
        kind
        for kind in AidType.Body.values
        if AidType(deciding_body=kind).ratifying_body == meeting.body.kind
    ]
    return (
        Decision.objects.filter(
            urgent=True,
            ratified_on__isnull=True,
            decided_on__lte=meeting.day,
            proposal__aid_type__deciding_body__in=kinds,
        )
        .select_related("proposal__aid_type", "proposal__file")
        .order_by("decided_on", "pk")
    )


@transaction.atomic
def ratify(*, actor, meeting: Meeting, decision: Decision, request=None) -> Decision:
    _require_recorder(actor, meeting)
    rules.require_open(meeting)
    rules.require_quorum(meeting)
    decision = services.ratify(actor=actor, decision=decision, meeting=meeting, request=request)
    meeting.ratified.add(decision)
    return decision


@transaction.atomic
def close(*, actor, meeting: Meeting, request=None) -> Meeting:
    """Clôturer: every item decided, the minutes generated and signed; the decisions are locked from then."""
    _require_recorder(actor, meeting)
    rules.require_open(meeting)
    undecided = list(meeting.items.filter(decision__isnull=True).values_list("number", flat=True))
    if undecided:
        raise ValidationError(
            _("Points encore sans décision : %(numbers)s.") % {"numbers": ", ".join(map(str, undecided))}
        )
    meeting = _set_status(actor, meeting, Meeting.Status.IN_SESSION, Meeting.Status.CLOSED, request)
    meeting.closed_at = timezone.now()
    try:
        meeting.minutes = minutes.signed_minutes(meeting, public=False)
        meeting.public_minutes = minutes.signed_minutes(meeting, public=True)
    except SigningKeyError as error:  # the transaction is undone: the meeting stays in session
        logger.error("Minutes of meeting %s not signed: %s", meeting.pk, error)
        raise ValidationError(
            _(
                "Le procès-verbal ne peut pas être signé : le fichier de signature pour %(who)s "
                "(%(path)s) est illisible ou ne correspond pas. La séance n'est pas clôturée ; prévenez "
                "l'administrateur."
            )
            % {"who": signing.ROLE_LABELS[error.role], "path": error.path}
        ) from error
    meeting.save(update_fields=["closed_at", "minutes", "public_minutes"])
    access_services.end_agenda_grants(meeting_id=meeting.pk)
    return meeting
