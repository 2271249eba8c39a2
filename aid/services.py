"""Catalogue writes outside the administration: the hand-offs the head of service chooses per aid type."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from access.policy import Action, can
from aid.models import AidType
from audit.services import Verb, record

# The two choices of the head's page (« Circuit des propositions »), and the audit trail's names for them.
HANDOFF_FIELDS = ("validate_requests_opinion", "ready_after_favourable_opinion")


@transaction.atomic
def set_handoffs(*, actor, choices: dict[int, dict[str, bool]], request=None) -> list[AidType]:
    """Set, per aid type id, which hand-offs the system takes for the head (workflow.declaration `then`).

    One audit row per aid type that changed, with its old and new values; the others are left untouched.
    """
    if not can(actor, Action.SET_HANDOFFS):
        raise PermissionDenied
    changed = []
    for aid_type in AidType.objects.select_for_update().filter(pk__in=choices).order_by("pk"):
        wanted = choices[aid_type.pk]
        changes = {
            field: (getattr(aid_type, field), bool(wanted.get(field)))
            for field in HANDOFF_FIELDS
            if getattr(aid_type, field) != bool(wanted.get(field))
        }
        if not changes:
            continue
        for field, (_before, after) in changes.items():
            setattr(aid_type, field, after)
        aid_type.save(update_fields=list(changes))
        record(actor=actor, verb=Verb.UPDATE, target=aid_type, changes=changes, request=request)
        changed.append(aid_type)
    return changed
