"""Procedure law a proposal must respect before it moves (issue 11, point 6), read from its aid type's data.

The social inquiry (a dated social report, a home visit where the aid type requires one), the PIIS (required
for new beneficiaries and the young unless a motivated dispensation is recorded) and the right to be heard
before an adverse decision. workflow.guards turns each into the French reason a step is refused; the
notification's PIIS sentence reads piis_status(). Sources: docs/legal-sources.md, "Procedure".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import Q

from files.models import Report
from workflow.models import Decision, Proposal

GRANTING = (Decision.Outcome.GRANTED, Decision.Outcome.AMENDED)


def inquiry_reports(proposal: Proposal) -> tuple[Report | None, Report | None]:
    """(social report, home visit report) of the file written for this request: dated on or after it."""
    reports = proposal.file.reports.filter(written_on__gte=proposal.request.requested_on)
    return (
        reports.filter(kind=Report.Kind.SOCIAL_REPORT).order_by("-written_on").first(),
        reports.filter(kind=Report.Kind.HOME_VISIT).order_by("-written_on").first(),
    )


def reference_day(proposal: Proposal) -> datetime.date:
    """The day the PIIS rule is judged on: the start of the period asked, else the request's date."""
    return proposal.start_on or proposal.request.requested_on


def age_on(person, day: datetime.date) -> int | None:
    born = person.birth_date
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def had_right_recently(proposal: Proposal) -> bool:
    """A granted decision of the same aid type covering a day of the months before the request (the person
    is then not a new beneficiary)."""
    aid_type = proposal.aid_type
    day = proposal.request.requested_on
    since = day - relativedelta(months=aid_type.piis_new_beneficiary_months)
    earlier = Proposal.objects.filter(
        file__beneficiary_id=proposal.file.beneficiary_id,
        aid_type=aid_type,
        decisions__outcome__in=GRANTING,
        start_on__lt=day,
    ).exclude(pk=proposal.pk)
    return earlier.filter(Q(end_on__isnull=True) | Q(end_on__gte=since)).exists()


@dataclass(frozen=True)
class PiisStatus:
    """Whether the law requires a PIIS with this proposal, and why (the notification says it in words)."""

    applies: bool  # the aid type knows the PIIS at all (revenu d'intégration)
    required: bool
    young: bool
    new_beneficiary: bool
    age_limit: int
    conclude_months: int
    reflection_days: int
    evaluations_per_year: int


def piis_status(proposal: Proposal) -> PiisStatus:
    aid_type = proposal.aid_type
    applies = bool(aid_type.piis_rule and proposal.granted)
    age = age_on(proposal.file.beneficiary, reference_day(proposal))
    young = applies and age is not None and age < aid_type.piis_age_limit
    new = applies and not had_right_recently(proposal)
    return PiisStatus(
        applies=applies,
        required=young or new,
        young=young,
        new_beneficiary=new,
        age_limit=aid_type.piis_age_limit,
        conclude_months=aid_type.piis_conclude_months,
        reflection_days=aid_type.piis_reflection_days,
        evaluations_per_year=aid_type.piis_evaluations_per_year,
    )


def piis_missing(proposal: Proposal) -> bool:
    """A PIIS is required, and the proposal has neither one nor a motivated dispensation."""
    if proposal.piis or (proposal.piis_dispensation and proposal.piis_dispensation_reason.strip()):
        return False
    return piis_status(proposal).required


def is_adverse(proposal: Proposal, outcome: str = "") -> bool:
    """A refusal (proposed or decided): the person must have been offered a hearing first."""
    return outcome == Decision.Outcome.REFUSED or not proposal.granted


def may_be_heard(aid_type) -> bool:
    """The aid offers a hearing: before every decision (revenu d'intégration) or before an adverse one."""
    return aid_type.right_to_be_heard or aid_type.hearing_before_adverse


def hearing_required(proposal: Proposal, outcome: str = "") -> bool:
    aid_type = proposal.aid_type
    return aid_type.right_to_be_heard or (aid_type.hearing_before_adverse and is_adverse(proposal, outcome))


def piis_deadlines(proposal: Proposal, decided_on: datetime.date) -> tuple[datetime.date, list]:
    """(conclusion due, evaluation dues): concluded within N months of the decision, then evaluated N times a
    year over the first year, never after the end of the granted period."""
    aid_type = proposal.aid_type
    conclude = decided_on + relativedelta(months=aid_type.piis_conclude_months)
    count = aid_type.piis_evaluations_per_year
    evaluations = [decided_on + relativedelta(months=12 * k // count) for k in range(1, count + 1)]
    if proposal.end_on:
        evaluations = [day for day in evaluations if day <= proposal.end_on]
    return conclude, evaluations
