"""Splitting a period's amount into payments: monthly, by fortnight or by week, as the CPAS chooses.

The cent rule: each month line (aid.amounts) is spread evenly over its days and each payment is the rounded
running total at its last day less the rounded running total before its first day. The payments of a month
therefore add up exactly to that month's amount (a whole month: exactly the monthly amount), none differs
from an even share by more than a cent, and none is negative.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from aid.amounts import MonthLine
from aid.formatting import cents
from aid.models import AidType


@dataclass(frozen=True)
class Installment:
    start: date
    end: date
    amount: Decimal


def _slot(day: date, periodicity: str) -> date:
    """The first day of the payment period holding `day` (never before the first day of its month)."""
    if periodicity == AidType.Payment.FORTNIGHTLY:
        return day.replace(day=1 if day.day <= 15 else 16)
    if periodicity == AidType.Payment.WEEKLY:
        return max(day - timedelta(days=day.weekday()), day.replace(day=1))
    return day.replace(day=1)


def installments(lines: list[MonthLine], periodicity: str) -> list[Installment]:
    """The payments for `lines` (from aid.amounts.period_amount), in order."""
    result: list[Installment] = []
    for line in lines:
        paid = Decimal("0.00")
        day, counted = line.start, 0
        while day <= line.end:
            slot = _slot(day, periodicity)
            last = day
            while (
                last + timedelta(days=1) <= line.end and _slot(last + timedelta(days=1), periodicity) == slot
            ):
                last += timedelta(days=1)
            counted += (last - day).days + 1
            running = cents(line.amount * counted / line.days)
            previous = result[-1] if result else None
            if (
                previous
                and previous.end == day - timedelta(days=1)
                and _slot(previous.start, periodicity) == slot
            ):
                result[-1] = Installment(previous.start, last, previous.amount + running - paid)  # indexation
            else:
                result.append(Installment(day, last, running - paid))
            paid = running
            day = last + timedelta(days=1)
    return result


def first_payment_day(aid_type: AidType, start: date, today: date) -> date | None:
    """The CPAS's payment day (AidType.payment_day) on or after the later of the start and today; None when
    the catalogue sets no payment day (the social worker then types the date)."""
    if not aid_type.payment_day:
        return None
    earliest = max(start, today)
    day = earliest.replace(day=aid_type.payment_day)
    if day < earliest:
        day = (earliest.replace(day=1) + timedelta(days=32)).replace(day=aid_type.payment_day)
    return day
