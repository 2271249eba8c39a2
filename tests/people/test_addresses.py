"""Address history: a move closes the previous address the day before, and the history stays readable."""

import datetime

import pytest

from files.models import FileEvent
from people.models import Address
from tests.people.helpers import field_error, typed_value, url

pytestmark = pytest.mark.django_db


def new_address(**changes) -> dict:
    data = {
        "street": "Avenue Frère-Orban",
        "number": "15",
        "box": "2",
        "postal_code": "7000",
        "city": "Mons",
        "country": "BE",
        "kind": "residence",
        "valid_from": "15/09/2026",
    }
    return data | changes


def test_a_move_closes_the_previous_address_the_day_before(as_worker, social_file, beneficiary, address):
    response = as_worker.post(url("address_add", social_file), new_address())
    assert response.status_code == 302
    assert response.url == url("identity", social_file)
    address.refresh_from_db()
    assert address.valid_to == datetime.date(2026, 9, 14)
    current = beneficiary.addresses.get(valid_to__isnull=True)
    assert str(current) == "Avenue Frère-Orban 15 bte 2, 7000 Mons"
    assert current.valid_from == datetime.date(2026, 9, 15)
    assert FileEvent.objects.filter(file=social_file, kind=FileEvent.Kind.ADDRESS).exists()
    page = as_worker.get(url("identity", social_file)).content.decode()
    assert page.index("Avenue Frère-Orban") < page.index("Rue de Nimy")
    assert "14/09/2026" in page


def test_a_contact_address_leaves_the_residence_open(as_worker, social_file, beneficiary, address):
    response = as_worker.post(url("address_add", social_file), new_address(kind="contact"))
    assert response.status_code == 302
    address.refresh_from_db()
    assert address.valid_to is None
    assert beneficiary.addresses.filter(valid_to__isnull=True).count() == 2


def test_an_address_starting_before_the_current_one_is_refused_beside_the_date(
    as_worker, social_file, beneficiary, address
):
    response = as_worker.post(url("address_add", social_file), new_address(valid_from="01/01/2019"))
    assert response.status_code == 200
    assert "doit commencer après le 01/03/2020" in field_error(response, "valid_from")
    assert typed_value(response, "street") == "Avenue Frère-Orban"
    assert Address.objects.filter(person=beneficiary).count() == 1
    address.refresh_from_db()
    assert address.valid_to is None


def test_a_belgian_postal_code_has_four_digits(as_worker, social_file):
    response = as_worker.post(url("address_add", social_file), new_address(postal_code="700"))
    assert "4 chiffres" in field_error(response, "postal_code")


def test_a_foreign_address_keeps_its_own_postal_code(as_worker, social_file, beneficiary):
    data = new_address(country="FR", postal_code="59000", city="Lille", street="Rue Nationale")
    assert as_worker.post(url("address_add", social_file), data).status_code == 302
    assert "(France)" in as_worker.get(url("identity", social_file)).content.decode()
