"""Writing the audit trail. Every service and every read of a file records here."""

from typing import Any

from django.db import models
from django.http import HttpRequest

from audit.models import AuditEvent

Verb = AuditEvent.Verb


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(
    *,
    actor: Any,
    verb: str,
    target: models.Model | None = None,
    file_id: int | None = None,
    detail: dict | None = None,
    request: HttpRequest | None = None,
    username: str = "",
    person_id: int | None = None,
    purpose: str = "",
    changes: dict[str, tuple[Any, Any]] | None = None,
) -> AuditEvent:
    """Append one event to the audit trail.

    `changes` maps each changed field to (old, new); `purpose` says why (e.g. a break-glass reason).
    """
    detail = dict(detail or {})
    if changes:
        detail["changes"] = {field: [_plain(old), _plain(new)] for field, (old, new) in changes.items()}
    authenticated = getattr(actor, "is_authenticated", False)
    if target is not None and file_id is None:
        file_id = _file_id_of(target)
    if target is not None and person_id is None:
        person_id = _person_id_of(target)
    return AuditEvent.objects.create(
        user=actor if authenticated else None,
        username=actor.get_username() if authenticated else username,
        verb=verb,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        file_id=file_id,
        person_id=person_id,
        purpose=purpose[:300],
        detail=detail,
        ip_address=client_ip(request),
    )


def changes_between(old: dict[str, Any], new: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """The `changes=` of record(): {field: (old, new)} for the fields of `new` whose value differs."""
    return {field: (old.get(field), value) for field, value in new.items() if old.get(field) != value}


def _plain(value: Any) -> Any:
    """A value as the trail keeps it: JSON types only (dates and the like become their text)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)


def _file_id_of(target: models.Model) -> int | None:
    if target._meta.label_lower == "files.socialfile":
        return target.pk
    return getattr(target, "file_id", None)


def _person_id_of(target: models.Model) -> int | None:
    """The person the target's data concerns, when known without a query (else None)."""
    label = target._meta.label_lower
    if label == "people.person":
        return target.pk
    if label == "files.socialfile":
        return target.beneficiary_id
    if label == "people.householdmember":
        return target.member_id  # the beneficiary's side is already in file_id
    if hasattr(target, "person_id"):  # an address, a bank account...
        return target.person_id
    file_field = next((f for f in target._meta.concrete_fields if f.name == "file"), None)
    if file_field is not None and file_field.is_cached(target) and target.file is not None:
        return target.file.beneficiary_id
    return None
