"""Setting and lifting legal holds (gels juridiques).

The legal service follows appeals before the labour court and the courts' requests: it places and lifts them
on any file (Action.HOLD_FILE). The DPO sees them, read only, on the retention page.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access.policy import Action, can
from audit.services import Verb, record
from files.models import SocialFile
from retention.models import LegalHold


def place_hold(
    *,
    user,
    file: SocialFile,
    reason: str,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    request=None,
) -> LegalHold:
    """Stop every deletion and anonymisation of `file` from `starts_on` (today) until `ends_on` or lifted."""
    if not can(user, Action.HOLD_FILE, file):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Indiquez le motif du gel (par exemple un recours pendant).")})
    starts_on = starts_on or timezone.localdate()
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": _("La fin du gel ne peut précéder son début.")})
    with transaction.atomic():
        hold = LegalHold.objects.create(
            file=file, reason=reason, starts_on=starts_on, ends_on=ends_on, set_by=user
        )
        record(
            actor=user,
            verb=Verb.CREATE,
            target=hold,
            file_id=file.pk,
            detail={"starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat() if ends_on else None},
            request=request,
        )
    return hold


def lift_hold(*, user, hold: LegalHold, reason: str, request=None) -> LegalHold:
    """End a hold now, saying why (the appeal was judged, the request withdrawn…)."""
    if not can(user, Action.HOLD_FILE, hold.file):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"lift_reason": _("Indiquez pourquoi le gel est levé.")})
    if hold.lifted_at is not None:
        raise ValidationError(_("Ce gel est déjà levé."))
    with transaction.atomic():
        hold.lifted_at = timezone.now()
        hold.lifted_by = user
        hold.lift_reason = reason
        hold.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
        record(
            actor=user,
            verb=Verb.UPDATE,
            target=hold,
            file_id=hold.file_id,
            changes={"lifted_at": (None, hold.lifted_at)},
            request=request,
        )
    return hold
