"""What a proposal reads from the aid catalogue (aid app): types, categories, amounts, courts, euros."""

import datetime

from django.core.exceptions import ValidationError

from aid import amounts, courts
from aid.formatting import euros
from aid.models import AidCategory, AidType
from aid.selectors import active_types, categories, court_for

__all__ = [
    "active_types",
    "amount_on",
    "categories",
    "court_answer",
    "court_for",
    "euros",
    "period_amount",
    "type_for_request",
]

amount_on = amounts.amount_on
# The labour court of a domicile (postal code and locality) on a day, or why none can be named.
court_answer = courts.court_for_address


def type_for_request(aid_code: str) -> AidType | None:
    """The catalogue's aid type for what the request asks (one type per request code)."""
    return AidType.objects.filter(code=aid_code).first()


def period_amount(aid_type: AidType, category: AidCategory | None, start: datetime.date, end: datetime.date):
    """The catalogue's amount for the period (`.total`, `.explanation`), or None when it has none."""
    try:
        return amounts.period_amount(aid_type, category, start, end)
    except ValidationError:  # no amount valid on some day of the period: the worker types it
        return None
