"""The hash chain that makes the audit trail tamper-evident.

Each row holds the previous row's hash (`prev_hash`) and the SHA-256 of its own content plus `prev_hash`
(`row_hash`). Changing, inserting or removing a row in the database breaks the chain at that row; `verify()`
walks it and names the first break. Appends are serialised so that two writers never link to the same row.
The head is sealed from time to time (audit/seal.py), so that the end of the trail cannot be cut off or the
whole chain recomputed unnoticed.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext as _

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


# --- verification -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Break:
    """The first place where the chain no longer holds."""

    kind: str  # "altered", "inserted" or "removed"
    row_id: int
    at: datetime.datetime
    message: str


@dataclass(frozen=True)
class Report:
    checked: int
    last_hash: str
    first_break: Break | None
    # The last seal found intact: {"id", "at", "last_id", "count", ...}, or None.
    seal: dict[str, Any] | None = None
    # Set when the database holds seals but the seal journal file is absent (e.g. on a new machine).
    journal_missing: bool = False

    @property
    def intact(self) -> bool:
        return self.first_break is None


def _rows(chunk_size: int) -> Iterator[dict[str, Any]]:
    from audit.models import AuditEvent

    fields = ("id", *HASHED_FIELDS, "row_hash")
    for row in AuditEvent.objects.order_by("id").values_list(*fields).iterator(chunk_size=chunk_size):
        yield dict(zip(fields, row, strict=True))


def _purges() -> list[dict[str, Any]]:
    from audit.models import AuditEvent

    return list(AuditEvent.objects.filter(verb=AuditEvent.Verb.PURGE).values_list("detail", flat=True))


def purge_anchors(purges: list[dict[str, Any]] | None = None) -> dict[str, int]:
    """{hash of the last purged row: its id}, from the PURGE events: where a purged trail may start."""
    anchors = {}
    for detail in _purges() if purges is None else purges:
        if detail.get("last_purged_hash"):
            anchors[detail["last_purged_hash"]] = detail.get("last_purged_id")
    return anchors


def purged_count(purges: list[dict[str, Any]] | None = None) -> int:
    """How many events the purges removed from the start of the chain."""
    return sum(detail.get("count", 0) for detail in (_purges() if purges is None else purges))


def when(moment: datetime.datetime) -> str:
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M:%S")


def _break(kind: str, row: dict[str, Any], previous: dict[str, Any] | None) -> Break:
    names = {"id": row["id"], "at": when(row["at"])}
    if kind == "altered":
        text = _(
            "l'événement n° %(id)s du %(at)s a été modifié : son contenu ne correspond plus à son empreinte."
        )
    elif kind == "inserted":
        text = _(
            "l'événement n° %(id)s du %(at)s a été inséré : il ne suit pas l'événement qui le précède "
            "dans le journal."
        )
    elif previous is None:
        text = _(
            "un ou plusieurs événements ont été supprimés avant l'événement n° %(id)s du %(at)s, le premier "
            "du journal : il est lié à un événement absent, et aucune purge n'explique cette absence."
        )
    else:
        names.update(prev_id=previous["id"], prev_at=when(previous["at"]))
        text = _(
            "un ou plusieurs événements ont été supprimés (ou remplacés) entre l'événement n° %(prev_id)s "
            "du %(prev_at)s et l'événement n° %(id)s du %(at)s : celui-ci est lié à un événement absent."
        )
    return Break(kind=kind, row_id=row["id"], at=row["at"], message=text % names)


def _first_break(rows: Iterator[dict[str, Any]], anchors: dict[str, int]) -> tuple[int, str, Break | None]:
    checked, previous = 0, None
    row = next(rows, None)
    while row is not None:
        following = next(rows, None)
        content_ok = compute_hash(row) == row["row_hash"]
        if previous is None:
            linked = row["prev_hash"] == GENESIS or anchors.get(row["prev_hash"], row["id"]) < row["id"]
        else:
            linked = row["prev_hash"] == previous["row_hash"]
        if not linked and previous is not None and content_ok and row["prev_hash"] == previous["prev_hash"]:
            # Two rows link to the same predecessor: the previous one was slipped in between.
            return checked, "", _break("inserted", previous, None)
        skipped = following and previous and following["prev_hash"] == previous["row_hash"]
        if not linked and (not content_ok or skipped):
            # A forged row (its hash does not even match), or one between a row and the row that links to it.
            return checked, "", _break("inserted", row, previous)
        if not content_ok:
            return checked, "", _break("altered", row, previous)
        if not linked:
            return checked, "", _break("removed", row, previous)
        checked += 1
        previous, row = row, following
    return checked, previous["row_hash"] if previous else GENESIS, None


def verify(*, chunk_size: int = 2000) -> Report:
    """Walk the whole trail in id order (memory-bounded) and return the first break, if any.

    A row is altered when its content no longer gives its hash; inserted when its hash is forged or it
    sits between a row and the row that links to that one; rows are missing when a row links to a hash
    that no row has (and no purge recorded). Then every seal, of the database and of the seal journal, is
    checked: its signature, that both sources agree, and that the row it names is still there, at the same
    place in the chain, with the same hash.
    """
    from audit import seal

    purges = _purges()
    purged = purged_count(purges)
    seal_rows, entries = seal.seals(), seal.journal()
    journal_missing = entries is None and bool(seal_rows)
    problem, seal_rows, unknown = seal.merge(seal_rows, entries or [])
    if problem is not None:
        return Report(checked=0, last_hash="", first_break=problem)
    sealed = {row["last_id"] for row in seal_rows}
    found: dict[int, tuple[int, str]] = {}
    ends: dict[str, dict[str, Any]] = {}

    def watched(rows: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for position, row in enumerate(rows, start=purged + 1):
            ends.setdefault("first", row)
            ends["last"] = row
            if row["id"] in sealed:
                found[row["id"]] = (position, row["row_hash"])
            yield row

    checked, last_hash, first_break = _first_break(watched(_rows(chunk_size)), purge_anchors(purges))
    if first_break is not None:
        return Report(checked=checked, last_hash=last_hash, first_break=first_break)
    problem, intact, sealed_checked = seal.check(
        seal_rows, found, ends.get("first"), ends.get("last"), purged
    )
    if problem is None and unknown:
        problem = seal.removed_seal(unknown[0])
    if problem is not None:
        return Report(checked=sealed_checked, last_hash="", first_break=problem, seal=intact)
    return Report(
        checked=checked, last_hash=last_hash, first_break=None, seal=intact, journal_missing=journal_missing
    )
