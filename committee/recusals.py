"""Déports: recording that a member has a personal interest in an agenda item. The rule that follows from it
(no deliberation, no recording, the item's quorum without them) is in committee.rules, which every decision
path passes."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from access.policy import Action, can
from audit.services import Verb, record
from committee import rules
from committee.models import AgendaItem, Meeting, Recusal


def seated(meeting: Meeting):
    """Who may be recused on an item: the body's members and its secretary."""
    body = meeting.body
    users = get_user_model().objects.filter(Q(bodies=body) | Q(pk=body.secretary_id))
    return users.distinct().order_by("last_name", "first_name")


def may_record_for(actor, meeting: Meeting, member) -> bool:
    """The body's recorder or the meetings' secretariat records anyone's recusal; a member declares their
    own."""
    if rules.may_record(actor, meeting) or can(actor, Action.MANAGE_MEETINGS):
        return True
    return getattr(actor, "pk", None) == getattr(member, "pk", None) and can(actor, Action.ATTEND_MEETING)


def choices_for(user, item: AgendaItem):
    """Who `user` may record a recusal for on `item` (nobody once it is decided or the meeting closed)."""
    meeting = item.meeting
    if meeting.status == Meeting.Status.CLOSED or item.decision_id:
        return seated(meeting).none()
    candidates = seated(meeting).exclude(pk__in=rules.recused_ids(item))
    if rules.may_record(user, meeting) or can(user, Action.MANAGE_MEETINGS):
        return candidates
    return candidates.filter(pk=user.pk)


@transaction.atomic
def record_recusal(*, actor, item: AgendaItem, member, reason: str = "", request=None) -> Recusal:
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    if not may_record_for(actor, meeting, member):
        raise PermissionDenied
    if meeting.status == Meeting.Status.CLOSED:
        raise ValidationError(_("La séance est clôturée : aucun déport ne peut plus être enregistré."))
    if AgendaItem.objects.filter(pk=item.pk, decision__isnull=False).exists():
        raise ValidationError(
            _("Le point %(number)s est déjà décidé : le déport doit être noté avant la délibération.")
            % {"number": item.number}
        )
    if not seated(meeting).filter(pk=member.pk).exists():
        raise ValidationError(_("Seuls les membres de l'organe et son secrétaire peuvent se déporter."))
    if item.recusals.filter(member=member).exists():
        raise ValidationError(
            _("Le déport de %(member)s est déjà enregistré sur ce point.")
            % {"member": member.get_full_name() or member.get_username()}
        )
    recusal = Recusal.objects.create(item=item, member=member, reason=reason.strip(), recorded_by=actor)
    record(
        actor=actor,
        verb=Verb.CREATE,
        target=recusal,
        file_id=item.proposal.file_id,
        request=request,
        detail={"meeting": meeting.pk, "item": item.number, "member": member.pk},
    )
    return recusal
