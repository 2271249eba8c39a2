"""What an aid comes to over a period: prorata by calendar days, indexation applied from its date."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from aid.amounts import amount_on, period_amount
from aid.models import AidAmount, AidType

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def ri():
    """The RI with its amount of 01/02/2025 open-ended: these tests check the mechanics on one known rate
    (the shipped 2026 rows are checked in test_amounts_2026.py)."""
    ri = AidType.objects.get(code="ri")
    AidAmount.objects.filter(aid_type=ri, valid_from__gt=D(2025, 2, 1)).delete()
    AidAmount.objects.filter(aid_type=ri).update(valid_to=None)
    return ri


@pytest.fixture
def isole(ri):
    return ri.categories.get(code="isole")


@pytest.fixture
def indexed(ri, isole):
    """A synthetic indexation of the isolé amount on 15 March 2026."""
    AidAmount.objects.filter(aid_type=ri, category=isole).update(valid_to=D(2026, 3, 14))
    return AidAmount.objects.create(
        aid_type=ri, category=isole, valid_from=D(2026, 3, 15), amount=Decimal("1340.48")
    )


def test_the_amount_of_a_day_is_the_row_valid_that_day(ri, isole, indexed):
    assert amount_on(ri, isole, D(2025, 1, 31)) is None
    assert amount_on(ri, isole, D(2025, 2, 1)) == Decimal("1314.20")
    assert amount_on(ri, isole, D(2026, 3, 14)) == Decimal("1314.20")
    assert amount_on(ri, isole, D(2026, 3, 15)) == Decimal("1340.48")


def test_partial_first_and_last_months_are_counted_by_calendar_days(ri, isole):
    result = period_amount(ri, isole, D(2026, 11, 11), D(2027, 1, 5))
    assert [(line.month, line.days, line.days_in_month, line.amount) for line in result.lines] == [
        (D(2026, 11, 1), 20, 30, Decimal("876.13")),
        (D(2026, 12, 1), 31, 31, Decimal("1314.20")),
        (D(2027, 1, 1), 5, 31, Decimal("211.97")),
    ]
    assert result.total == Decimal("2402.30")
    assert result.explanation == (
        "Revenu d'intégration, catégorie isolé : 1.314,20 € par mois. "
        "Novembre 2026 : 1.314,20 € × 20/30 jours = 876,13 €. "
        "Décembre 2026 : 1.314,20 € (mois complet). "
        "Janvier 2027 : 1.314,20 € × 5/31 jours = 211,97 €. "
        "Total : 2.402,30 €."
    )


def test_an_indexation_inside_a_month_applies_from_its_date(ri, isole, indexed):
    result = period_amount(ri, isole, D(2026, 3, 1), D(2026, 4, 30))
    assert [(line.days, line.monthly_amount, line.amount) for line in result.lines] == [
        (14, Decimal("1314.20"), Decimal("593.51")),
        (17, Decimal("1340.48"), Decimal("735.10")),
        (30, Decimal("1340.48"), Decimal("1340.48")),
    ]
    assert result.total == Decimal("2669.09")
    assert "1.314,20 € par mois, 1.340,48 € par mois à partir du 15/03/2026." in result.explanation
    assert "Mars 2026, du 1 au 14 : 1.314,20 € × 14/31 jours = 593,51 €." in result.explanation
    assert "Mars 2026, du 15 au 31 : 1.340,48 € × 17/31 jours = 735,10 €." in result.explanation


def test_cents_are_rounded_half_up():
    aid_type = AidType.objects.get(code="financial")
    AidAmount.objects.create(aid_type=aid_type, valid_from=D(2026, 1, 1), amount=Decimal("140.70"))
    # 140,70 € × 1/28 = 5,025 €
    assert period_amount(aid_type, None, D(2026, 2, 10), D(2026, 2, 10)).total == Decimal("5.03")


def test_a_day_without_an_amount_is_refused_with_a_clear_message(ri, isole):
    with pytest.raises(ValidationError) as error:
        period_amount(ri, isole, D(2025, 1, 20), D(2025, 2, 28))
    assert error.value.messages == [
        "Aucun montant n'est prévu le 20/01/2025 pour Revenu d'intégration, catégorie isolé : "
        "complétez le catalogue des aides."
    ]


def test_a_period_ending_before_it_starts_is_refused(ri, isole):
    with pytest.raises(ValidationError, match="précède son début"):
        period_amount(ri, isole, D(2026, 5, 1), D(2026, 4, 30))


def test_overlapping_amounts_of_one_category_are_refused(ri, isole):
    clash = AidAmount(aid_type=ri, category=isole, valid_from=D(2026, 1, 1), amount=Decimal("1340.48"))
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert error.value.messages == [
        "Cette période chevauche le montant de 1.314,20 € valable depuis le 01/02/2025, sans date de fin : "
        "fermez d'abord l'ancien montant (date « jusqu'au ») la veille du nouveau."
    ]


def test_another_category_or_a_period_after_the_old_one_is_accepted(ri, isole):
    AidAmount.objects.filter(aid_type=ri, category=isole).update(valid_to=D(2025, 12, 31))
    AidAmount(aid_type=ri, category=isole, valid_from=D(2026, 1, 1), amount=Decimal("1340.48")).full_clean()
    cohabitant = ri.categories.get(code="cohabitant")
    with pytest.raises(ValidationError, match="chevauche"):
        AidAmount(
            aid_type=ri, category=cohabitant, valid_from=D(2026, 1, 1), amount=Decimal("893.65")
        ).full_clean()
