"""The shipped RI amounts reach today: no day without an amount, and no 2025 amount for a day after the
indexation of March 2026 (pivot index crossed in December 2025, social benefits + 2 % in March 2026)."""

import datetime
from decimal import Decimal

import pytest

from aid.amounts import amount_on, period_amount
from aid.models import AidAmount, AidType

pytestmark = pytest.mark.django_db
D = datetime.date
RATES_2025 = {"cohabitant": Decimal("876.13"), "isole": Decimal("1314.20"), "famille": Decimal("1776.07")}


@pytest.mark.parametrize("code", ["ri", "eri"])
def test_every_day_since_february_2025_has_one_amount_and_2026_uses_the_indexed_one(code):
    aid_type = AidType.objects.get(code=code)
    for category in aid_type.categories.all():
        day = D(2025, 2, 1)
        while day <= D(2026, 12, 31):
            amount = amount_on(aid_type, category, day)
            assert amount is not None, (category.code, day)
            assert (amount == RATES_2025[category.code]) == (day < D(2026, 3, 1)), (category.code, day)
            day += datetime.timedelta(days=1)


def test_the_amounts_that_could_not_be_verified_say_so_and_name_their_source():
    unverified = AidAmount.objects.filter(valid_from=D(2026, 3, 1))
    assert unverified.count() == 6
    assert all(not a.verified and "NON VÉRIFIÉ" in a.source for a in unverified)


def test_a_2026_period_is_paid_at_the_2026_rate():
    ri = AidType.objects.get(code="ri")
    isole = ri.categories.get(code="isole")
    result = period_amount(ri, isole, D(2026, 3, 1), D(2026, 12, 31))
    assert {line.monthly_amount for line in result.lines} == {Decimal("1340.49")}
    assert "1.314,20" not in result.explanation
