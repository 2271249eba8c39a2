"""Where and by whom a meeting step is taken: the declaration marks them (Transition.meeting_step) and
workflow.services.take asks check_step before moving the proposal, whoever calls it.

This module belongs to committee, which owns meetings; workflow sits one floor below (committee imports its
services), so take() imports this module at call time rather than at load time: no import cycle, and no
meeting rule copied into workflow. The meeting is always re-read from the database, so that a stale or
hand-made object cannot pass for an open session.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from access.policy import Action, can, may_record_meeting
from committee.models import AgendaItem, Meeting

AGENDA = "agenda"  # workflow.declaration.AGENDA: built before the session
NOT_IN_A_MEETING = gettext_lazy(
    "Cette étape se fait en séance du comité, depuis la page de la séance : elle ne peut pas être prise "
    "ailleurs."
)


def may_record(user, meeting: Meeting) -> bool:
    body = meeting.body
    return may_record_meeting(user, president_id=body.president_id, secretary_id=body.secretary_id)


def voting_members(meeting: Meeting):
    """The body's members who vote: its secretary takes the minutes, even when seated, and never votes."""
    return meeting.body.members.exclude(pk=meeting.body.secretary_id)


def present_voters(meeting: Meeting):
    return meeting.present.exclude(pk=meeting.body.secretary_id)


def quorum(meeting: Meeting) -> tuple[int, int, bool]:
    """(present, members, reached): the majority of the body's voting members must be present to decide."""
    members = voting_members(meeting).count()
    present = present_voters(meeting).count()
    return present, members, members > 0 and present * 2 > members


def required(members: int) -> int:
    """How many present members make the quorum: more than half of the members."""
    return members // 2 + 1


def recused_ids(item: AgendaItem) -> set[int]:
    return set(item.recusals.values_list("member_id", flat=True))


def item_quorum(meeting: Meeting, item: AgendaItem) -> tuple[int, int, bool]:
    """(deliberating, members, reached) for one item: the present voting members not recused on it."""
    members = voting_members(meeting).count()
    deliberating = present_voters(meeting).exclude(pk__in=recused_ids(item)).count()
    return deliberating, members, members > 0 and deliberating >= required(members)


def require_item(actor, meeting: Meeting, item: AgendaItem) -> None:
    """A recused member records nothing on the item, and the item is decided only by a quorum of members who
    are not recused on it."""
    if getattr(actor, "pk", None) in recused_ids(item):
        raise ValidationError(
            _(
                "Un déport est enregistré pour vous sur le point %(number)s : vous ne délibérez pas sur ce "
                "point et ne pouvez pas enregistrer sa décision."
            )
            % {"number": item.number}
        )
    deliberating, members, reached = item_quorum(meeting, item)
    if not reached:
        raise ValidationError(
            _(
                "Point %(number)s : sans les membres déportés, %(present)s membre(s) délibère(nt) sur "
                "%(members)s ; il en faut %(required)s. Le quorum n'est pas atteint pour ce point : il ne "
                "peut pas être décidé."
            )
            % {
                "number": item.number,
                "present": deliberating,
                "members": members,
                "required": required(members),
            }
        )


def require_open(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.CLOSED:
        raise ValidationError(_("La séance est clôturée : ses décisions ne peuvent plus être modifiées."))
    if meeting.status != Meeting.Status.IN_SESSION:
        raise ValidationError(_("La séance n'est pas ouverte : ouvrez-la avant de décider."))


def require_quorum(meeting: Meeting) -> None:
    present, members, reached = quorum(meeting)
    if not reached:
        raise ValidationError(
            _(
                "Le quorum n'est pas atteint (%(present)s présents sur %(members)s membres) : "
                "la séance ne peut pas décider."
            )
            % {"present": present, "members": members}
        )


def _reread(meeting: Meeting | None) -> Meeting:
    """The meeting as the database has it, locked until the step is written (a closing waits for it)."""
    rows = Meeting.objects.select_related("body").select_for_update(of=("self",))
    found = rows.filter(pk=getattr(meeting, "pk", None)).first()
    if found is None:
        raise ValidationError(NOT_IN_A_MEETING)
    return found


def _require_recorder(actor, meeting: Meeting) -> None:
    if not may_record(actor, meeting):
        raise ValidationError(
            _("Seuls le ou la secrétaire et le ou la président(e) de l'organe enregistrent ses décisions.")
        )


def in_session(actor, meeting: Meeting | None) -> Meeting:
    """A meeting that may decide now: open, quorum met, the actor its recorder."""
    meeting = _reread(meeting)
    require_open(meeting)
    require_quorum(meeting)
    _require_recorder(actor, meeting)
    return meeting


def check_step(*, actor, meeting: Meeting | None, proposal, step) -> None:
    """Refuse `step` on `proposal` (ValidationError) unless taken in `meeting` as meetings' rules say."""
    if step.meeting_step == AGENDA:
        _agenda_step(actor, _reread(meeting), proposal, step.name)
        return
    meeting = in_session(actor, meeting)
    item = meeting.items.filter(proposal=proposal, decision__isnull=True).first()
    if item is None:
        raise ValidationError(
            _("Cette proposition n'est pas à l'ordre du jour de cette séance (ou y est déjà décidée).")
        )
    require_item(actor, meeting, item)


def _agenda_step(actor, meeting: Meeting, proposal, name: str) -> None:
    """Building the agenda, before the session: the secretary who manages meetings, or the body's recorder
    carrying a postponed item over to its next meeting."""
    if not meeting.editable_agenda:
        raise ValidationError(_("L'ordre du jour est arrêté : il ne peut plus être modifié."))
    if not (can(actor, Action.MANAGE_MEETINGS) or may_record(actor, meeting)):
        raise ValidationError(_("Seul le secrétariat des séances compose l'ordre du jour."))
    on_agenda = meeting.items.filter(proposal=proposal).exists()
    if name == "unschedule" and not on_agenda:
        raise ValidationError(_("Cette proposition n'est pas à l'ordre du jour de cette séance."))
    if name == "schedule" and proposal.aid_type.deciding_body != meeting.body.kind:
        raise ValidationError(
            _("« %(aid)s » n'est pas décidée par %(body)s.")
            % {"aid": proposal.aid_type.label, "body": meeting.body}
        )


def check_ratification(*, actor, meeting: Meeting | None, decision) -> None:
    """The committee ratifies in session an urgent decision taken before the meeting, of an aid it decides."""
    meeting = in_session(actor, meeting)
    if decision.decided_on > meeting.day:
        raise ValidationError(
            _("Cette décision urgente est postérieure à la séance : ratifiez-la à la suivante.")
        )
    if decision.proposal.aid_type.ratifying_body != meeting.body.kind:
        raise ValidationError(
            _("Cette décision urgente est ratifiée par un autre organe que %(body)s.")
            % {"body": meeting.body}
        )
