"""The amount a proposal is computed at: the RI from the file's resources, else the catalogue's rate.

One function for the service (which stores the computed amount beside the proposed one), the form's
prefill, the live preview and the demo, so that they never disagree.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from aid.installments import first_payment_day
from aid.models import AidType
from aid.ri_computation import compute
from workflow import catalogue

PERIODIC = (AidType.Payment.MONTHLY, AidType.Payment.FORTNIGHTLY, AidType.Payment.WEEKLY)


def _month_end(start: datetime.date) -> datetime.date:
    next_month = (start.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return next_month - datetime.timedelta(days=1)


def computed(
    aid_type, category, start, end, beneficiary, *, socio_professional: bool = False, today=None
) -> tuple[Decimal, str] | None:
    """(monthly amount due, calculation text) for an aid with categories (RI, ERI); None when it cannot be
    computed (no category or start yet, or no rate in the catalogue for the period).

    The amount is the one due at the last rate of the period; an open-ended period is computed up to the
    end of the current month, so that a period starting before an indexation shows both rates by day."""
    if aid_type is None or category is None or start is None or beneficiary is None:
        return None
    if aid_type.payment not in PERIODIC:
        return None
    try:
        result = compute(
            aid_type,
            category,
            start,
            end or _month_end(start),
            beneficiary,
            socio_professional=socio_professional,
        )
    except ValidationError:
        return None
    return result.monthly, result.text


def suggestion(
    aid_type,
    category,
    start: datetime.date | None,
    end: datetime.date | None,
    beneficiary=None,
    *,
    socio_professional: bool = False,
    today: datetime.date | None = None,
) -> dict:
    """{amount, computation, first_payment_on} to prefill a proposal (empty when nothing is known)."""
    if aid_type is None or start is None or aid_type.payment == AidType.Payment.NONE:
        return {}
    values = {}
    payment_day = first_payment_day(aid_type, start, today or timezone.localdate())
    if payment_day and aid_type.payment in PERIODIC:
        values["first_payment_on"] = payment_day
    result = computed(
        aid_type, category, start, end, beneficiary, socio_professional=socio_professional, today=today
    )
    if result is not None:
        return values | {"amount": result[0], "computation": result[1]}
    period = catalogue.period_amount(aid_type, category, start, end or _month_end(start))
    if period is None:
        return values
    if aid_type.payment in PERIODIC:
        return values | {
            "amount": catalogue.amount_on(aid_type, category, start),
            "computation": period.explanation,
        }
    return values | {"amount": period.total, "computation": period.explanation}
