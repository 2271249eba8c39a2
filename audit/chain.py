"""The hash chain that makes the audit trail tamper-evident.

Each row holds the previous row's hash (`prev_hash`) and the SHA-256 of its own content plus `prev_hash`
(`row_hash`). Changing, inserting or removing a row in the database breaks the chain at that row;
audit/verification.py walks it and names the first break. Appends are serialised so that two writers
never link to the same row. The head is sealed from time to time (audit/seal.py), so that the end of the
trail cannot be cut off or the whole chain recomputed unnoticed.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction

# prev_hash of the very first row of a trail.
GENESIS = "0" * 64
# Key of the PostgreSQL advisory lock that serialises appends ("AUDIT" in ASCII).
LOCK_KEY = 0x4155444954
# The fields a row's hash covers, in this order (row_hash excepted, prev_hash last).
HASHED_FIELDS = (
    "at",
    "user_id",
    "username",
    "verb",
    "target_type",
    "target_id",
    "file_id",
    "person_id",
    "purpose",
    "detail",
    "ip_address",
    "prev_hash",
)


def _canonical_json(value: Any) -> Any:
    """`value` as both databases give it back: PostgreSQL's jsonb returns 1e20 as 100000000000000000000."""
    if isinstance(value, dict):
        return {str(k): _canonical_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical_json(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def utc_text(moment: datetime.datetime) -> str:
    # Always with microseconds: isoformat() drops them when they are zero.
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def compute_hash(values: dict[str, Any]) -> str:
    """SHA-256 of a row's content (the HASHED_FIELDS of `values`) as a canonical JSON array."""
    content = [
        utc_text(values["at"]),
        values["user_id"],
        values["username"],
        str(values["verb"]),
        values["target_type"],
        values["target_id"],
        values["file_id"],
        values["person_id"],
        values["purpose"],
        json.dumps(_canonical_json(values["detail"]), sort_keys=True, separators=(",", ":")),
        values["ip_address"] or None,
        values["prev_hash"],
    ]
    text = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def lock() -> None:
    """Take the chain's write lock until the end of the transaction.

    SQLite runs with transaction_mode IMMEDIATE: the enclosing atomic block already holds the database's
    write lock. PostgreSQL needs an explicit lock, released at commit or rollback.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def append(event, save) -> None:
    """Link the unsaved `event` to the last row and store it with `save()`: one indexed read, one INSERT."""
    from audit.models import AuditEvent

    ip_field = AuditEvent._meta.get_field("ip_address")
    with transaction.atomic(savepoint=False):
        lock()
        last = AuditEvent.objects.order_by("-id").values_list("row_hash", flat=True).first()
        event.prev_hash = last if last is not None else GENESIS
        # Hash the address as the database stores it (IPv6 compressed).
        event.ip_address = ip_field.get_prep_value(event.ip_address) or None
        event.row_hash = compute_hash({name: getattr(event, name) for name in HASHED_FIELDS})
        save()
        every = settings.AUDIT_SEAL_EVERY
        if every > 0 and event.pk % every == 0:
            from audit import seal

            seal.seal_head(event.pk, event.row_hash)


# --- what verification needs to know (audit/verification.py walks the chain) -----------------------------


@dataclass(frozen=True)
class Break:
    """The first place where the chain (or a seal of it) no longer holds."""

    kind: str  # "altered", "inserted", "removed", "forged" or "rewritten"
    row_id: int
    at: datetime.datetime
    message: str


def purges() -> list[dict[str, Any]]:
    """The details of the PURGE events, oldest first."""
    from audit.models import AuditEvent

    return list(
        AuditEvent.objects.filter(verb=AuditEvent.Verb.PURGE).order_by("id").values_list("detail", flat=True)
    )


def purge_anchors(details: list[dict[str, Any]] | None = None) -> dict[str, int]:
    """{hash of the last purged row: its id}, from the PURGE events: where a purged trail may start."""
    anchors = {}
    for detail in purges() if details is None else details:
        if detail.get("last_purged_hash"):
            anchors[detail["last_purged_hash"]] = detail.get("last_purged_id")
    return anchors


def purged_count(details: list[dict[str, Any]] | None = None) -> int:
    """How many events the purges removed from the start of the chain."""
    return sum(detail.get("count", 0) for detail in (purges() if details is None else details))


def when(moment: datetime.datetime) -> str:
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M:%S")
