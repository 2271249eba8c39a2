"""Amounts of an aid on a day and over a period: dated rows, prorated by the aid type's rule, in French.

The proration rule is catalogue data (AidType.proration): by calendar day (days of the period / days of the
month, the default) or in thirtieths (days of the period, at most 30, / 30). A whole month is always the
monthly amount.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.dateformat import format as date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from aid.formatting import cents, euros
from aid.models import AidAmount, AidCategory, AidType
from aid.periods import valid_on


@dataclass(frozen=True)
class MonthLine:
    """The part of one month paid at one monthly amount (two lines for a month with an indexation)."""

    month: date  # first day of the month
    days: int  # days of this month counted in the period, at this amount
    days_in_month: int
    monthly_amount: Decimal
    amount: Decimal  # monthly_amount × days / divisor (the proration rule), to the cent
    start: date
    end: date
    divisor: int = 0  # days_in_month (calendar days) or 30 (thirtieths)
    counted_days: int = 0

    @property
    def whole_month(self) -> bool:
        return self.days == self.days_in_month


@dataclass(frozen=True)
class PeriodAmount:
    total: Decimal
    lines: list[MonthLine]
    explanation: str


def _rows(aid_type: AidType, category: AidCategory | None, start: date, end: date) -> list[AidAmount]:
    return list(
        AidAmount.objects.filter(aid_type=aid_type, category=category, valid_from__lte=end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
        .order_by("valid_from")
    )


def amount_on(aid_type: AidType, category: AidCategory | None, day: date) -> Decimal | None:
    """The monthly (or one-off) amount valid on `day`, None when the catalogue has none."""
    row = next((r for r in reversed(_rows(aid_type, category, day, day)) if valid_on(r, day)), None)
    return row.amount if row else None


def period_amount(
    aid_type: AidType,
    category: AidCategory | None,
    start: date,
    end: date,
    *,
    monthly: Callable[[AidAmount], Decimal] | None = None,
) -> PeriodAmount:
    """What a monthly aid comes to from `start` to `end` (both included).

    A partial month is prorated by the aid type's rule; an amount changed inside the period (indexation)
    applies from the day it is valid. `monthly` gives the amount due per month at a catalogue row (the rate
    less the countable resources); by default the row's amount.
    """
    if end < start:
        raise ValidationError(_("La fin de la période (%(end)s) précède son début.") % {"end": _day(end)})
    rows = _rows(aid_type, category, start, end)
    segments: list[tuple[date, date, AidAmount]] = []  # consecutive days of one month at one amount
    day = start
    while day <= end:
        row = next((r for r in rows if valid_on(r, day)), None)
        if row is None:
            raise ValidationError(
                _("Aucun montant n'est prévu le %(day)s pour %(aid)s : complétez le catalogue des aides.")
                % {"day": _day(day), "aid": _subject(aid_type, category)}
            )
        last, prev_row = (segments[-1][1], segments[-1][2]) if segments else (None, None)
        if last == day - timedelta(days=1) and prev_row is row and last.month == day.month:
            segments[-1] = (segments[-1][0], day, row)
        else:
            segments.append((day, day, row))
        day += timedelta(days=1)
    due = monthly or (lambda row: row.amount)
    lines = [_line(first, last, due(row), aid_type.proration) for first, last, row in segments]
    total = sum((line.amount for line in lines), Decimal("0.00"))
    used = list(dict.fromkeys(row for _first, _last, row in segments))
    return PeriodAmount(
        total=total,
        lines=lines,
        explanation=_explain(_subject(aid_type, category), [(r, due(r)) for r in used], lines, total),
    )


def _line(
    first: date, last: date, monthly: Decimal, proration: str = AidType.Proration.CALENDAR_DAYS
) -> MonthLine:
    days_in_month = calendar.monthrange(first.year, first.month)[1]
    days = (last - first).days + 1
    divisor, counted = days_in_month, days
    if proration == AidType.Proration.THIRTY_DAYS:
        divisor, counted = 30, min(days, 30)
    amount = monthly if days == days_in_month else cents(monthly * counted / divisor)
    return MonthLine(
        first.replace(day=1), days, days_in_month, monthly, amount, first, last, divisor, counted
    )


def _explain(
    subject: str, used: list[tuple[AidAmount, Decimal]], lines: list[MonthLine], total: Decimal
) -> str:
    rates = [_("%(amount)s par mois") % {"amount": euros(used[0][1])}] + [
        _("%(amount)s par mois à partir du %(day)s") % {"amount": euros(amount), "day": _day(r.valid_from)}
        for r, amount in used[1:]
    ]
    sentences = [f"{subject} : {', '.join(rates)}."]
    split_months = {line.month for line in lines if sum(other.month == line.month for other in lines) > 1}
    for line in lines:
        month = capfirst(date_format(line.month, "F Y"))
        if line.month in split_months:
            month += _(", du %(start)s au %(end)s") % {"start": line.start.day, "end": line.end.day}
        if line.whole_month:
            sentences.append(
                _("%(month)s : %(amount)s (mois complet).") % {"month": month, "amount": euros(line.amount)}
            )
        else:
            sentences.append(
                _("%(month)s : %(monthly)s × %(days)s/%(in_month)s jours = %(amount)s.")
                % {
                    "month": month,
                    "monthly": euros(line.monthly_amount),
                    "days": line.counted_days,
                    "in_month": line.divisor,
                    "amount": euros(line.amount),
                }
            )
    sentences.append(_("Total : %(total)s.") % {"total": euros(total)})
    return " ".join(sentences)


def _subject(aid_type: AidType, category: AidCategory | None) -> str:
    if category is None:
        return aid_type.label
    return _("%(aid)s, catégorie %(category)s") % {"aid": aid_type.label, "category": category.label}


def _day(day: date) -> str:
    return day.strftime("%d/%m/%Y")
