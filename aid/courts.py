"""Which labour court division serves a domicile: its postal code (and its locality, when the code is shared
by communes of different cantons) gives the canton, the canton gives the division, and the division's row
valid on the day gives the seat. When no answer is certain, the French reason says what the legal service
has to complete in the administration."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _

from aid.models import CantonCommune, CourtDivision, JudicialCanton

# Only the administrator role edits the catalogue (access policy): the legal service asks for the change.
ADMIN_CANTONS = "par un administrateur : Administration › Catalogue des aides › Cantons judiciaires"
ADMIN_COURTS = "par un administrateur : Administration › Catalogue des aides › Tribunaux du travail"


@dataclass
class CourtAnswer:
    division: CourtDivision | None
    problem: str = ""  # French, for the legal service, when `division` is None


def _valid_on(day: date) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def normalise(name: str) -> str:
    """'Le Rœulx' and 'le roeulx', 'Écaussinnes' and 'ecaussinnes' are one name."""
    text = (name or "").casefold().replace("œ", "oe").replace("æ", "ae")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.replace("-", " ").replace("'", " ").replace("’", " ").split())


def _names(row: CantonCommune) -> set[str]:
    return {normalise(row.commune)} | {normalise(n) for n in row.localities.split(",") if n.strip()}


def division_for(postal_code: str, city: str, day: date) -> tuple[str, str] | None:
    """(court, division) whose cantons hold the domicile on `day`; None when none or several could."""
    rows = _rows_serving((postal_code or "").strip(), day)
    divisions = {(row.canton.court, row.canton.division) for row in rows}
    if len(divisions) > 1:  # a postal code shared by communes of cantons of different divisions
        divisions = {
            (row.canton.court, row.canton.division) for row in rows if normalise(city) in _names(row)
        }
    return divisions.pop() if len(divisions) == 1 else None


def court_for_address(postal_code: str, city: str, day: date) -> CourtAnswer:
    code = (postal_code or "").strip()
    values = {"code": code, "city": city or "", "day": f"{day:%d/%m/%Y}"}
    found = division_for(code, city, day)
    if found is None:
        if len({(r.canton.court, r.canton.division) for r in _rows_serving(code, day)}) > 1:
            return CourtAnswer(None, _ambiguous(code, city, day))
        return CourtAnswer(
            None,
            _(
                "Aucune division du tribunal du travail n'est connue pour le domicile %(code)s %(city)s "
                "au %(day)s. Service juridique : faites ajouter cette commune et son code postal à son "
                "canton judiciaire (%(where)s) ; la lettre pourra ensuite être produite."
            )
            % {**values, "where": ADMIN_CANTONS},
        )
    court, division = found
    seat = (
        CourtDivision.objects.filter(_valid_on(day), court=court, division=division)
        .order_by("-valid_from", "pk")
        .first()
    )
    if seat is None:
        return CourtAnswer(
            None,
            _(
                "La %(division)s du %(court)s, compétente pour le domicile %(code)s %(city)s, n'a pas "
                "d'adresse valable au %(day)s. Service juridique : faites compléter son adresse et ses dates "
                "de validité (%(where)s) ; la lettre pourra ensuite être produite."
            )
            % {**values, "division": division, "court": court, "where": ADMIN_COURTS},
        )
    return CourtAnswer(seat)


def _rows_serving(code: str, day: date) -> list[CantonCommune]:
    communes = CantonCommune.objects.filter(canton__in=_cantons_on(day)).select_related("canton")
    return [row for row in communes if row.serves(code)]


def _cantons_on(day: date):
    return JudicialCanton.objects.filter(_valid_on(day))


def _ambiguous(code: str, city: str, day: date) -> str:
    names = sorted(
        f"{row.commune} ({row.canton.name}, {row.canton.division})" for row in _rows_serving(code, day)
    )
    return _(
        "Le code postal %(code)s est partagé par des communes de cantons différents (%(communes)s) et la "
        "localité « %(city)s » du domicile ne permet pas de choisir. Service juridique : faites indiquer "
        "les localités de chaque commune (%(where)s), ou faites corriger la localité du domicile."
    ) % {"code": code, "city": city or "", "communes": " ; ".join(names), "where": ADMIN_CANTONS}
