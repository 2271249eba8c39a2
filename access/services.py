"""Writes of the access app: break-glass (accès exceptionnel) to a file outside the user's teams."""

import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from access.models import BreakGlass
from access.policy import may_break_glass
from audit.services import Verb, record

MIN_REASON_LENGTH = 15
_TOKEN_SALT = "access.break-glass"  # noqa: S105 (a signing namespace, not a secret)
TOKEN_MAX_AGE = 15 * 60  # seconds: a search result's offer, not a standing link


def offer_token(user, file) -> str:
    """A signed, short-lived offer to break the glass on `file`, given only by a search on its exact number.

    File pages themselves answer 404 outside the user's teams, so that ids cannot be enumerated.
    """
    return signing.dumps({"u": user.pk, "f": file.pk}, salt=_TOKEN_SALT)


def file_id_of_offer(user, token: str) -> int | None:
    try:
        offer = signing.loads(token, salt=_TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    return offer["f"] if offer.get("u") == user.pk else None


def open_break_glass(*, actor, file, reason: str, request=None) -> BreakGlass:
    """Open `file` to `actor` for BREAK_GLASS_MINUTES, for the reason given; logged and shown to the team."""
    from files.models import FileEvent
    from files.timeline import record_event

    if not may_break_glass(actor):
        raise PermissionDenied
    reason = " ".join((reason or "").split())
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(
            {
                "reason": _(
                    "Expliquez en une phrase pourquoi vous devez ouvrir ce dossier "
                    "(au moins %(n)d caractères)."
                )
                % {"n": MIN_REASON_LENGTH}
            }
        )
    now = timezone.now()
    grant = BreakGlass.objects.create(
        user=actor,
        file=file,
        reason=reason,
        opened_at=now,
        expires_at=now + datetime.timedelta(minutes=settings.BREAK_GLASS_MINUTES),
    )
    record(
        actor=actor,
        verb=Verb.BREAK_GLASS,
        target=file,
        purpose=reason,
        detail={"until": grant.expires_at.isoformat()},
        request=request,
    )
    who = actor.get_full_name() or actor.get_username()
    record_event(file=file, kind=FileEvent.Kind.BREAK_GLASS, summary=f"{who} : {reason}", author=actor)
    actor.__dict__.pop("_access_break_glass", None)  # the policy reads the new grant from now on
    return grant
