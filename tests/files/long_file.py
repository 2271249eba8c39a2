"""A file that grows long: hundreds of reports, dozens of requests with their proposals, many files for one
worker. Written with bulk_create (synthetic data), with the timeline entries the services would write, so that
the page tests can grow the data behind a page in one step."""

from __future__ import annotations

import datetime
import itertools

from aid.models import AidType
from files.models import AidRequest, FileEvent, Report
from tests.factories import SocialFileFactory
from workflow.declaration import State
from workflow.models import Proposal

FIRST_DAY = datetime.date(2018, 1, 1)
KINDS = list(Report.Kind.values)
LEVELS = [Report.Confidentiality.TEAM] * 6 + [
    Report.Confidentiality.RESTRICTED,
    Report.Confidentiality.SEALED,
]


def add_reports(file, authors, count: int, *, sealed_reader=None, start: int = 0) -> list[Report]:
    """`count` reports of every kind and level, written by `authors` in turn, several on the same day (the
    lists then order them by id); `sealed_reader` is named on every other sealed one."""
    reports = Report.objects.bulk_create(
        Report(
            file=file,
            kind=KINDS[n % len(KINDS)],
            title=f"Rapport n° {n}",
            body="<p>Situation examinée.</p>",
            written_on=FIRST_DAY + datetime.timedelta(days=n // 3),
            author=authors[n % len(authors)],
            confidentiality=LEVELS[n % len(LEVELS)],
        )
        for n in range(start, start + count)
    )
    if sealed_reader is not None:
        sealed = [r for r in reports if r.confidentiality == Report.Confidentiality.SEALED]
        Report.sealed_readers.through.objects.bulk_create(
            Report.sealed_readers.through(report_id=r.pk, user_id=sealed_reader.pk) for r in sealed[::2]
        )
    FileEvent.objects.bulk_create(
        FileEvent(
            file=file,
            kind=r.kind,
            summary=r.title,
            author=r.author,
            report=r,
            confidentiality=r.confidentiality,
        )
        for r in reports
    )
    return reports


def add_requests(file, worker, count: int, *, start: int = 0) -> list[AidRequest]:
    """`count` requests, each with a proposal (in progress for one in three, decided for the others)."""
    aid_type, _ = AidType.objects.get_or_create(code="long-file", defaults={"label": "Aide longue"})
    requests = AidRequest.objects.bulk_create(
        AidRequest(
            file=file,
            aid=AidRequest.Aid.values[n % len(AidRequest.Aid.values)],
            requested_on=FIRST_DAY + datetime.timedelta(days=n // 2),
            registered_by=worker,
            details=f"Demande n° {n}",
        )
        for n in range(start, start + count)
    )
    states = itertools.cycle([State.DRAFT, State.DECIDED, State.COMPLETED])
    Proposal.objects.bulk_create(
        Proposal(file=file, request=r, aid_type=aid_type, author=worker, state=next(states)) for r in requests
    )
    FileEvent.objects.bulk_create(
        FileEvent(file=file, kind=FileEvent.Kind.REQUEST, summary=r.details, author=worker) for r in requests
    )
    return requests


def add_files(team, worker, count: int, *, registered_by) -> list:
    """`count` files of `team`, assigned to `worker` (None: to assign), with one to three requests each."""
    files = [SocialFileFactory(team=team, primary_worker=worker) for _ in range(count)]
    AidRequest.objects.bulk_create(
        AidRequest(file=file, aid=AidRequest.Aid.ENERGY, registered_by=registered_by)
        for n, file in enumerate(files)
        for _ in range(1 + n % 3)
    )
    return files
