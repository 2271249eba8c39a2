"""The amount a proposal starts from: a monthly aid at its rate, the first month's prorata explained."""

import datetime
from decimal import Decimal

import pytest

from workflow.forms import amount_suggestion

pytestmark = pytest.mark.django_db


def test_a_monthly_aid_is_proposed_at_its_rate_with_the_first_month_prorated(ri, isole):
    suggestion = amount_suggestion(ri, isole, datetime.date(2026, 10, 29), None)
    assert suggestion["amount"] == Decimal("1340.49")
    assert "3/31 jours" in suggestion["computation"]
    assert "129,72 €" in suggestion["computation"]  # 1.340,49 × 3/31, the first month's payment


def test_an_aid_without_payment_proposes_no_amount(ri, isole):
    ri.payment = "none"
    assert amount_suggestion(ri, isole, datetime.date(2026, 10, 29), None) == {}
