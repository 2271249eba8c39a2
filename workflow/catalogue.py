"""What a proposal reads from the aid catalogue (aid app): types, categories, amounts, courts, euros.

The aid app is built on another branch; until both are merged, its functions are imported when called and
these fall back to the catalogue's models (types, categories) or to nothing (amounts, courts).
TODO(merge): once `aid.selectors`, `aid.amounts` and `aid.formatting` exist, drop the ImportError branches.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from aid.models import AidCategory, AidType


def active_types() -> QuerySet[AidType]:
    try:
        from aid.selectors import active_types as catalogue_types
    except ImportError:
        return AidType.objects.filter(active=True)
    return catalogue_types()


def categories(aid_type: AidType) -> QuerySet[AidCategory]:
    try:
        from aid.selectors import categories as catalogue_categories
    except ImportError:
        return aid_type.categories.all()
    return catalogue_categories(aid_type)


def type_for_request(aid_code: str) -> AidType | None:
    """The catalogue's aid type for what the request asks (one type per request code)."""
    return AidType.objects.filter(code=aid_code).first()


def period_amount(aid_type: AidType, category: AidCategory | None, start: datetime.date, end: datetime.date):
    """The catalogue's amount for the period (`.total`, `.explanation`), or None when it has none."""
    try:
        from aid.amounts import period_amount as catalogue_amount
    except ImportError:
        return None
    try:
        return catalogue_amount(aid_type, category, start, end)
    except ValidationError:  # no amount valid on some day of the period: the worker types it
        return None


def court_for(postal_code: str, day: datetime.date):
    """The labour court division competent for a postal code on a day, or None."""
    try:
        from aid.selectors import court_for as catalogue_court
    except ImportError:
        return None
    return catalogue_court(postal_code, day)


def euros(value: Decimal) -> str:
    """An amount as Belgians write it: 1.314,20 €."""
    try:
        from aid.formatting import euros as catalogue_euros
    except ImportError:
        grouped = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
        return f"{grouped} €"
    return catalogue_euros(value)
