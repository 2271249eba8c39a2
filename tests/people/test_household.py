"""Household: members join (already known or new) and leave; former members stay in the history."""

import datetime

import pytest
from bs4 import BeautifulSoup

from files.models import FileEvent
from people import synthetic
from people.models import HouseholdMember, Person
from tests.factories import PersonFactory
from tests.people.helpers import field_error, typed_value, url

pytestmark = pytest.mark.django_db


def section_text(response, title_id: str) -> str:
    page = BeautifulSoup(response.content, "html.parser")
    section = page.find("section", attrs={"aria-labelledby": title_id})
    return " ".join(section.get_text(" ").split()) if section else ""


def test_an_already_registered_person_joins_by_national_number(as_worker, social_file, beneficiary):
    partner = PersonFactory(last_name="Lambert", first_names="Marc")
    number = partner.national_number
    data = {
        "national_number": f"{number[:2]}.{number[2:4]}.{number[4:6]}-{number[6:9]}.{number[9:]}",
        "relation": "partner",
        "since": "01/02/2024",
    }
    response = as_worker.post(url("household_add", social_file), data)
    assert response.status_code == 302
    link = HouseholdMember.objects.get(person=beneficiary)
    assert link.member == partner
    assert link.since == datetime.date(2024, 2, 1)
    assert Person.objects.filter(national_number=number).count() == 1
    members = section_text(as_worker.get(url("household", social_file)), "household-title")
    assert "LAMBERT Marc" in members and "Conjoint(e) / partenaire" in members and "01/02/2024" in members


def test_a_new_person_is_registered_and_joins_as_a_dependent_child(as_worker, social_file, beneficiary, rng):
    born = datetime.date(2016, 4, 9)
    number = synthetic.national_number(born, "M", rng)
    data = {
        "national_number": number,
        "last_name": "Dupont",
        "first_names": "Noah",
        "relation": "child",
        "is_dependant": "on",
        "since": "09/04/2016",
    }
    response = as_worker.post(url("household_add", social_file), data)
    assert response.status_code == 302
    child = Person.objects.get(national_number=number)
    assert (child.birth_date, child.sex) == (born, "M")  # derived from the number
    link = HouseholdMember.objects.get(person=beneficiary, member=child)
    assert link.is_dependant
    members = section_text(as_worker.get(url("household", social_file)), "household-title")
    assert "DUPONT Noah" in members and "à charge" in members and f"{child.age} ans" in members
    assert FileEvent.objects.filter(file=social_file, kind=FileEvent.Kind.HOUSEHOLD).exists()


def test_a_new_person_without_number_needs_a_name(as_worker, social_file, beneficiary):
    response = as_worker.post(url("household_add", social_file), {"relation": "other", "first_names": "Ali"})
    assert response.status_code == 200
    assert "indiquez le nom" in field_error(response, "last_name")
    assert typed_value(response, "first_names") == "Ali"
    assert not HouseholdMember.objects.filter(person=beneficiary).exists()


def test_an_unknown_number_without_identity_asks_for_the_name(as_worker, social_file, beneficiary, rng):
    number = synthetic.national_number(datetime.date(1990, 1, 1), "M", rng)
    response = as_worker.post(
        url("household_add", social_file), {"national_number": number, "relation": "other"}
    )
    assert response.status_code == 200
    assert "Personne n'est enregistré avec ce numéro" in field_error(response, "last_name")
    assert not Person.objects.filter(national_number=number).exists()


def test_a_number_of_someone_else_with_another_name_is_not_linked_by_mistake(
    as_worker, social_file, beneficiary
):
    known = PersonFactory(last_name="Lambert", first_names="Marc")
    data = {"national_number": known.national_number, "last_name": "Leroy", "relation": "other"}
    response = as_worker.post(url("household_add", social_file), data)
    assert "LAMBERT Marc" in field_error(response, "national_number")
    assert not HouseholdMember.objects.filter(person=beneficiary).exists()


def test_an_invalid_number_for_a_new_member_is_explained(as_worker, social_file, beneficiary):
    data = {"national_number": "85073003329", "last_name": "X", "first_names": "Y", "relation": "other"}
    response = as_worker.post(url("household_add", social_file), data)
    assert "chiffres de contrôle" in field_error(response, "national_number")
    assert not Person.objects.filter(last_name="X").exists()


def test_the_beneficiary_cannot_join_their_own_household(as_worker, social_file, beneficiary):
    data = {"national_number": beneficiary.national_number, "relation": "other"}
    response = as_worker.post(url("household_add", social_file), data)
    assert response.status_code == 200
    assert "propre ménage" in response.content.decode()


def test_a_member_who_leaves_is_shown_among_former_members(as_worker, social_file, beneficiary):
    partner = PersonFactory(last_name="Lambert", first_names="Marc")
    link = HouseholdMember.objects.create(
        person=beneficiary, member=partner, relation="partner", since=datetime.date(2021, 6, 1)
    )
    response = as_worker.post(url("household_end", social_file, link.pk), {"until": "31/08/2025"})
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.until == datetime.date(2025, 8, 31)
    page = as_worker.get(url("household", social_file))
    assert "LAMBERT Marc" not in section_text(page, "household-title")
    former = section_text(page, "former-title")
    assert "LAMBERT Marc" in former and "01/06/2021" in former and "31/08/2025" in former
    event = FileEvent.objects.get(file=social_file, kind=FileEvent.Kind.HOUSEHOLD)
    assert event.summary == "LAMBERT Marc a quitté le ménage le 31/08/2025"


def test_leaving_before_arriving_is_refused_beside_the_date(as_worker, social_file, beneficiary):
    partner = PersonFactory()
    link = HouseholdMember.objects.create(
        person=beneficiary, member=partner, relation="partner", since=datetime.date(2021, 6, 1)
    )
    response = as_worker.post(url("household_end", social_file, link.pk), {"until": "31/05/2021"})
    assert response.status_code == 200
    assert "précède l'arrivée" in field_error(response, "until")
    link.refresh_from_db()
    assert link.until is None


def test_a_link_of_another_household_is_not_reachable(as_worker, social_file):
    stranger_link = HouseholdMember.objects.create(
        person=PersonFactory(), member=PersonFactory(), relation="child"
    )
    assert as_worker.get(url("household_end", social_file, stranger_link.pk)).status_code == 404
    response = as_worker.post(url("household_end", social_file, stranger_link.pk), {"until": "01/01/2026"})
    assert response.status_code == 404
    stranger_link.refresh_from_db()
    assert stranger_link.until is None


def test_a_former_partner_who_comes_back_has_two_periods_in_the_history(as_worker, social_file, beneficiary):
    partner = PersonFactory(last_name="Lambert", first_names="Marc")
    HouseholdMember.objects.create(
        person=beneficiary,
        member=partner,
        relation="partner",
        since=datetime.date(2019, 1, 1),
        until=datetime.date(2023, 6, 30),
    )
    data = {"national_number": partner.national_number, "relation": "partner", "since": "01/03/2025"}
    assert as_worker.post(url("household_add", social_file), data).status_code == 302
    page = as_worker.get(url("household", social_file))
    assert "LAMBERT Marc" in section_text(page, "household-title")
    assert "30/06/2023" in section_text(page, "former-title")


def test_someone_still_in_the_household_cannot_be_added_twice(as_worker, social_file, beneficiary):
    partner = PersonFactory(last_name="Lambert", first_names="Marc")
    HouseholdMember.objects.create(person=beneficiary, member=partner, relation="partner")
    response = as_worker.post(
        url("household_add", social_file), {"national_number": partner.national_number, "relation": "partner"}
    )
    assert response.status_code == 200
    assert "fait déjà partie du ménage" in response.content.decode()
    assert HouseholdMember.objects.filter(person=beneficiary, member=partner).count() == 1
