"""Amounts printed the Belgian way in letters and screens."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from aid.formatting import euros


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (Decimal("1314.2"), "1.314,20 €"),
        (Decimal("876.13"), "876,13 €"),
        (Decimal("0"), "0,00 €"),
        (Decimal("1234567.891"), "1.234.567,89 €"),
        (Decimal("0.005"), "0,01 €"),  # half up, as paid
        (Decimal("-52.5"), "-52,50 €"),
    ],
)
def test_euros_are_printed_with_a_dot_for_thousands_and_a_comma_for_cents(value, printed):
    assert euros(value) == printed


def test_templates_print_euros_with_the_filter():
    template = Template("{% load aid_format %}{{ amount|euros }}|{{ missing|euros }}")
    assert template.render(Context({"amount": Decimal("1776.07"), "missing": None})) == "1.776,07 €|"
