"""The second step of the log-in: enrolling an authentication app and checking its codes, audited."""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

import django_otp
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.services import Verb, record

DEVICE_NAME = "Application d'authentification"


class Outcome(enum.Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    THROTTLED = "throttled"  # too many wrong codes in a row: django-otp makes the user wait


@dataclass(frozen=True)
class CodeCheck:
    outcome: Outcome
    wait_seconds: int = 0


def pending_enrolment(*, user) -> TOTPDevice:
    """The not yet confirmed device of `user`, created once: reloading the page keeps the same secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def check_code(*, request: HttpRequest, device: TOTPDevice, token: str) -> CodeCheck:
    """Check a code of `device` for the logged-in user; on success the session is verified (django_otp.login).

    A first good code of a new device confirms it (enrolment). Every wrong or throttled code is in the audit
    trail as a failed log-in at the "otp" step.
    """
    user = request.user
    enrolling = not device.confirmed
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        allowed, why = locked.verify_is_allowed()
        accepted = allowed and locked.verify_token(token)
        if accepted and enrolling:
            locked.confirmed = True
            locked.save(update_fields=["confirmed"])
    if not accepted:
        throttled = not allowed
        record(
            actor=user,
            verb=Verb.LOGIN_FAILED,
            detail={"step": "otp", "enrolment": enrolling, "throttled": throttled},
            request=request,
        )
        if throttled:
            wait = (why or {}).get("locked_until", timezone.now()) - timezone.now()
            return CodeCheck(Outcome.THROTTLED, max(1, math.ceil(wait.total_seconds())))
        return CodeCheck(Outcome.WRONG)
    if enrolling:
        record(actor=user, verb=Verb.CREATE, target=locked, detail={"second_factor": "totp"}, request=request)
    django_otp.login(request, locked)
    # A session id known before the second factor (a shared computer, a planted cookie) must not be the
    # one that now opens everything.
    request.session.cycle_key()
    record(actor=user, verb=Verb.LOGIN, detail={"step": "otp", "enrolment": enrolling}, request=request)
    return CodeCheck(Outcome.ACCEPTED)


def reset_second_factor(*, actor, device: TOTPDevice, request: HttpRequest | None = None) -> None:
    """An administrator removes a lost authentication app: its owner enrols a new one at the next log-in."""
    record(
        actor=actor,
        verb=Verb.DELETE,
        target=device,
        detail={"owner": device.user.get_username()},
        request=request,
    )
    device.delete()
