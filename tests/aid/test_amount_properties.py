"""Properties of the computation (hypothesis): never negative, never more with more resources, prorated by
the declared rule, and payments by fortnight or week that add up to the month to the cent."""

import calendar
import datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aid.amounts import amount_on, period_amount
from aid.formatting import cents
from aid.installments import installments
from aid.models import AidType
from aid.ri_computation import compute
from people.models import Resource
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
D = datetime.date
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("4000"), places=2)
kinds = st.sampled_from([k for k, _label in Resource.Kind.choices])
days = st.dates(min_value=D(2025, 2, 1), max_value=D(2027, 12, 31))


@pytest.fixture
def ri():
    return AidType.objects.get(code="ri")


@pytest.fixture
def person(db):
    return PersonFactory()


def _due(ri, code, person, amounts, kind, day, isp=False):
    person.resources.all().delete()
    for amount in amounts:
        Resource.objects.create(
            person=person, kind=kind, monthly_amount=amount, since=D(2025, 1, 1), source="bcss"
        )
    category = ri.categories.get(code=code)
    return compute(ri, category, day, day, person, socio_professional=isp).monthly


@SETTINGS
@given(
    code=st.sampled_from(["cohabitant", "isole", "famille"]),
    amounts=st.lists(money, max_size=3),
    extra=money,
    kind=kinds,
    day=days,
    isp=st.booleans(),
)
def test_never_negative_and_never_more_with_more_resources(ri, person, code, amounts, extra, kind, day, isp):
    before = _due(ri, code, person, amounts, kind, day, isp)
    after = _due(ri, code, person, [*amounts, extra], kind, day, isp)
    assert Decimal("0") <= after <= before <= amount_on(ri, ri.categories.get(code=code), day)


@SETTINGS
@given(
    start=days, length=st.integers(min_value=0, max_value=70), rule=st.sampled_from(AidType.Proration.values)
)
def test_a_period_is_prorated_by_the_declared_rule(ri, start, length, rule):
    ri.proration = rule
    isole = ri.categories.get(code="isole")
    result = period_amount(ri, isole, start, start + datetime.timedelta(days=length))
    for line in result.lines:
        in_month = calendar.monthrange(line.month.year, line.month.month)[1]
        if line.days == in_month:
            assert line.amount == line.monthly_amount
        elif rule == AidType.Proration.CALENDAR_DAYS:
            assert line.amount == cents(line.monthly_amount * line.days / in_month)
        else:
            assert line.amount == cents(line.monthly_amount * min(line.days, 30) / 30)
    assert result.total == sum(line.amount for line in result.lines)


@SETTINGS
@given(
    start=days,
    length=st.integers(min_value=0, max_value=100),
    periodicity=st.sampled_from(["monthly", "fortnightly", "weekly"]),
)
def test_payments_add_up_to_each_month_to_the_cent(ri, start, length, periodicity):
    isole = ri.categories.get(code="isole")
    result = period_amount(ri, isole, start, start + datetime.timedelta(days=length))
    paid = installments(result.lines, periodicity)
    assert all(p.amount >= 0 for p in paid)
    assert sum(p.amount for p in paid) == result.total
    for month in {line.month for line in result.lines}:  # each month exactly, a whole one: the monthly amount
        owed = sum(line.amount for line in result.lines if line.month == month)
        assert sum(p.amount for p in paid if p.start.replace(day=1) == month) == owed
        assert all(p.end.replace(day=1) == p.start.replace(day=1) for p in paid)
    assert paid[0].start == start and paid[-1].end == start + datetime.timedelta(days=length)


def test_a_whole_month_paid_by_week_or_fortnight_is_the_monthly_amount(ri):
    isole = ri.categories.get(code="isole")
    march = period_amount(ri, isole, D(2026, 3, 1), D(2026, 3, 31))
    fortnights = installments(march.lines, "fortnightly")
    weeks = installments(march.lines, "weekly")
    assert [p.amount for p in fortnights] == [Decimal("648.62"), Decimal("691.87")]  # 15 and 16 days of 31
    assert sum(p.amount for p in weeks) == Decimal("1340.49") and len(weeks) == 6  # 1 March 2026: a Sunday
