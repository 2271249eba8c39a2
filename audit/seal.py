"""Seals of the audit trail's head, signed with a key that never enters the database.

The hash chain shows a row changed in place. Whoever owns the database could still delete the newest rows, or
rewrite a row and recompute every hash after it: the chain would hold again. A seal states, at a moment, the
id and hash of the trail's last row and how many events the chain holds up to it (purged ones included),
signed with HMAC-SHA256 under the key of AUDIT_SEAL_KEY_FILE. Without the key no one makes a valid seal,
so verify() finds a sealed row that is gone, or whose hash or position changed, and names it.

When: on every event whose id is a multiple of AUDIT_SEAL_EVERY, inside that append's transaction and lock (no
lock of its own, three more queries once in AUDIT_SEAL_EVERY appends), before every purge, and by
`manage.py seal_audit` (cron, e.g. every ten minutes). Rows written after the last seal have the chain only.
"""

from __future__ import annotations

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
    return AuditSeal.objects.create(
        at=at,
        last_id=last_id,
        last_hash=last_hash,
        count=count,
        signature=signature(at=at, last_id=last_id, last_hash=last_hash, count=count),
    )


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


def check(seal_rows: list[dict], found: dict[int, tuple[int, str]], first, last, purged: int):
    """(the first problem of `seal_rows` as a chain.Break or None, the last intact seal, events intact to it).

    `found` maps each sealed id to (its position in the chain, its hash) as verify() met it; `first` and
    `last` are the trail's first and last rows.
    """
    intact, problem = None, None
    for seal_row in seal_rows:
        expected = signature(
            at=seal_row["at"],
            last_id=seal_row["last_id"],
            last_hash=seal_row["last_hash"],
            count=seal_row["count"],
        )
        if not hmac.compare_digest(expected, seal_row["signature"]):
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
