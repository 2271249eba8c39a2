"""The catalogue found after installation: an aid type for every kind of request, dated RI amounts."""

import datetime
from decimal import Decimal

import pytest

from aid import selectors
from aid.models import AidAmount, AidCategory, AidType, CantonCommune, CourtDivision, JudicialCanton
from aid.selectors import court_for
from files.models import AidRequest
from tests.aid.catalogue import install_default_catalogue

pytestmark = pytest.mark.django_db


def test_every_kind_of_request_has_an_aid_type_with_its_legal_basis_and_motivation():
    types = {t.code: t for t in AidType.objects.all()}
    for code, label in AidRequest.Aid.choices:
        assert code in types, label
        assert (
            types[code].legal_basis and types[code].default_motivation and types[code].requirements.exists()
        )
    assert "loi du 26 mai 2002" in types["ri"].legal_basis.lower()
    assert "12 décembre 1996" in types["amu"].legal_basis
    assert "4 septembre 2002" in types["energy"].legal_basis
    assert "article 60, § 7" in types["art60"].legal_basis
    assert "article 99, § 1er" in types["advance"].legal_basis


def test_the_procedure_of_each_aid_type_follows_the_law():
    types = {t.code: t for t in AidType.objects.all()}
    recoveries = {"recup_ri", "recup_aide"}  # adverse decisions: heard first, the legal service's opinion
    assert {c for c, t in types.items() if t.opinion_required} == {
        "ri",
        "eri",
        "rent_guarantee",
        "advance",
    } | recoveries
    assert {c for c, t in types.items() if t.registers_with_spp} == {"ri", "eri"}
    assert {c for c, t in types.items() if t.right_to_be_heard} == {"ri", "eri"} | recoveries
    assert {c for c, t in types.items() if t.opens_recovery} == {"advance"} | recoveries
    assert {c for c, t in types.items() if t.payment == AidType.Payment.MONTHLY} == {"ri", "eri", "financial"}
    assert types["rent_guarantee"].payment == types["advance"].payment == AidType.Payment.ONCE
    assert types["ri"].opinion_delay_days == 5


@pytest.mark.parametrize("code", ["ri", "eri"])
def test_integration_income_categories_have_the_amounts_of_february_2025_then_march_2026(code):
    aid_type = AidType.objects.get(code=code)
    assert [c.label for c in selectors.categories(aid_type)] == ["cohabitant", "isolé", "famille à charge"]
    until_february = {
        a.category.code: a.amount
        for a in AidAmount.objects.filter(aid_type=aid_type, valid_to=datetime.date(2026, 2, 28))
    }
    assert until_february == {
        "cohabitant": Decimal("876.13"),
        "isole": Decimal("1314.20"),
        "famille": Decimal("1776.07"),
    }
    current = {
        a.category.code: a.amount for a in AidAmount.objects.filter(aid_type=aid_type, valid_to__isnull=True)
    }
    assert current == {
        "cohabitant": Decimal("893.66"),
        "isole": Decimal("1340.49"),
        "famille": Decimal("1811.59"),
    }
    assert all(a.source for a in AidAmount.objects.filter(aid_type=aid_type))
    assert AidAmount.objects.filter(aid_type=aid_type).order_by(
        "valid_from"
    ).first().valid_from == datetime.date(2025, 2, 1)


def test_the_mons_labour_court_is_known():
    court = CourtDivision.objects.get(division="division de Mons")
    assert court.address == "rue de Nimy 70, 7000 Mons"
    assert str(court) == "Tribunal du travail du Hainaut, division de Mons"


def test_installing_the_defaults_again_changes_nothing():
    models = (AidType, AidCategory, AidAmount, CourtDivision, JudicialCanton, CantonCommune)
    counts = [m.objects.count() for m in models]
    install_default_catalogue()
    assert [m.objects.count() for m in models] == counts


def test_the_courts_come_back_after_a_flush():
    CourtDivision.objects.all().delete()
    JudicialCanton.objects.all().delete()
    install_default_catalogue()
    assert court_for("7000", datetime.date(2026, 12, 1)).address == "rue de Nimy 70, 7000 Mons"


def test_social_workers_are_offered_the_active_types_in_the_catalogue_order():
    AidType.objects.filter(code="debt").update(active=False)
    offered = [t.code for t in selectors.active_types()]
    assert offered[:3] == ["ri", "eri", "financial"]
    assert "debt" not in offered
    assert len(offered) == len(AidRequest.Aid) - 1
