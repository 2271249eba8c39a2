"""Reading the aid catalogue and the labour courts."""

from datetime import date

from django.db.models import QuerySet

from aid import courts
from aid.models import AidCategory, AidType, CourtDivision


def active_types() -> QuerySet[AidType]:
    """The aid types offered to social workers, in the catalogue's order."""
    return AidType.objects.filter(active=True).order_by("position", "label")


def categories(aid_type: AidType) -> QuerySet[AidCategory]:
    return aid_type.categories.order_by("position", "label")


def court_for(postal_code: str, day: date, city: str = "") -> CourtDivision | None:
    """The labour court division competent on `day` for a domicile (None when unknown or uncertain)."""
    return courts.court_for_address(postal_code, city, day).division
