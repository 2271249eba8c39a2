"""Verifying the audit trail: its hash chain row by row (audit/chain.py), and its seals (audit/seal.py).

Two ways, both naming the first break:

- Since the last seal (verify_audit's default, seconds on millions of rows). Every seal's signature is
  checked, the database's seals against the seal journal, and the newest seal against the trail: its row is
  there, with its hash, at its place in the chain. The chain is then walked from that row to the head. The
  rows before it are trusted to that seal, which signs the chain's head: removing some of them, or rewriting
  one and recomputing the hashes after it, changes the sealed row's hash or place and is found. A row changed
  in place with its stored hash left alone breaks the chain only where it sits: only a full verification,
  which reads every row, finds it (run one regularly, e.g. weekly). When the newest seal does not hold, the
  verification goes on as a full one, to name the first break exactly.
- Full: the whole chain, cut into chunks of ids verified in parallel processes. Each chunk also reads the row
  before it and the row after it, and judges each of its rows by the same rule as one walk from the start
  (a rule that looks only at the rows just before and after), so the chunks name the same first break as one
  walk would: the break of the first chunk that has one.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any

from django.db import connection, connections
from django.db.models import Count, Max, Min
from django.utils.translation import gettext as _

from audit import chain, seal
from audit.chain import GENESIS, Break

# Events per chunk of a verification; rows fetched from the database at a time.
CHUNK_EVENTS = 50_000
FETCH = 2000
FIELDS = ("id", *chain.HASHED_FIELDS, "row_hash")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Report:
    checked: int
    last_hash: str
    first_break: Break | None
    # The last seal found intact: {"id", "at", "last_id", "count", ...}, or None.
    seal: dict[str, Any] | None = None
    # Set when the database holds seals but the seal journal file is absent (e.g. on a new machine).
    journal_missing: bool = False
    # The seal whose row the verification started after (None: it verified the whole chain).
    since: dict[str, Any] | None = None

    @property
    def intact(self) -> bool:
        return self.first_break is None


def verify(
    *, full: bool = False, jobs: int = 1, chunk_events: int = CHUNK_EVENTS, progress: Progress | None = None
) -> Report:
    """Verify the trail since its newest seal (or entirely when `full`, or when nothing is sealed yet).

    `jobs` processes verify chunks of `chunk_events` ids at once; `progress(done, total)` is told after
    each chunk. Rows written inside the caller's open transaction are visible to this connection only: the
    chunks are then verified in this process.
    """
    details = chain.purges()
    purged = chain.purged_count(details)
    seal_rows, entries = seal.seals(), seal.journal()
    journal_missing = entries is None and bool(seal_rows)
    problem, seal_rows, unknown = seal.merge(seal_rows, entries or [])
    if problem is not None:
        return Report(checked=0, last_hash="", first_break=problem)
    plan = _Plan(chain.purge_anchors(details), jobs, chunk_events, progress)
    if not full and seal_rows and _newest_holds(seal_rows, purged):
        newest = seal_rows[-1]
        walked = plan.walk(after=newest["last_id"])
        if walked.first_break is None and unknown:
            walked.first_break = seal.removed_seal(unknown[0])
        return Report(
            checked=walked.checked,
            last_hash=walked.last_hash if walked.first_break is None else "",
            first_break=walked.first_break,
            seal=newest,
            journal_missing=journal_missing,
            since=newest,
        )
    walked = plan.walk(after=None, sealed=frozenset(row["last_id"] for row in seal_rows), start=purged)
    if walked.first_break is not None:
        return Report(checked=walked.checked, last_hash="", first_break=walked.first_break)
    problem, intact, sealed_checked = seal.check(seal_rows, walked.found, walked.first, walked.last, purged)
    if problem is None and unknown:
        problem = seal.removed_seal(unknown[0])
    if problem is not None:
        return Report(checked=sealed_checked, last_hash="", first_break=problem, seal=intact)
    return Report(
        checked=walked.checked,
        last_hash=walked.last_hash,
        first_break=None,
        seal=intact,
        journal_missing=journal_missing,
    )


def _newest_holds(seal_rows: list[dict], purged: int) -> bool:
    """Whether every seal is signed and the newest one still names its row, with its hash, at its place."""
    from audit.models import AuditEvent

    if not all(seal.signed(row) for row in seal_rows):
        return False
    newest = seal_rows[-1]
    stored = AuditEvent.objects.filter(id=newest["last_id"]).values_list("row_hash", flat=True).first()
    if stored != newest["last_hash"]:
        return False
    return purged + AuditEvent.objects.filter(id__lte=newest["last_id"]).count() == newest["count"]


# --- walking the chain in chunks ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Chunk:
    index: int
    after: int | None  # the chunk's rows have ids above this one (None: from the trail's first row)
    last: int  # ... up to this one


@dataclass
class _Walked:
    """What a walk over one chunk, or over all of them, met."""

    checked: int = 0
    last_hash: str = GENESIS
    first_break: Break | None = None
    # Sealed ids met: (position in the chain, hash).
    found: dict[int, tuple[int, str]] | None = None
    first: dict[str, Any] | None = None
    last: dict[str, Any] | None = None


@dataclass(frozen=True)
class _Plan:
    anchors: dict[str, int]
    jobs: int
    chunk_events: int
    progress: Progress | None

    def walk(self, *, after: int | None, sealed: frozenset[int] = frozenset(), start: int = 0) -> _Walked:
        """Walk the rows with ids above `after` (all when None); `start` is the chain position before them."""
        from audit.models import AuditEvent

        rows = AuditEvent.objects.all() if after is None else AuditEvent.objects.filter(id__gt=after)
        bounds = rows.aggregate(low=Min("id"), high=Max("id"), total=Count("id"))
        if bounds["total"] == 0:
            previous = _predecessor(after) if after is not None else None
            return _Walked(last_hash=previous["row_hash"] if previous else GENESIS, found={})
        size = max(1, self.chunk_events)
        chunks, edge = [], after
        for index, last in enumerate(range(bounds["low"] - 1 + size, bounds["high"] + size, size)):
            chunks.append(_Chunk(index, edge, min(last, bounds["high"])))
            edge = chunks[-1].last
        results = self._run(chunks, sealed, bounds["total"])
        return _merge(results, start)

    def _run(self, chunks: list[_Chunk], sealed: frozenset, total: int) -> list[_Walked]:
        done, results = 0, {}

        def report(index: int, walked: _Walked) -> None:
            nonlocal done
            results[index] = walked
            done += walked.checked
            if self.progress is not None and len(chunks) > 1:
                self.progress(done, total)

        if self.jobs <= 1 or len(chunks) == 1 or connection.in_atomic_block:
            for chunk in chunks:
                report(chunk.index, _walk_chunk(chunk, self.anchors, sealed))
                if results[chunk.index].first_break is not None:
                    break
            return [results[i] for i in sorted(results)]
        # The worker processes open connections of their own; none may inherit this one's socket.
        connections.close_all()
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=self.jobs, mp_context=context) as pool:
            futures = {pool.submit(_walk_chunk, chunk, self.anchors, sealed): chunk for chunk in chunks}
            first_broken = len(chunks)
            for future in as_completed(futures):
                if future.cancelled():
                    continue
                index = futures[future].index
                report(index, future.result())
                if results[index].first_break is not None and index < first_broken:
                    first_broken = index
                    for other, chunk in futures.items():
                        if chunk.index > first_broken:
                            other.cancel()
        return [results[i] for i in sorted(results) if i <= first_broken]


def _merge(results: list[_Walked], start: int) -> _Walked:
    """The chunks' walks, in order, as one walk from chain position `start`: up to the first break."""
    merged = _Walked(found={})
    position = start
    for walked in results:
        merged.found.update({pk: (position + at, row_hash) for pk, (at, row_hash) in walked.found.items()})
        merged.checked += walked.checked
        merged.first = merged.first or walked.first
        merged.last, merged.last_hash = walked.last or merged.last, walked.last_hash
        if walked.first_break is not None:
            merged.first_break = walked.first_break
            return merged
        position += walked.checked
    return merged


def _values(queryset) -> Iterator[dict[str, Any]]:
    for row in queryset.values_list(*FIELDS).iterator(chunk_size=FETCH):
        yield dict(zip(FIELDS, row, strict=True))


def _predecessor(after: int) -> dict[str, Any] | None:
    from audit.models import AuditEvent

    return next(_values(AuditEvent.objects.filter(id__lte=after).order_by("-id")[:1]), None)


def _walk_chunk(chunk: _Chunk, anchors: dict[str, int], sealed: frozenset) -> _Walked:
    """Judge each row of `chunk` in id order, with the rows just before and after the chunk as context."""
    from audit.models import AuditEvent

    ordered = AuditEvent.objects.order_by("id")
    inside = ordered.filter(id__lte=chunk.last)
    previous = None
    if chunk.after is not None:
        inside = inside.filter(id__gt=chunk.after)
        previous = _predecessor(chunk.after)
    rows = itertools.chain(_values(inside), _values(ordered.filter(id__gt=chunk.last)[:1]))
    walked = _Walked(last_hash=previous["row_hash"] if previous else GENESIS, found={})
    row = next(rows, None)
    while row is not None and row["id"] <= chunk.last:
        following = next(rows, None)
        walked.first_break = _judge(previous, row, following, anchors)
        if walked.first_break is not None:
            return walked
        walked.checked += 1
        if row["id"] in sealed:
            walked.found[row["id"]] = (walked.checked, row["row_hash"])
        walked.first = walked.first or row
        walked.last, walked.last_hash = row, row["row_hash"]
        previous, row = row, following
    return walked


def _judge(
    previous: dict[str, Any] | None, row: dict[str, Any], following: dict[str, Any] | None, anchors
) -> Break | None:
    """What is wrong with `row`, between the rows just before and after it (None: nothing).

    A row is altered when its content no longer gives its hash; inserted when its hash is forged or it sits
    between a row and the row that links to that one; rows are missing when a row links to a hash that no
    row has (and no purge recorded).
    """
    content_ok = chain.compute_hash(row) == row["row_hash"]
    if previous is None:
        linked = row["prev_hash"] == GENESIS or anchors.get(row["prev_hash"], row["id"]) < row["id"]
    else:
        linked = row["prev_hash"] == previous["row_hash"]
    if not linked and previous is not None and content_ok and row["prev_hash"] == previous["prev_hash"]:
        # Two rows link to the same predecessor: the previous one was slipped in between.
        return _break("inserted", previous, None)
    skipped = following and previous and following["prev_hash"] == previous["row_hash"]
    if not linked and (not content_ok or skipped):
        # A forged row (its hash does not even match), or one between a row and the row that links to it.
        return _break("inserted", row, previous)
    if not content_ok:
        return _break("altered", row, previous)
    if not linked:
        return _break("removed", row, previous)
    return None


def _break(kind: str, row: dict[str, Any], previous: dict[str, Any] | None) -> Break:
    names = {"id": row["id"], "at": chain.when(row["at"])}
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
        names.update(prev_id=previous["id"], prev_at=chain.when(previous["at"]))
        text = _(
            "un ou plusieurs événements ont été supprimés (ou remplacés) entre l'événement n° %(prev_id)s "
            "du %(prev_at)s et l'événement n° %(id)s du %(at)s : celui-ci est lié à un événement absent."
        )
    return Break(kind=kind, row_id=row["id"], at=row["at"], message=text % names)
