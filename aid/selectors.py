"""Reading the aid catalogue and the labour courts."""

from datetime import date

from django.db.models import Q, QuerySet

from aid.models import AidCategory, AidType, CourtDivision


def active_types() -> QuerySet[AidType]:
    """The aid types offered to social workers, in the catalogue's order."""
    return AidType.objects.filter(active=True).order_by("position", "label")


def categories(aid_type: AidType) -> QuerySet[AidCategory]:
    return aid_type.categories.order_by("position", "label")


def court_for(postal_code: str, day: date) -> CourtDivision | None:
    """The labour court division competent on `day` for an address in `postal_code` (None when unknown)."""
    valid = CourtDivision.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day), valid_from__lte=day)
    return next((court for court in valid.order_by("-valid_from", "pk") if court.serves(postal_code)), None)
