"""Validity periods of dated rows (amounts, courts) and the postal codes a court serves."""

import re
from datetime import date
from typing import Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_TOKEN = re.compile(r"^(\d{4})(?:\s*-\s*(\d{4}))?$")


class Dated(Protocol):
    valid_from: date
    valid_to: date | None


def valid_on(row: Dated, day: date) -> bool:
    return row.valid_from <= day and (row.valid_to is None or day <= row.valid_to)


def overlap(a: Dated, b: Dated) -> bool:
    """Two validity periods share at least one day (an empty end means "still valid")."""
    return (b.valid_to is None or a.valid_from <= b.valid_to) and (
        a.valid_to is None or b.valid_from <= a.valid_to
    )


def parse_postal_codes(text: str) -> list[tuple[int, int]]:
    """ "7000-7099, 7300" -> [(7000, 7099), (7300, 7300)]; anything else is refused with a French message."""
    ranges = []
    for token in filter(None, (t.strip() for t in re.split(r"[,;\n]+", text or ""))):
        match = _TOKEN.match(token)
        if not match:
            raise ValidationError(
                _("« %(token)s » n'est ni un code postal à quatre chiffres ni une plage comme 7000-7099.")
                % {"token": token}
            )
        low, high = int(match[1]), int(match[2] or match[1])
        if high < low:
            raise ValidationError(_("La plage « %(token)s » finit avant de commencer.") % {"token": token})
        ranges.append((low, high))
    if not ranges:
        raise ValidationError(_("Indiquez au moins un code postal desservi."))
    return ranges


def serves(text: str, postal_code: str) -> bool:
    code = (postal_code or "").strip()
    if not code.isdigit():
        return False
    try:
        ranges = parse_postal_codes(text)
    except ValidationError:
        return False
    return any(low <= int(code) <= high for low, high in ranges)
