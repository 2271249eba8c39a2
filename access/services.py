"""Writes of the access app: time-bound access grants (break-glass, a body's agenda, an urgent decision to
ratify) and the mirror of body seats. Other apps call these; the policy reads only what they write."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from access.models import AccessGrant, BodySeat, BreakGlass
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
    until = now + datetime.timedelta(minutes=settings.BREAK_GLASS_MINUTES)
    access = AccessGrant.objects.create(
        user=actor,
        file=file,
        kind=AccessGrant.Kind.BREAK_GLASS,
        source=f"user:{actor.pk}",
        reason=reason,
        starts_at=now,
        ends_at=until,
    )
    grant = BreakGlass.objects.create(
        user=actor, file=file, reason=reason, opened_at=now, expires_at=until, grant=access
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
    actor.__dict__.pop("_access_grants", None)  # the policy reads the new grant from now on
    return grant


def grant_to_body(*, body: str, file_ids: Iterable[int], kind: str, source: str) -> None:
    """Open files to the members of `body` (its kind code) from now on, until end_grants(source)."""
    now = timezone.now()
    AccessGrant.objects.bulk_create(
        AccessGrant(body=body, file_id=pk, kind=kind, source=source, starts_at=now) for pk in set(file_ids)
    )


def end_grants(*, source: str, after_days: int = 0) -> None:
    """Close the open grants of `source`, now or `after_days` from now (a closed meeting's files stay readable
    for settings.COMMITTEE_READ_DAYS, its minutes being approved at the next meeting)."""
    ends_at = timezone.now() + datetime.timedelta(days=after_days)
    AccessGrant.objects.filter(source=source, ends_at__isnull=True, revoked_at__isnull=True).update(
        ends_at=ends_at
    )


def grant_agenda(*, meeting_id: int, body: str, file_ids: Iterable[int]) -> None:
    """A frozen agenda opens its files to the members of the body that meets."""
    grant_to_body(body=body, file_ids=file_ids, kind=AccessGrant.Kind.AGENDA, source=f"meeting:{meeting_id}")


def end_agenda_grants(*, meeting_id: int) -> None:
    end_grants(source=f"meeting:{meeting_id}", after_days=settings.COMMITTEE_READ_DAYS)


def grant_ratification(*, decision_id: int, body: str, file_id: int) -> None:
    """An urgent decision opens its file to the members of the body that will ratify it, until it does."""
    grant_to_body(
        body=body, file_ids=[file_id], kind=AccessGrant.Kind.RATIFICATION, source=f"decision:{decision_id}"
    )


def end_ratification_grants(*, decision_id: int) -> None:
    end_grants(source=f"decision:{decision_id}")


def seat_members(*, body: str, user_ids: Iterable[int]) -> None:
    """Mirror the members of `body` (its kind code): its grants reach exactly these users from now on."""
    user_ids = set(user_ids)
    BodySeat.objects.filter(body=body).exclude(user_id__in=user_ids).delete()
    seated = set(BodySeat.objects.filter(body=body).values_list("user_id", flat=True))
    BodySeat.objects.bulk_create(BodySeat(body=body, user_id=pk) for pk in user_ids - seated)
