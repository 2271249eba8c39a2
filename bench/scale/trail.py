"""The audit trail at scale: every create the casework wrote, years of reads, searches and log-ins, chained.

Rows are appended after the trail's last row, in time order, each linked to the previous one by
audit.chain.compute_hash exactly as audit.chain.append would have linked it, so `manage.py verify_audit` finds
the chain intact. The time the casework gave each create is kept; reads fill the last three years.
"""

from __future__ import annotations

import datetime
import heapq
import random
from collections.abc import Iterator

from django.utils import timezone

from audit.chain import GENESIS, compute_hash
from audit.models import AuditEvent
from bench.scale.bulk import Table
from bench.scale.staff import Staff
from files.sections import TABS

# Plain strings: the database drivers take them as they are (enum members may be written as their name).
Verb = AuditEvent.Verb
CREATE, VIEW, SEARCH, LOGIN, LOGIN_FAILED, PRINT = (
    str(v.value) for v in (Verb.CREATE, Verb.VIEW, Verb.SEARCH, Verb.LOGIN, Verb.LOGIN_FAILED, Verb.PRINT)
)
SECTIONS = [key for key, _label, _name, _action in TABS if key != "access"]
QUERIES = ["lef", "dubois", "hélène", "martin", "ben", "van", "lambert", "mohamed", "yilmaz", "dupont"]
IPS = [f"10.12.{n // 40}.{10 + n % 40}" for n in range(120)]
FIELDS = ["at", "user", "username", "verb", "target_type", "target_id", "file_id", "person_id", "purpose"]
FIELDS += ["detail", "ip_address", "prev_hash", "row_hash"]


def build(
    total: int,
    creates: list[tuple],
    files: list[tuple[int, int, int]],
    staff: Staff,
    rng: random.Random,
    *,
    long_file: tuple[int, int, int],
    long_file_reads: int,
) -> int:
    """Append `total` events (at least every create): the creates, then reads of `files` ((id, person, team)),
    `long_file_reads` of them on `long_file`, searches and log-ins. Returns how many were written."""
    now = timezone.now()
    start = now - datetime.timedelta(days=3 * 365)
    reads = max(0, total - len(creates))
    moments = sorted(rng.uniform(start.timestamp(), now.timestamp() - 60) for _ in range(reads))
    others = [staff.id(u) for u in ("juriste", "secretaire", "paiements", "accueil", "recuperation")]
    long_share = long_file_reads / reads if reads else 0

    def activity() -> Iterator[tuple]:
        for ts in moments:
            draw = rng.random()
            file = long_file if draw < long_share else rng.choice(files)
            users = staff.workers.get(file[2], others)
            user = rng.choice(users) if rng.random() < 0.85 else rng.choice(others)
            if draw < 0.8 or file is long_file:
                verb, detail = VIEW, {"section": rng.choice(SECTIONS)}
            elif draw < 0.88:
                verb, detail = SEARCH, {"query": rng.choice(QUERIES), "kind": "name", "results": 3}
                file = None
            elif draw < 0.92:
                verb, detail, file = LOGIN, {}, None
            elif draw < 0.995:
                verb, detail = VIEW, {"section": "summary"}
            elif draw < 0.998:
                verb, detail, file = LOGIN_FAILED, {}, None
            else:
                verb, detail = PRINT, {"what": "file"}
            yield ts, verb, file, user, detail

    def created() -> Iterator[tuple]:
        for ts, target, target_id, file_id, person_id, user in sorted(creates):
            yield ts, CREATE, (target, target_id, file_id, person_id), user, {}

    table = Table(AuditEvent, FIELDS)
    last = AuditEvent.objects.order_by("-id").values_list("row_hash", flat=True).first() or GENESIS
    usernames = staff.usernames
    written = 0
    for ts, verb, target, user, detail in heapq.merge(created(), activity(), key=lambda row: row[0]):
        username = usernames[user]
        if verb == CREATE:
            target_type, target_id, file_id, person_id = target
        elif target is None:
            target_type, target_id, file_id, person_id = "", "", None, None
        else:
            target_type, target_id, file_id, person_id = (
                "files.socialfile",
                str(target[0]),
                target[0],
                target[1],
            )
        if verb == LOGIN_FAILED:
            user, username = None, rng.choice([username, f"{username}x", "admin"])
        values = {
            "at": datetime.datetime.fromtimestamp(ts, datetime.UTC),
            "user_id": user,
            "username": username,
            "verb": verb,
            "target_type": target_type,
            "target_id": str(target_id),
            "file_id": file_id,
            "person_id": person_id,
            "purpose": "",
            "detail": detail,
            "ip_address": rng.choice(IPS),
            "prev_hash": last,
        }
        last = compute_hash(values)
        table.add(*values.values(), last)
        written += 1
    table.close()
    return written
