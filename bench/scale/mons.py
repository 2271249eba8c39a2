"""Mons scale: what the benchmark adds to the demo, and in which order.

The figures are those of the CPAS de Mons that issue 12 measured. Every count is multiplied by the run's
fraction (--fraction 0.1: a tenth). The demo's own rows count towards each target, and the demo's accounts
do the work, so that the same pages can be measured on the demo first and at scale afterwards.
"""

from __future__ import annotations

import datetime
import io
import random
import time
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import Count
from django.test import RequestFactory
from django.utils import timezone

from bench.scale import bulk, staff, trail
from bench.scale.casework import Casework, FileRow
from committee import services as committee_services
from committee.models import Body
from files.models import AidRequest, Report, SocialFile
from workflow.declaration import State

SOCIAL_WORKER = "as.centre"  # the demo's busiest social worker: the long file and the long queue are hers


@dataclass(frozen=True)
class Targets:
    files: int = 20_800
    reports: int = 300_000
    requests: int = 40_000
    audit_events: int = 2_000_000
    social_workers: int = 100
    meeting_items: int = 300
    long_file_reports: int = 1_018
    long_file_requests: int = 60
    long_file_reads: int = 5_000
    worker_queue: int = 818  # the social worker's queue items (to write, PIIS)
    # Requests still in progress, by the step their proposal waits at (None: no proposal yet); the rest
    # were decided and carried out.
    in_progress: tuple = (
        (None, 1_200),
        (State.DRAFT, 300),
        (State.RETURNED, 100),
        (State.SUBMITTED, 500),
        (State.VALIDATED, 150),
        (State.OPINION_REQUESTED, 300),
        (State.OPINION_GIVEN, 100),
        (State.DECIDED, 1_000),  # back-office tasks open
    )
    ready_for_next_meeting: int = 200

    def scaled(self, name: str, fraction: float, minimum: int = 1) -> int:
        return max(minimum, round(getattr(self, name) * fraction))


MONS = Targets()


@dataclass
class Built:
    seconds: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)  # seconds of each step
    meeting: int = 0  # the meeting in session


class Steps:
    def __init__(self, built: Built, say) -> None:
        self.built, self.say, self.started = built, say, time.monotonic()
        self.last = self.started

    def done(self, name: str) -> None:
        now = time.monotonic()
        self.built.steps[name] = now - self.last
        self.say(f"build: {name} in {now - self.last:.1f} s")
        self.last = now


def queue_size(user) -> int | None:
    """The user's queue items as the top bar counts them, else as the queues list them (None: unknown)."""
    from workflow import queues
    from workflow.context_processors import queues as top_bar

    request = RequestFactory().get("/")
    request.user = user
    try:
        nav = top_bar(request)["nav_queues"]
        return sum(count for _queue, count in (nav() if callable(nav) else nav))
    except (KeyError, TypeError, ValueError):
        pass
    try:
        return sum(len(queues.items(user, queue)) for queue in queues.queues_for(user))
    except (AttributeError, TypeError):
        return None


def file_row(file: SocialFile) -> FileRow:
    first = file.beneficiary.first_names.split()[0] if file.beneficiary.first_names else ""
    until = file.closed_on or timezone.localdate() - datetime.timedelta(days=1)
    return FileRow(
        file.pk,
        file.beneficiary_id,
        file.team_id,
        file.primary_worker_id,
        file.opened_on,
        file.status,
        first,
        until,
    )


def long_file(worker: User) -> SocialFile:
    """The social worker's open file with the most reports: it grows into the long file."""
    files = SocialFile.objects.filter(primary_worker=worker, status=SocialFile.Status.OPEN)
    return files.select_related("beneficiary").annotate(n=Count("reports")).order_by("-n", "pk").first()


def build(fraction: float, seed: int, long: SocialFile, say=print) -> Built:
    """Grow the demo to Mons scale × `fraction`; `long` (one of the social worker's files) grows into the long
    file."""
    built = Built()
    step = Steps(built, say)
    rng = random.Random(seed)
    target = MONS.scaled
    people = staff.load(target("social_workers", fraction, 0), rng)
    work = Casework(people, rng)
    worker = people.users[SOCIAL_WORKER]

    work.open_files(max(0, target("files", fraction) - SocialFile.objects.count()))
    step.done("persons, households and files")

    long_row = file_row(long)
    rows = work.new_files or [
        file_row(f) for f in SocialFile.objects.select_related("beneficiary").exclude(pk=long.pk)
    ]
    open_rows = [r for r in rows if r.status == SocialFile.Status.OPEN] or [long_row]
    long_requests = max(0, target("long_file_requests", fraction) - long.requests.count())
    work.decided_requests([long_row], long_requests)
    in_progress = [(state, max(1, round(n * fraction))) for state, n in MONS.in_progress]
    pending = sum(n for _state, n in in_progress)
    pending += target("meeting_items", fraction) + target("ready_for_next_meeting", fraction)
    wanted = target("requests", fraction) - AidRequest.objects.count() - long_requests - pending
    work.decided_requests(rows, max(0, wanted))
    step.done("requests and decisions")

    long_reports = max(0, target("long_file_reports", fraction) - long.reports.count())
    long_authors = people.workers[long.team_id]
    work.reports_of(long_row, long_reports, authors=long_authors)
    spread(work, rows, max(0, target("reports", fraction) - Report.objects.count() - long_reports), rng)
    step.done("reports")

    for state, n in in_progress:
        for _n in range(n):
            work.recent(rng.choice(open_rows), state)
    for _n in range(target("meeting_items", fraction)):
        work.recent(rng.choice(open_rows), State.READY, aid=work.aid(Body.Kind.COMMITTEE))
    work.pause()
    built.meeting = meeting(people.users["secretaire"]).pk
    work.resume()
    for _n in range(target("ready_for_next_meeting", fraction)):
        work.recent(rng.choice(open_rows), State.READY)
    work.flush()
    step.done("work in progress and a meeting in session")

    # The social worker's own queue: requests of her files still without a proposal, up to the target.
    mine = [r for r in rows if r.worker_id == worker.pk and r.status == SocialFile.Status.OPEN] or [long_row]
    current = queue_size(worker)
    if current is None:
        say("build: the queues' sizes are not found; the social worker's queue is left as it is")
    missing = 0 if current is None else max(0, target("worker_queue", fraction) - current)
    for _n in range(missing):
        work.recent(rng.choice(mine), None)
    work.finish()
    step.done("the social worker's queue, timeline dates and references")

    files = list(SocialFile.objects.values_list("pk", "beneficiary_id", "team_id"))
    long_tuple = (long.pk, long.beneficiary_id, long.team_id)
    total = max(0, target("audit_events", fraction) - audit_count())
    trail.build(
        total, work.creates, files, people, rng, long_file=long_tuple,
        long_file_reads=target("long_file_reads", fraction),
    )  # fmt: skip
    call_command("seal_audit", stdout=io.StringIO())
    step.done("audit trail (hash chain), sealed")
    bulk.analyze()
    step.done("ANALYZE")
    built.seconds = time.monotonic() - step.started
    return built


def audit_count() -> int:
    from audit.models import AuditEvent

    return AuditEvent.objects.count()


def spread(work: Casework, rows: list[FileRow], count: int, rng: random.Random) -> None:
    """`count` reports over `rows`, unevenly as in life (a few files hold many)."""
    if not rows or count <= 0:
        return
    weights = [rng.lognormvariate(0, 1) for _ in rows]
    per_file = [0] * len(rows)
    for index in rng.choices(range(len(rows)), weights=weights, k=count):
        per_file[index] += 1
    for row, n in zip(rows, per_file, strict=True):
        if n:
            work.reports_of(row, n)


def meeting(secretary: User):
    """Today's committee meeting, in session, every ready proposal on its agenda (through the services)."""
    from demo.meetings import PLACE

    body = Body.objects.get(kind=Body.Kind.COMMITTEE)
    starts = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(10)))
    held = committee_services.plan_meeting(actor=secretary, body=body, starts_at=starts, place=PLACE)
    committee_services.compose_agenda(actor=secretary, meeting=held)
    committee_services.freeze(actor=secretary, meeting=held)
    committee_services.open_session(actor=secretary, meeting=held)
    committee_services.set_attendance(actor=secretary, meeting=held, present=list(body.members.all()))
    return held
