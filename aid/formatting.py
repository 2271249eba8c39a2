"""Amounts as Belgian documents print them: 1.314,20 €."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.numberformat import format as number_format

CENT = Decimal("0.01")


def cents(value: Decimal) -> Decimal:
    """Rounded to the cent, half up (0,005 € -> 0,01 €), as amounts are paid."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def euros(value: Decimal) -> str:
    """1314.2 -> "1.314,20 €" (dot between thousands, comma before the cents), whatever the active locale."""
    text = number_format(
        cents(value), decimal_sep=",", decimal_pos=2, grouping=3, thousand_sep=".", force_grouping=True
    )
    return f"{text} €"
