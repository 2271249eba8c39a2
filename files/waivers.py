"""Dispenser une pièce requise: the request goes on without one of its documents, for a stated reason.

Whoever writes the proposal or registers requests on the file may waive a piece and withdraw the waiver;
both are audited and written on the file's timeline, and the checklist (files.checklist) shows the waiver,
its reason, who and when, to the head of service who validates and to the committee.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from access.policy import Action, can
from audit.services import Verb, record
from files.checklist import aid_type_of
from files.models import AidRequest, FileEvent, RequirementWaiver
from files.timeline import record_event


def may_waive(user, aid_request: AidRequest) -> bool:
    return can(user, Action.WRITE_PROPOSAL, aid_request.file) or can(
        user, Action.ADD_REQUEST, aid_request.file
    )


@transaction.atomic
def waive(*, actor, aid_request: AidRequest, document_type, reason: str, aid_type=None, request=None):
    """Record that `aid_request` goes on without `document_type` (a piece its aid requires), and why.

    `aid_type` is the aid whose requirements apply (default: files.checklist.aid_type_of).
    """
    if not may_waive(actor, aid_request):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {
                "reason": _("Motivez la dispense de « %(piece)s » : le motif est requis.")
                % {"piece": document_type}
            }
        )
    aid_type = aid_type or aid_type_of(aid_request)
    if aid_type is None or not aid_type.requirements.filter(document_type=document_type).exists():
        raise ValidationError(
            _("« %(piece)s » n'est pas une pièce requise pour cette aide.") % {"piece": document_type}
        )
    if aid_request.waivers.filter(document_type=document_type).exists():
        raise ValidationError(
            _("« %(piece)s » est déjà dispensée pour cette demande.") % {"piece": document_type}
        )
    waiver = RequirementWaiver.objects.create(
        request=aid_request, document_type=document_type, reason=reason, waived_by=actor
    )
    file = aid_request.file
    record(
        actor=actor,
        verb=Verb.CREATE,
        target=waiver,
        file_id=file.pk,
        person_id=file.beneficiary_id,
        detail={"request": aid_request.pk, "document_type": document_type.code},
        changes={"reason": (None, reason)},
        request=request,
    )
    record_event(
        file=file,
        kind=FileEvent.Kind.WAIVER,
        summary=_("Pièce dispensée pour la demande « %(request)s » : %(piece)s – %(reason)s")
        % {"request": aid_request, "piece": document_type, "reason": reason},
        author=actor,
    )
    return waiver


@transaction.atomic
def withdraw_waiver(*, actor, waiver: RequirementWaiver, request=None) -> None:
    """The piece is required again (it was waived by mistake, or the reason no longer holds)."""
    aid_request = waiver.request
    if not may_waive(actor, aid_request):
        raise PermissionDenied
    file = aid_request.file
    record(
        actor=actor,
        verb=Verb.DELETE,
        target=waiver,
        file_id=file.pk,
        person_id=file.beneficiary_id,
        detail={"request": aid_request.pk, "document_type": waiver.document_type.code},
        changes={"reason": (waiver.reason, None)},
        request=request,
    )
    record_event(
        file=file,
        kind=FileEvent.Kind.WAIVER,
        summary=_("Dispense retirée pour la demande « %(request)s » : %(piece)s à fournir")
        % {"request": aid_request, "piece": waiver.document_type},
        author=actor,
    )
    waiver.delete()
