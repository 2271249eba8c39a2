"""Reads of the dashboards, within the files the user's VIEW_DASHBOARD reaches (a head: their teams).

Counts are made in the database; the median and the 90th percentile are computed here over one column of
durations (values_list, never model instances), for the period asked: a few thousand rows a year in Mons.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache

from django.db.models import Count, Min, Q
from django.utils import timezone

from access.policy import Action, file_reach
from committee.models import Meeting
from dashboards.filters import Filters
from dashboards.flow import DECIDED_STATES, OPEN_STATES, handoff_condition
from dashboards.stats import Spread, spread
from letters.models import Kind as LetterKind
from workflow.deadlines import decision_due, notification_due
from workflow.declaration import State
from workflow.models import BackOfficeTask, Decision, Proposal, StepRecord

# The decision that answers the request; a postponement or a return for inquiry is a step on the way.
FINAL_OUTCOMES = (Decision.Outcome.GRANTED, Decision.Outcome.AMENDED, Decision.Outcome.REFUSED)


def reach(user, filters: Filters, path: str = "") -> Q | None:
    """Proposals (reached through `path`, e.g. "proposal__") the dashboards count for `user`, or None."""
    condition = file_reach(user, Action.VIEW_DASHBOARD, f"{path}file__")
    if condition is None:
        return None
    if filters.team_id:
        condition &= Q(**{f"{path}file__team_id": filters.team_id})
    if filters.aid_type_id:
        condition &= Q(**{f"{path}aid_type_id": filters.aid_type_id})
    return condition


@dataclass(frozen=True)
class DecisionRow:
    """A final decision in the period: its proposal, its dates, its team and aid type."""

    proposal_id: int
    requested_on: datetime.date
    decided_on: datetime.date
    notified_on: datetime.date | None
    team_id: int
    aid_type_id: int
    month: str = ""  # "2026-05", of the decision: every figure groups by it, so it is computed once

    def __post_init__(self):
        object.__setattr__(self, "month", self.decided_on.isoformat()[:7])

    @property
    def to_decision(self) -> int:
        return (self.decided_on - self.requested_on).days

    @property
    def to_notification(self) -> int | None:
        return None if self.notified_on is None else (self.notified_on - self.decided_on).days

    def decision_late(self, due=decision_due) -> bool:
        """Decided after the legal deadline counted from the request."""
        return self.decided_on > due(self.requested_on)

    def notification_late(self, today: datetime.date, due=notification_due) -> bool:
        """Notified after its deadline, or not yet notified once it has passed."""
        return (self.notified_on or today) > due(self.decided_on)


def _final_decisions(user, filters: Filters):
    condition = reach(user, filters, "proposal__")
    if condition is None:
        return None
    return Decision.objects.filter(
        condition,
        outcome__in=FINAL_OUTCOMES,
        decided_on__gte=filters.start,
        decided_on__lt=filters.end,
    ).order_by()


def decisions(user, filters: Filters) -> list[DecisionRow]:
    """The final decisions taken in the period (one query), with their first notification date."""
    found = _final_decisions(user, filters)
    if found is None:
        return []
    notified = Min("letters__notified_on", filter=Q(letters__kind=LetterKind.NOTIFICATION))
    rows = found.annotate(notified=notified).values_list(
        "proposal_id",
        "proposal__request__requested_on",
        "decided_on",
        "notified",
        "proposal__file__team_id",
        "proposal__aid_type_id",
    )
    return [DecisionRow(*row) for row in rows]


@dataclass
class LeadTimes:
    """Request → decision and decision → notification, in days, by month of the decision."""

    by_month: dict[str, tuple[Spread, Spread]]
    # By team and aid type over the whole period, and by month, team and aid type (the export's detail).
    by_team_aid: dict[tuple[int, int], tuple[Spread, Spread]]
    by_month_team_aid: dict[tuple[str, int, int], tuple[Spread, Spread]]


def lead_times(rows: list[DecisionRow], filters: Filters) -> LeadTimes:
    def grouped(key) -> dict:
        to_decision, to_notification = defaultdict(list), defaultdict(list)
        for row in rows:
            to_decision[key(row)].append(row.to_decision)
            if row.notified_on is not None:
                to_notification[key(row)].append(row.to_notification)
        return {k: (spread(to_decision[k]), spread(to_notification[k])) for k in sorted(to_decision)}

    months = grouped(lambda r: r.month)
    empty = (spread([]), spread([]))
    return LeadTimes(
        by_month={m: months.get(m, empty) for m in filters.month_keys()},
        by_team_aid=grouped(lambda r: (r.team_id, r.aid_type_id)),
        by_month_team_aid=grouped(lambda r: (r.month, r.team_id, r.aid_type_id)),
    )


@dataclass(frozen=True)
class MissedMonth:
    month: str
    decisions: int
    decisions_late: int
    notifications_late: int


def missed_deadlines(rows: list[DecisionRow], filters: Filters) -> list[MissedMonth]:
    """By month of the decision: decisions taken after their legal deadline, notifications sent (or still not
    sent) after theirs."""
    total, late, late_notice = Counter(), Counter(), Counter()
    # A year of decisions has a few hundred distinct dates: each deadline computed once per date in this read.
    decision, notification = cache(decision_due), cache(notification_due)
    for row in rows:
        total[row.month] += 1
        late[row.month] += row.decision_late(decision)
        late_notice[row.month] += row.notification_late(filters.today, notification)
    return [MissedMonth(m, total[m], late[m], late_notice[m]) for m in filters.month_keys()]


@dataclass(frozen=True)
class Waiting:
    """Files waiting at one step: how many, for how long (days at this step), how many already past their
    legal deadline (decision due, or the back-office task's due date)."""

    key: str
    label: str
    spread: Spread
    longest: int | None
    late: int
    task: bool = False


def _waiting(key, label, ages: list[int], late: int, *, task: bool = False) -> Waiting:
    return Waiting(key, str(label), spread(ages), max(ages, default=None), late, task)


def waiting(user, filters: Filters) -> list[Waiting]:
    """Open proposals at each step before the decision, then the decisions' open back-office tasks (two
    queries). Today's picture: the period does not apply, the team and the aid type do."""
    condition = reach(user, filters)
    if condition is None:
        return []
    today = filters.today
    ages, late = defaultdict(list), Counter()
    due = cache(decision_due)
    proposals = Proposal.objects.filter(condition, state__in=OPEN_STATES).order_by()
    for state, since, requested_on in proposals.values_list("state", "state_since", "request__requested_on"):
        ages[state].append((today - timezone.localdate(since)).days)
        late[state] += today > due(requested_on)
    found = [_waiting(s.value, s.label, ages[s.value], late[s.value]) for s in OPEN_STATES]
    open_tasks = ~Q(status=BackOfficeTask.Status.DONE)
    tasks = BackOfficeTask.objects.filter(reach(user, filters, "decision__proposal__"), open_tasks).order_by()
    task_ages, task_late = defaultdict(list), Counter()
    for kind, decided_on, due_on in tasks.values_list("kind", "decision__decided_on", "due_on"):
        task_ages[kind].append((today - decided_on).days)
        task_late[kind] += today > due_on
    for kind in BackOfficeTask.Kind:
        found.append(
            _waiting(kind.value, kind.label, task_ages[kind.value], task_late[kind.value], task=True)
        )
    return found


@dataclass
class StepCounts:
    """Hand-offs and returns of each proposal decided in the period (flow.handoff_condition)."""

    per_proposal: dict[int, tuple[int, int]] = field(default_factory=dict)

    def of(self, proposal_id: int) -> tuple[int, int]:
        return self.per_proposal.get(proposal_id, (0, 0))


def step_counts(user, filters: Filters) -> StepCounts:
    """One grouped query over the steps of the proposals whose final decision falls in the period."""
    found = _final_decisions(user, filters)
    if found is None:
        return StepCounts()
    steps = (
        StepRecord.objects.filter(proposal__in=found.values("proposal_id"))
        .exclude(source__in=DECIDED_STATES)
        .order_by()
        .values("proposal_id")
        .annotate(
            handoffs=Count("pk", filter=handoff_condition()),
            returns=Count("pk", filter=Q(target=State.RETURNED)),
        )
        .values_list("proposal_id", "handoffs", "returns")
    )
    return StepCounts({pk: (h, r) for pk, h, r in steps})


@dataclass(frozen=True)
class Distribution:
    """How many decided proposals had 0, 1, 2… hand-offs (or returns), and their mean by month."""

    counts: dict[int, int]
    mean_by_month: dict[str, float | None]
    total: int

    @property
    def mean(self) -> float | None:
        return sum(n * c for n, c in self.counts.items()) / self.total if self.total else None


def distribution(rows: list[DecisionRow], counts: StepCounts, which: int, filters: Filters) -> Distribution:
    """`which`: 0 for the hand-offs, 1 for the returns."""
    per_value, per_month = Counter(), defaultdict(list)
    for row in rows:
        value = counts.of(row.proposal_id)[which]
        per_value[value] += 1
        per_month[row.month].append(value)
    means = {
        m: (sum(v) / len(v) if v else None) for m, v in ((m, per_month[m]) for m in filters.month_keys())
    }
    top = max(per_value, default=0)
    return Distribution({n: per_value[n] for n in range(top + 1)}, means, len(rows))


@dataclass(frozen=True)
class MeetingCount:
    meeting_id: int
    label: str
    day: datetime.date
    decided: int  # granted, amended or refused
    postponed: int  # postponed or sent back for inquiry


def meetings(user, filters: Filters) -> list[MeetingCount]:
    """Each meeting of the period already held, with its decisions on the counted files (one query)."""
    condition = reach(user, filters, "items__proposal__")
    if condition is None:
        return []
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(filters.start, datetime.time.min, tz)
    end = min(datetime.datetime.combine(filters.end, datetime.time.min, tz), timezone.now())
    on_items = condition & Q(items__decision__isnull=False)
    found = (
        Meeting.objects.filter(starts_at__gte=start, starts_at__lt=end)
        .select_related("body")
        .annotate(
            decided=Count("items", filter=on_items & Q(items__decision__outcome__in=FINAL_OUTCOMES)),
            postponed=Count("items", filter=on_items & ~Q(items__decision__outcome__in=FINAL_OUTCOMES)),
        )
        .order_by("starts_at", "pk")
    )
    return [MeetingCount(m.pk, str(m), m.day, m.decided, m.postponed) for m in found]
