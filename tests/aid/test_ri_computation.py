"""The RI due: the rate less the countable resources, with the exemptions and household rules as data.

Worked examples: the SPP Intégration sociale's FAQ on the socio-professional exemption (mi-is.be, example at
01/01/2015) and the Guide social bruxellois's example of the general exemption (01/02/2025 amounts).
"""

import datetime
from decimal import Decimal

import pytest

from aid.models import AidAmount, AidType
from aid.ri_computation import compute
from aid.rules import Exemption, HouseholdRule, ResourceRule
from people.models import HouseholdMember, Resource
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def ri():
    return AidType.objects.get(code="ri")


def category(ri, code):
    return ri.categories.get(code=code)


LONG_AGO = D(2024, 1, 1)


def resource(person, kind, amount, since=LONG_AGO):
    return Resource.objects.create(
        person=person, kind=kind, monthly_amount=Decimal(amount), since=since, source="document"
    )


def test_the_general_exemption_applies_to_resources_below_the_rate(ri):
    """BDAS fiche 2.2.4.6, example 1: a cohabitant student given 300 € a month, February 2025."""
    person = PersonFactory()
    resource(person, Resource.Kind.OTHER, "300.00")
    result = compute(ri, category(ri, "cohabitant"), D(2025, 2, 1), D(2025, 2, 28), person)
    assert result.monthly == Decimal("589.05")  # 876,13 − (300 − 12,92); the guide: 7.068,60 € a year
    assert result.period.total == Decimal("589.05")
    assert "Exonération générale (AR, art. 22, § 2) : − 12,92 €." in result.text
    assert "Montant dû : 876,13 € − 287,08 € = 589,05 € par mois." in result.text


def test_the_spp_is_example_of_the_socio_professional_exemption(ri):
    """mi-is.be FAQ « L'exonération ISP doit-elle s'appliquer… », example at 01/01/2015: an isolé
    beneficiary (817,36 € a month) starts a job paying 1.000 €; 1.000 − 234,55 = 765,45 < 817,36, so a
    complementary RI is due, and the general exemption of the category then applies."""
    isole = category(ri, "isole")
    AidAmount.objects.create(
        aid_type=ri,
        category=isole,
        valid_from=D(2015, 1, 1),
        valid_to=D(2015, 12, 31),
        amount=Decimal("817.36"),
    )
    for kind, code, amount, resource_kind in (
        (Exemption.Kind.SOCIO_PROFESSIONAL, "", "234.55", "salary"),
        (Exemption.Kind.GENERAL, "isole", "20.83", ""),
    ):
        Exemption.objects.create(
            kind=kind,
            category_code=code,
            resource_kind=resource_kind,
            monthly_amount=Decimal(amount),
            valid_from=D(2015, 1, 1),
            valid_to=D(2015, 12, 31),
            legal_basis="AR, art. 35" if code == "" else "AR, art. 22, § 2",
        )
    ResourceRule.objects.create(
        resource_kind="salary", treatment="counted", valid_from=D(2015, 1, 1), legal_basis="Loi, art. 16"
    )
    person = PersonFactory()
    resource(person, Resource.Kind.SALARY, "1000.00", since=D(2015, 1, 1))
    result = compute(ri, isole, D(2015, 1, 1), D(2015, 1, 31), person, socio_professional=True)
    assert "Exonération socioprofessionnelle (AR, art. 35) : − 234,55 €." in result.text
    assert result.monthly == Decimal("72.74")  # 817,36 − (765,45 − 20,83)
    without = compute(ri, isole, D(2015, 1, 1), D(2015, 1, 31), person)
    assert without.monthly == Decimal("0.00")  # 1.000 € exceeds the rate without the exemption


def test_family_allowances_never_count(ri):
    person = PersonFactory()
    resource(person, Resource.Kind.FAMILY_ALLOWANCE, "400.00")
    result = compute(ri, category(ri, "famille"), D(2026, 3, 1), D(2026, 3, 31), person)
    assert result.monthly == Decimal("1811.59")
    assert (
        "Allocations familiales (la personne) : 400,00 €, non pris en compte (AR, art. 22, § 1er)."
        in result.text
    )


def test_a_partner_keeps_the_cohabitant_rate_and_the_rest_counts(ri):
    person, partner = PersonFactory(), PersonFactory(birth_date=D(1980, 1, 1))
    HouseholdMember.objects.create(person=person, member=partner, relation="partner")
    resource(partner, Resource.Kind.SALARY, "1100.00")
    result = compute(ri, category(ri, "cohabitant"), D(2026, 3, 1), D(2026, 3, 31), person)
    # 1.100 − 893,66 = 206,34 counted, less the general exemption of 12,92 €
    assert result.monthly == Decimal("893.66") - Decimal("206.34") + Decimal("12.92")


def test_the_reform_of_march_2026_counts_an_adult_child_living_with_the_applicant(ri):
    """AR of 7 January 2026 (art. 34): from 01/03/2026 the resources of maintenance debtors count."""
    person, son = PersonFactory(), PersonFactory(birth_date=D(1995, 6, 1))
    HouseholdMember.objects.create(person=person, member=son, relation="child")
    resource(son, Resource.Kind.SALARY, "2000.00")
    cohabitant = category(ri, "cohabitant")
    february = compute(ri, cohabitant, D(2026, 2, 1), D(2026, 2, 28), person)
    march = compute(ri, cohabitant, D(2026, 3, 1), D(2026, 3, 31), person)
    assert february.monthly == Decimal("876.13")
    assert "non prises en compte" in february.text
    assert march.monthly == Decimal("0.00")  # 2.000 − 893,66 = 1.106,34 > 893,66
    assert HouseholdRule.objects.filter(relation="child", valid_from=D(2026, 3, 1), counted=True).exists()


def test_a_period_straddling_the_indexation_is_split_by_day(ri):
    person = PersonFactory()
    result = compute(ri, category(ri, "isole"), D(2026, 2, 15), D(2026, 3, 31), person)
    assert [(line.start, line.end, line.amount) for line in result.period.lines] == [
        (D(2026, 2, 15), D(2026, 2, 28), Decimal("657.10")),  # 1.314,20 × 14/28
        (D(2026, 3, 1), D(2026, 3, 31), Decimal("1340.49")),
    ]
    assert "Taux du 01/03/2026 : 1.340,49 € par mois." in result.text
