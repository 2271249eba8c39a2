"""Access registrations in the BCSS sector directory: created when a file opens or a request comes in,
ended when the file closes; the BCSS cell records each outcome (Fait with the BCSS's reference, or Échec
with the reason, to try again).

Called by files.services (opening, requests, status), never the other way: bcss reads files' models and
timeline, and files knows only these three entry points. Each change is audited and on the file's timeline.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access.policy import Action, can
from audit.services import Verb, record
from bcss.models import CPAS_SECTOR, AccessRegistration, Purpose
from config.concurrency import save_if_unchanged
from files.models import FileEvent, SocialFile
from files.timeline import record_event

State = AccessRegistration.State
Kind = AccessRegistration.Action

# The code a file opens under: « Dossier en examen » while the social inquiry runs (sector 17, code 1).
OPENING_PURPOSE = 1
OPENING_LABEL = "Dossier en examen"


def _latest(file: SocialFile) -> AccessRegistration | None:
    """The file's latest registration still meaningful (cancelled ones left aside), locked for the change."""
    rows = AccessRegistration.objects.select_for_update().filter(file=file).exclude(state=State.CANCELLED)
    return rows.order_by("-id").first()


def _summary(registration: AccessRegistration, what: str) -> str:
    """« Intégration BCSS faite (1 – Dossier en examen) »: the timeline's words for the change."""
    return f"{registration.get_action_display()} BCSS {what} ({registration.purpose})"


def _cancel(*, actor, registration: AccessRegistration, why: str) -> None:
    before, registration.state = registration.state, State.CANCELLED
    save_if_unchanged(registration, expected_version=registration.version, fields=["state"])
    record(
        actor=actor,
        verb=Verb.UPDATE,
        target=registration,
        changes={"state": (before, State.CANCELLED)},
        detail={"reason": why},
    )
    record_event(
        file=registration.file, kind=FileEvent.Kind.BCSS, summary=_summary(registration, why), author=actor
    )


def _create(*, actor, file: SocialFile, action: str, purpose: Purpose, start, end=None) -> AccessRegistration:
    registration = AccessRegistration.objects.create(
        person_id=file.beneficiary_id,
        file=file,
        action=action,
        purpose=purpose,
        start_date=start,
        end_date=end,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record(actor=actor, verb=Verb.CREATE, target=registration)
    record_event(
        file=file,
        kind=FileEvent.Kind.BCSS,
        summary=_summary(registration, _("à faire")),
        author=actor,
    )
    return registration


def opening_purpose() -> Purpose:
    purpose = Purpose.objects.filter(code=OPENING_PURPOSE, active=True).first()
    if purpose is None:  # a catalogue without code 1: the first one in use, so that nothing is lost
        purpose = Purpose.objects.filter(active=True).order_by("code").first()
    if purpose is None:
        # An emptied catalogue never stops a file from opening: code 1 is the one a file opens under
        # (bcss/migrations/0002_purposes.py gives its source); the cell sees the registration as usual.
        purpose, _created = Purpose.objects.get_or_create(
            sector=CPAS_SECTOR, code=OPENING_PURPOSE, defaults={"label": OPENING_LABEL}
        )
    return purpose


def register_access(*, actor, file: SocialFile) -> AccessRegistration | None:
    """The person must be in the sector directory for this file: a registration to do, unless one is
    already made or waiting. A pending unregistration is dropped instead (the access never ended)."""
    latest = _latest(file)
    if latest is not None and latest.action == Kind.REGISTER:
        return None
    if latest is not None and latest.is_open:
        _cancel(actor=actor, registration=latest, why=_("sans objet, dossier rouvert"))
        return None
    return _create(
        actor=actor,
        file=file,
        action=Kind.REGISTER,
        purpose=opening_purpose(),
        start=max(file.opened_on, timezone.localdate()) if latest else file.opened_on,
    )


def unregister_access(*, actor, file: SocialFile) -> AccessRegistration | None:
    """The file closes: end the registration made for it; one never made is no longer to do."""
    latest = _latest(file)
    if latest is None or latest.action != Kind.REGISTER:
        return None
    if latest.is_open:
        _cancel(actor=actor, registration=latest, why=_("sans objet, dossier clôturé"))
        return None
    return _create(
        actor=actor,
        file=file,
        action=Kind.UNREGISTER,
        purpose=latest.purpose,
        start=latest.start_date,
        end=file.closed_on or timezone.localdate(),
    )


def _take(actor, registration: AccessRegistration) -> None:
    if not can(actor, Action.MANAGE_BCSS, registration):
        raise PermissionDenied
    if not registration.is_open:
        raise ValidationError(
            _("Cette intégration est déjà %(state)s.") % {"state": registration.get_state_display().lower()}
        )


@transaction.atomic
def record_done(
    *, actor, registration: AccessRegistration, reference: str, expected_version: int, request=None
) -> AccessRegistration:
    """« Fait »: the BCSS accepted it; its reference (or the one the web application showed) is kept."""
    reference = reference.strip()
    if not reference:
        raise ValidationError({"reference": _("Indiquez la référence donnée par la BCSS.")})
    _take(actor, registration)
    before = registration.state
    registration.state, registration.bcss_reference, registration.error = State.DONE, reference, ""
    registration.attempts += 1
    registration.done_at, registration.done_by = timezone.now(), actor
    fields = ["state", "bcss_reference", "error", "attempts", "done_at", "done_by"]
    save_if_unchanged(registration, expected_version=expected_version, fields=fields)
    record(
        actor=actor,
        verb=Verb.UPDATE,
        target=registration,
        changes={"state": (before, State.DONE), "bcss_reference": ("", reference)},
        request=request,
    )
    summary = _summary(registration, _("faite")) + f" – {reference}"
    record_event(file=registration.file, kind=FileEvent.Kind.BCSS, summary=summary, author=actor)
    return registration


@transaction.atomic
def record_failure(
    *, actor, registration: AccessRegistration, reason: str, expected_version: int, request=None
) -> AccessRegistration:
    """« Échec »: the BCSS refused it or could not be reached; it stays in the queue, first, to try again."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Indiquez pourquoi l'intégration n'a pas pu être faite.")})
    _take(actor, registration)
    before, old_error = registration.state, registration.error
    registration.state, registration.error = State.FAILED, reason
    registration.attempts += 1
    registration.done_at, registration.done_by = timezone.now(), actor
    fields = ["state", "error", "attempts", "done_at", "done_by"]
    save_if_unchanged(registration, expected_version=expected_version, fields=fields)
    record(
        actor=actor,
        verb=Verb.UPDATE,
        target=registration,
        changes={"state": (before, State.FAILED), "error": (old_error, reason)},
        request=request,
    )
    summary = _summary(registration, _("en échec")) + f" – {reason}"
    record_event(file=registration.file, kind=FileEvent.Kind.BCSS, summary=summary, author=actor)
    return registration
