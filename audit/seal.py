"""Seals of the audit trail's head, signed with a key that never enters the database.

The hash chain shows a row changed in place. Whoever owns the database could still delete the newest rows, or
rewrite a row and recompute every hash after it: the chain would hold again. A seal states, at a moment, the
id and hash of the trail's last row and how many events the chain holds up to it (purged ones included),
signed with HMAC-SHA256 under the key of AUDIT_SEAL_KEY_FILE. Without the key no one makes a valid seal,
so verification (audit/verification.py) finds a sealed row that is gone, or whose hash or position
changed, and names it.

When: on every event whose id is a multiple of AUDIT_SEAL_EVERY, inside that append's transaction and lock (no
lock of its own, three more queries once in AUDIT_SEAL_EVERY appends), before every purge, and by
`manage.py seal_audit` (cron, e.g. every ten minutes). Rows written after the last seal have the chain only.

The database owner could still delete the newest rows together with their seals (or rewrite rows and drop
the seals after them). So every seal is also appended, once its transaction commits, as one signed JSON line
to the seal journal (AUDIT_SEAL_JOURNAL_FILE): opened with O_APPEND, fsynced, never rewritten. Verification
checks each line's signature, names a journaled seal missing from (or differing in) the database, and checks
the trail against the newest seal of either source. In production the journal lives where the database owner
cannot write: write-once or remote-logged storage (e.g. each line shipped to syslog on another host).
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import chain


@functools.cache
def _key(path: str) -> bytes:
    """The key in `path`, made (random, readable by its owner only) when the file does not exist yet."""
    file = Path(path)
    if not file.exists():
        file.parent.mkdir(parents=True, exist_ok=True)
        fresh = file.with_name(f"{file.name}.{os.getpid()}")
        fresh.touch(mode=0o600)
        fresh.write_text(secrets.token_hex(32))
        try:
            os.link(fresh, file)  # atomic, and never replaces the key another process made meanwhile
        except FileExistsError:
            pass
        finally:
            fresh.unlink()
    key = file.read_bytes().strip()
    if len(key) < 32:
        raise ImproperlyConfigured(f"The audit seal key in {path} is shorter than 32 bytes.")
    return key


def key() -> bytes:
    return _key(settings.AUDIT_SEAL_KEY_FILE)


def signature(*, at, last_id: int, last_hash: str, count: int) -> str:
    message = json.dumps([chain.utc_text(at), last_id, last_hash, count], separators=(",", ":"))
    return hmac.new(key(), message.encode(), hashlib.sha256).hexdigest()


def seal_head(last_id: int | None = None, last_hash: str | None = None):
    """Seal the trail's head (the row `last_id` when given). The caller holds the chain's lock."""
    from audit.models import AuditEvent, AuditSeal

    if last_id is None:
        head = AuditEvent.objects.order_by("-id").values_list("id", "row_hash").first()
        if head is None:
            return None
        last_id, last_hash = head
    previous = AuditSeal.objects.order_by("-id").values_list("last_id", "count").first()
    if previous and previous[0] == last_id:
        return None
    if previous and previous[0] < last_id:
        # No purge since: every purge seals first and removes only rows up to that seal.
        count = previous[1] + AuditEvent.objects.filter(id__gt=previous[0], id__lte=last_id).count()
    else:
        count = chain.purged_count() + AuditEvent.objects.filter(id__lte=last_id).count()
    at = timezone.now()
    made = AuditSeal.objects.create(
        at=at,
        last_id=last_id,
        last_hash=last_hash,
        count=count,
        signature=signature(at=at, last_id=last_id, last_hash=last_hash, count=count),
    )
    line = _journal_line(made)
    # Only a committed seal is journaled; a failed write is logged and must not undo the committed append.
    transaction.on_commit(lambda: _journal_write(line), robust=True)
    return made


def seal():
    """Seal the trail's head now (None when nothing was appended since the last seal)."""
    with transaction.atomic():
        chain.lock()
        return seal_head()


def seals() -> list[dict[str, Any]]:
    from audit.models import AuditSeal

    return list(
        AuditSeal.objects.order_by("id").values("id", "at", "last_id", "last_hash", "count", "signature")
    )


# --- the seal journal, outside the database -----------------------------------------------------------------


def _journal_line(made) -> bytes:
    fields = {"seal": made.pk, "at": chain.utc_text(made.at), "last_id": made.last_id}
    fields.update(last_hash=made.last_hash, count=made.count, signature=made.signature)
    return (json.dumps(fields, separators=(",", ":")) + "\n").encode()


def _journal_write(line: bytes) -> None:
    path = Path(settings.AUDIT_SEAL_JOURNAL_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def journal() -> list[dict[str, Any]] | None:
    """The journal's seals in file order, each with its `line` number (None when the file does not exist).

    A line that cannot be read gets an empty signature, so that check() names it as forged."""
    path = Path(settings.AUDIT_SEAL_JOURNAL_FILE)
    if not path.exists():
        return None
    entries = []
    for number, text in enumerate(path.read_text().splitlines(), start=1):
        try:
            fields = json.loads(text)
            entry = {
                "id": int(fields["seal"]),
                "at": datetime.datetime.strptime(fields["at"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(
                    tzinfo=datetime.UTC
                ),
                "last_id": int(fields["last_id"]),
                "last_hash": str(fields["last_hash"]),
                "count": int(fields["count"]),
                "signature": str(fields["signature"]),
            }
        except (ValueError, KeyError, TypeError):
            entry = {
                "id": 0,
                "at": timezone.now(),
                "last_id": 0,
                "last_hash": "",
                "count": 0,
                "signature": "",
            }
        entries.append({**entry, "line": number})
    return entries


def merge(seal_rows: list[dict], entries: list[dict]):
    """(the first problem as a chain.Break or None, the seals of both sources by id, the journaled seals
    missing from the database). A forged journal line, or a seal the two sources disagree on, is a problem."""
    by_id = {row["id"]: row for row in seal_rows}
    missing = []
    for entry in entries:
        if not hmac.compare_digest(_sign(entry), entry["signature"]):
            return _forged_line(entry), [], []
        row = by_id.get(entry["id"])
        if row is None:
            by_id[entry["id"]] = entry
            missing.append(entry)
        elif any(
            row[field] != entry[field] for field in ("at", "last_id", "last_hash", "count", "signature")
        ):
            return _differs(entry), [], []
    return None, [by_id[number] for number in sorted(by_id)], missing


def _sign(seal_row: dict) -> str:
    fields = ("last_id", "last_hash", "count")
    return signature(at=seal_row["at"], **{field: seal_row[field] for field in fields})


def signed(seal_row: dict) -> bool:
    """Whether `seal_row` bears the signature of the seal key."""
    return hmac.compare_digest(_sign(seal_row), seal_row["signature"])


def check(seal_rows: list[dict], found: dict[int, tuple[int, str]], first, last, purged: int):
    """(the first problem of `seal_rows` as a chain.Break or None, the last intact seal, events intact to it).

    `found` maps each sealed id to (its position in the chain, its hash) as the verification met it; `first`
    and `last` are the trail's first and last rows.
    """
    intact, problem = None, None
    for seal_row in seal_rows:
        if not signed(seal_row):
            problem = _forged(seal_row)
        elif first is not None and seal_row["last_id"] < first["id"]:
            continue  # a purged row
        elif seal_row["last_id"] not in found:
            problem = _missing(seal_row, intact, last)
        elif found[seal_row["last_id"]] != (seal_row["count"], seal_row["last_hash"]):
            problem = _rewritten(seal_row, intact)
        else:
            intact = seal_row
        if problem is not None:
            break
    checked = found[intact["last_id"]][0] - purged if intact else 0
    return problem, intact, checked


def _names(seal_row: dict, **more) -> dict:
    return {"seal": seal_row["id"], "at": chain.when(seal_row["at"]), "id": seal_row["last_id"], **more}


def _forged(seal_row: dict):
    text = _(
        "le sceau n° %(seal)s du %(at)s n'a pas une signature valide : il a été forgé ou modifié "
        "(ou la clé de scellement a changé)."
    )
    return chain.Break(
        kind="forged", row_id=seal_row["last_id"], at=seal_row["at"], message=text % _names(seal_row)
    )


def _forged_line(entry: dict):
    text = _(
        "la ligne %(line)s du registre des sceaux (%(file)s) n'a pas une signature valide : elle a été "
        "forgée ou modifiée (ou la clé de scellement a changé)."
    )
    names = {"line": entry["line"], "file": settings.AUDIT_SEAL_JOURNAL_FILE}
    return chain.Break(kind="forged", row_id=entry["last_id"], at=entry["at"], message=text % names)


def _differs(entry: dict):
    text = _(
        "le sceau n° %(seal)s du %(at)s diffère dans la base de données de la ligne %(line)s du registre des "
        "sceaux : il a été modifié dans la base."
    )
    return chain.Break(
        kind="rewritten",
        row_id=entry["last_id"],
        at=entry["at"],
        message=text % _names(entry, line=entry["line"]),
    )


def removed_seal(entry: dict):
    """A journaled seal gone from the database (the trail itself still matches it)."""
    text = _(
        "le sceau n° %(seal)s du %(at)s (ligne %(line)s du registre des sceaux) a été supprimé de la base de "
        "données."
    )
    return chain.Break(
        kind="removed",
        row_id=entry["last_id"],
        at=entry["at"],
        message=text % _names(entry, line=entry["line"]),
    )


def _missing(seal_row: dict, intact: dict | None, last: dict | None):
    names = _names(seal_row, count=seal_row["count"])
    if last is None:
        text = _(
            "le journal est vide alors que le sceau n° %(seal)s du %(at)s couvre %(count)s événements "
            "jusqu'à l'événement n° %(id)s : ils ont été supprimés."
        )
    elif seal_row["last_id"] > last["id"]:
        names.update(last_id=last["id"], last_at=chain.when(last["at"]))
        text = _(
            "les événements les plus récents ont été supprimés : le sceau n° %(seal)s du %(at)s couvre "
            "%(count)s événements jusqu'à l'événement n° %(id)s, mais le journal s'arrête à l'événement "
            "n° %(last_id)s du %(last_at)s."
        )
    else:
        names["after"] = _after(intact)
        text = _(
            "l'événement n° %(id)s, scellé par le sceau n° %(seal)s du %(at)s, a disparu du journal : des "
            "événements ont été supprimés %(after)s, puis les empreintes recalculées."
        )
    return chain.Break(kind="removed", row_id=seal_row["last_id"], at=seal_row["at"], message=text % names)


def _rewritten(seal_row: dict, intact: dict | None):
    text = _(
        "le journal a été réécrit %(after)s, jusqu'à l'événement n° %(id)s : celui-ci ne correspond plus au "
        "sceau n° %(seal)s du %(at)s (un événement a été modifié, inséré ou supprimé, puis les empreintes "
        "recalculées)."
    )
    names = _names(seal_row, after=_after(intact))
    return chain.Break(kind="rewritten", row_id=seal_row["last_id"], at=seal_row["at"], message=text % names)


def _after(intact: dict | None) -> str:
    if intact is None:
        return _("depuis le début du journal")
    return _("après l'événement n° %(id)s (scellé intact le %(at)s)") % {
        "id": intact["last_id"],
        "at": chain.when(intact["at"]),
    }
