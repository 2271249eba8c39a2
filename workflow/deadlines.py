"""Legal deadlines of a decision, in calendar and working days, with Belgian public holidays.

Calendar deadlines follow the Code judiciaire, art. 53: the day of the event is not counted and a deadline
ending on a Saturday, a Sunday or a public holiday moves to the next working day. The day counts are settings
(DEADLINE_DAYS); the opinion delay belongs to each aid type.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

import holidays
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from aid.models import AidType

# Expands to each year asked for, on first use.
BELGIAN_HOLIDAYS = holidays.country_holidays("BE")


class Status(models.TextChoices):
    OK = "ok", _("dans les temps")
    AT_RISK = "at_risk", _("à risque")
    LATE = "late", _("en retard")


# Cached: a queue page asks it for each of its rows' deadlines, and a holiday lookup is slow (~20 µs).
@lru_cache(maxsize=4096)
def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in BELGIAN_HOLIDAYS


def next_working_day(day: date) -> date:
    """`day` itself when it is a working day."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(day: date, n: int) -> date:
    """The n-th working day after `day` (`day` itself is not counted)."""
    for _step in range(n):
        day = next_working_day(day + timedelta(days=1))
    return day


def calendar_deadline(day: date, n: int) -> date:
    """n calendar days after `day`; a weekend or holiday moves it to the next working day (C. jud. 53)."""
    return next_working_day(day + timedelta(days=n))


def decision_due(requested_on: date) -> date:
    return calendar_deadline(requested_on, settings.DEADLINE_DAYS["decision"])


def notification_due(decided_on: date) -> date:
    return calendar_deadline(decided_on, settings.DEADLINE_DAYS["notification"])


def spp_due(decided_on: date, aid_type: AidType, start_on: date | None = None) -> date:
    """The SPP Intégration sociale form (B for the revenu d'intégration, B1 for the 1965 law) is due within
    the aid type's delay from the grant of the aid: from the start of the period when it precedes the
    decision (the SPP IS counts from the aid's start). Not moved to a working day: it must have arrived."""
    granted_from = min(decided_on, start_on) if start_on else decided_on
    return granted_from + timedelta(days=aid_type.spp_delay_days)


def opinion_due(asked_on: date, aid_type: AidType) -> date:
    return add_working_days(asked_on, aid_type.opinion_delay_days)


def working_days_left(due: date, today: date) -> int:
    """Working days after `today` up to `due` included; negative when `due` is past (working days late)."""
    first, last, sign = (today, due, 1) if due >= today else (due, today, -1)
    days = (last - first).days
    return sign * sum(is_working_day(first + timedelta(days=i)) for i in range(1, days + 1))


def status(due: date, today: date | None = None) -> Status:
    """Late once `due` has passed; at risk when DEADLINE_AT_RISK_WORKING_DAYS working days or fewer remain."""
    today = today or timezone.localdate()
    if today > due:
        return Status.LATE
    if working_days_left(due, today) <= settings.DEADLINE_AT_RISK_WORKING_DAYS:
        return Status.AT_RISK
    return Status.OK
