"""The labour court named in a notification: the one of the person's address, on the day of the decision."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from aid.models import CourtDivision
from aid.selectors import court_for

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize("postal_code", ["7000", "7012", "7033", "7080", "7390", " 7034 "])
def test_addresses_of_mons_and_the_borinage_go_to_the_mons_division(postal_code):
    court = court_for(postal_code, D(2026, 11, 26))
    assert court.division == "division de Mons"
    assert court.address == "rue de Nimy 70, 7000 Mons"


@pytest.mark.parametrize("postal_code", ["6000", "1030", "", "70000", "abcd"])
def test_an_address_outside_the_known_divisions_has_no_court(postal_code):
    assert court_for(postal_code, D(2026, 11, 26)) is None


def test_a_move_of_the_court_applies_from_its_date():
    CourtDivision.objects.update(valid_to=D(2027, 6, 30))
    CourtDivision.objects.create(
        court="Tribunal du travail du Hainaut",
        division="division de Mons",
        street="rue des Trois Boudins 1",
        postal_code="7000",
        city="Mons",
        served_postal_codes="7000-7099, 7300-7399",
        valid_from=D(2027, 7, 1),
    )
    assert court_for("7000", D(2027, 6, 30)).street == "rue de Nimy 70"
    assert court_for("7000", D(2027, 7, 1)).street == "rue des Trois Boudins 1"
    assert court_for("7000", D(2014, 3, 31)) is None  # before the Hainaut court existed


def test_unreadable_postal_codes_are_refused_in_french():
    court = CourtDivision.objects.get()
    court.served_postal_codes = "7000-7099, Mons"
    with pytest.raises(ValidationError) as error:
        court.full_clean()
    assert error.value.messages == [
        "« Mons » n'est ni un code postal à quatre chiffres ni une plage comme 7000-7099."
    ]
    court.served_postal_codes = "7099-7000"
    with pytest.raises(ValidationError, match="finit avant de commencer"):
        court.full_clean()
