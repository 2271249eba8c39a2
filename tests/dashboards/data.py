"""A flow whose figures are known: six final decisions over two months, their steps, waiting files, a meeting.

Dates are relative to today (the two months before the current one), with margins of days around every legal
deadline, so that weekends and holidays never change which deadline is missed.

Two months ago (M1), team Nord, aid RI, decided on the 20th:
  a: requested 10 days before, notified 3 days after; its steps: a return, then the opinion (7 hand-offs)
  b: 20 days, notified after 5
  c: 40 days (decision late), never notified (notification late)
Last month (M2), decided on the 5th:
  d: Nord, RI, 5 days, notified after 20 (notification late)            } on the meeting of the 5th
  e: Nord, RI, 15 days, notified after 2                                 }
  f: Sud, AS, 60 days (late), never notified (late), its notify task open; an urgent grant (2 hand-offs)
Waiting today (Nord, RI): two submitted (3 and 7 days, one past its decision deadline), one opinion asked
(1 day), and g, ready again (4 days, late) after the meeting postponed it.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass

from django.utils import timezone

from access.roles import Role
from aid.models import AidType
from committee.models import AgendaItem, Body, Meeting
from files.models import AidRequest
from letters.models import Kind, Letter
from tests.factories import SocialFileFactory, TeamFactory, UserFactory
from workflow.deadlines import notification_due
from workflow.declaration import State
from workflow.models import BackOfficeTask, Decision, Proposal, StepRecord

_codes = itertools.count(1)
S = State


def months_back(today: datetime.date, n: int) -> datetime.date:
    month = today.month - 1 - n
    return datetime.date(today.year + month // 12, month % 12 + 1, 1)


@dataclass
class Flow:
    nord: object
    sud: object
    ri: AidType
    aide: AidType
    head_nord: object
    head_sud: object
    president: object
    m1: str
    m2: str
    proposals: dict
    meeting: Meeting


def _proposal(file, aid, author, requested_on, state=S.DECIDED, since=None):
    request = AidRequest.objects.create(
        file=file, aid="financial", registered_by=author, requested_on=requested_on
    )
    return Proposal.objects.create(
        file=file,
        request=request,
        aid_type=aid,
        author=author,
        state=state,
        state_since=since or timezone.now(),
    )


def _steps(proposal, actor, states) -> None:
    at = timezone.now() - datetime.timedelta(days=100)
    for n, (source, target) in enumerate(itertools.pairwise(states)):
        StepRecord.objects.create(
            proposal=proposal,
            transition="t",
            source=source,
            target=target,
            actor=actor,
            at=at + datetime.timedelta(hours=n),
        )


def decide(proposal, actor, on, *, outcome=Decision.Outcome.GRANTED, notified_after=None) -> Decision:
    decision = Decision.objects.create(proposal=proposal, outcome=outcome, decided_on=on, recorded_by=actor)
    if notified_after is not None:
        Letter.objects.create(
            code=f"DB{next(_codes):06d}",
            kind=Kind.NOTIFICATION,
            file=proposal.file,
            proposal=proposal,
            decision=decision,
            recipient="Bénéficiaire",
            pdf="",
            created_by=actor,
            notified_on=on + datetime.timedelta(days=notified_after),
        )
    return decision


def build(today: datetime.date | None = None, *, prefix: str = "") -> Flow:
    today = today or timezone.localdate()
    first_m1, first_m2 = months_back(today, 2), months_back(today, 1)
    nord, sud = TeamFactory(name=f"{prefix}Antenne Nord"), TeamFactory(name=f"{prefix}Antenne Sud")
    ri, _ = AidType.objects.get_or_create(code="db-ri", defaults={"label": "Revenu d'intégration"})
    aide, _ = AidType.objects.get_or_create(code="db-as", defaults={"label": "Aide sociale"})
    worker = UserFactory(role=Role.SOCIAL_WORKER, teams=[nord])
    head_nord = UserFactory(role=Role.HEAD_SOCIAL_WORKER, teams=[nord])
    head_sud = UserFactory(role=Role.HEAD_SOCIAL_WORKER, teams=[sud])
    president = UserFactory(role=Role.PRESIDENT)
    file_nord = SocialFileFactory(team=nord, primary_worker=worker)
    file_sud = SocialFileFactory(team=sud)
    p = {}
    on_m1, on_m2 = first_m1.replace(day=20), first_m2.replace(day=5)
    for name, lead, notified in (("a", 10, 3), ("b", 20, 5), ("c", 40, None)):
        p[name] = _proposal(file_nord, ri, worker, on_m1 - datetime.timedelta(days=lead))
        decide(p[name], president, on_m1, notified_after=notified)
    for name, lead, notified in (("d", 5, 20), ("e", 15, 2)):
        p[name] = _proposal(file_nord, ri, worker, on_m2 - datetime.timedelta(days=lead))
        decide(p[name], president, on_m2, notified_after=notified)
    p["f"] = _proposal(file_sud, aide, worker, on_m2 - datetime.timedelta(days=60))
    f_decision = decide(p["f"], president, on_m2, outcome=Decision.Outcome.GRANTED)
    BackOfficeTask.objects.create(
        decision=f_decision, kind=BackOfficeTask.Kind.NOTIFY, due_on=notification_due(on_m2)
    )
    _steps(p["a"], worker, [S.DRAFT, S.SUBMITTED, S.RETURNED, S.SUBMITTED, S.VALIDATED, S.OPINION_REQUESTED])
    _steps(
        p["a"], worker, [S.OPINION_REQUESTED, S.OPINION_GIVEN, S.READY, S.ON_AGENDA, S.DECIDED, S.COMPLETED]
    )
    _steps(p["f"], worker, [S.DRAFT, S.SUBMITTED, S.DECIDED])

    now = timezone.now()
    ago = lambda n: now - datetime.timedelta(days=n)  # noqa: E731
    p["s1"] = _proposal(file_nord, ri, worker, today - datetime.timedelta(days=10), S.SUBMITTED, ago(3))
    p["s2"] = _proposal(file_nord, ri, worker, today - datetime.timedelta(days=50), S.SUBMITTED, ago(7))
    p["o1"] = _proposal(
        file_nord, ri, worker, today - datetime.timedelta(days=5), S.OPINION_REQUESTED, ago(1)
    )
    p["g"] = _proposal(file_nord, ri, worker, on_m2 - datetime.timedelta(days=10), S.READY, ago(4))
    _steps(p["g"], worker, [S.DRAFT, S.SUBMITTED, S.RETURNED, S.SUBMITTED])  # not decided: not counted

    body = Body.objects.filter(kind=Body.Kind.COMMITTEE).first() or Body.objects.create(
        kind=Body.Kind.COMMITTEE, president=president, secretary=UserFactory(role=Role.COMMITTEE_SECRETARY)
    )
    tz = timezone.get_current_timezone()
    starts = datetime.datetime.combine(on_m2, datetime.time(10), tz)
    meeting = Meeting.objects.create(
        body=body, starts_at=starts, place="Salle du conseil", status=Meeting.Status.CLOSED
    )
    for number, name in enumerate(("d", "e"), start=1):
        AgendaItem.objects.create(
            meeting=meeting, proposal=p[name], number=number, decision=p[name].decisions.get()
        )
    postponed = decide(p["g"], president, starts.date(), outcome=Decision.Outcome.POSTPONED)
    AgendaItem.objects.create(meeting=meeting, proposal=p["g"], number=3, decision=postponed)
    return Flow(
        nord,
        sud,
        ri,
        aide,
        head_nord,
        head_sud,
        president,
        f"{first_m1:%Y-%m}",
        f"{first_m2:%Y-%m}",
        p,
        meeting,
    )
