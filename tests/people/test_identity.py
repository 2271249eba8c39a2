"""Signalétique: what a social worker reads and corrects, with the national number as the arbiter."""

import datetime
import random

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from audit.models import AuditEvent
from files.models import FileEvent
from people import synthetic
from people.models import Address, Person
from tests.factories import PersonFactory, SocialFileFactory, TeamFactory
from tests.login import verified_login
from tests.people.helpers import field_error, form_data, identity_post, typed_value, url

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def test_identity_page_shows_the_identity_the_belgian_way(as_worker, social_file, beneficiary):
    beneficiary.nationality = "MA"
    beneficiary.residence_status = Person.ResidenceStatus.UNLIMITED_STAY
    beneficiary.save()
    page = text(as_worker.get(url("identity", social_file)))
    number = beneficiary.national_number
    assert f"{number[:2]}.{number[2:4]}.{number[4:6]}-{number[6:9]}.{number[9:]}" in page
    assert "30/07/1985" in page
    assert f"({beneficiary.age} ans)" in page
    assert "Maroc" in page
    assert "Séjour illimité" in page
    assert "Femme" in page
    assert "numéro BIS" not in page


def test_a_bis_number_is_marked_as_such(as_worker, social_file, beneficiary, rng):
    beneficiary.national_number = synthetic.national_number(beneficiary.birth_date, "F", rng, bis=True)
    beneficiary.save()
    assert "numéro BIS" in text(as_worker.get(url("identity", social_file)))


def test_address_history_lists_the_current_address_first_and_marks_it(as_worker, social_file, beneficiary):
    Address.objects.create(
        person=beneficiary,
        street="Rue d'Havré",
        number="12",
        postal_code="7000",
        city="Mons",
        valid_from=datetime.date(2015, 1, 1),
        valid_to=datetime.date(2020, 2, 29),
    )
    Address.objects.create(
        person=beneficiary,
        street="Rue de Nimy",
        number="70",
        box="3",
        postal_code="7000",
        city="Mons",
        valid_from=datetime.date(2020, 3, 1),
    )
    page = BeautifulSoup(as_worker.get(url("identity", social_file)).content, "html.parser")
    rows = [
        " ".join(r.get_text(" ").split())
        for r in page.select("section[aria-labelledby=addresses-title] tbody tr")
    ]
    assert rows[0].startswith("Rue de Nimy 70 bte 3, 7000 Mons actuelle")
    assert "01/03/2020" in rows[0]
    assert "Rue d'Havré 12" in rows[1] and "actuelle" not in rows[1]
    assert "01/01/2015" in rows[1] and "29/02/2020" in rows[1]


def test_a_typed_niss_is_saved_and_fills_birth_date_and_sex(as_worker, social_file, beneficiary, rng):
    """A birth in 2003: the check digits are computed with the '2' prefix; the form must accept it."""
    number = synthetic.national_number(datetime.date(2003, 2, 14), "M", rng)
    typed = f"{number[:2]}.{number[2:4]}.{number[4:6]}-{number[6:9]}.{number[9:]}"
    data = identity_post(beneficiary, national_number=typed, birth_date="", sex="")
    response = as_worker.post(url("identity_edit", social_file), data)
    assert response.status_code == 302
    beneficiary.refresh_from_db()
    assert beneficiary.national_number == number
    assert beneficiary.birth_date == datetime.date(2003, 2, 14)
    assert beneficiary.sex == "M"


def test_a_bis_number_is_accepted(as_worker, social_file, beneficiary, rng):
    number = synthetic.national_number(beneficiary.birth_date, "F", rng, bis=True)
    response = as_worker.post(
        url("identity_edit", social_file), identity_post(beneficiary, national_number=number)
    )
    assert response.status_code == 302
    beneficiary.refresh_from_db()
    assert beneficiary.national_number == number
    assert beneficiary.is_bis


def test_a_wrong_check_digit_is_explained_beside_the_field_and_nothing_typed_is_lost(
    as_worker, social_file, beneficiary
):
    original = beneficiary.national_number
    wrong = original[:9] + f"{(int(original[9:]) + 1) % 100:02d}"
    data = identity_post(beneficiary, national_number=wrong, last_name="Dupont-Lemaire", phone="065 40 50 60")
    response = as_worker.post(url("identity_edit", social_file), data)
    assert response.status_code == 200
    assert "chiffres de contrôle ne correspondent pas" in field_error(response, "national_number")
    assert typed_value(response, "national_number") == wrong  # exactly as typed
    assert typed_value(response, "last_name") == "Dupont-Lemaire"
    assert typed_value(response, "phone") == "065 40 50 60"
    assert "Le formulaire n'a pas été enregistré" in text(response)
    beneficiary.refresh_from_db()
    assert (beneficiary.national_number, beneficiary.last_name) == (original, "Dupont")


def test_a_number_too_short_is_explained(as_worker, social_file, beneficiary):
    response = as_worker.post(
        url("identity_edit", social_file), identity_post(beneficiary, national_number="85.07.30-033")
    )
    assert "compte 11 chiffres" in field_error(response, "national_number")


def test_a_birth_date_that_contradicts_the_niss_is_shown_beside_the_birth_date(
    as_worker, social_file, beneficiary
):
    response = as_worker.post(
        url("identity_edit", social_file), identity_post(beneficiary, birth_date="31/07/1985")
    )
    assert response.status_code == 200
    assert "indique une naissance le 30/07/1985" in field_error(response, "birth_date")
    assert typed_value(response, "birth_date") == "31/07/1985"
    beneficiary.refresh_from_db()
    assert beneficiary.birth_date == datetime.date(1985, 7, 30)


def test_a_sex_that_contradicts_the_niss_is_shown_beside_the_sex(as_worker, social_file, beneficiary):
    response = as_worker.post(url("identity_edit", social_file), identity_post(beneficiary, sex="M"))
    assert response.status_code == 200
    assert "correspond à une femme" in field_error(response, "sex")
    beneficiary.refresh_from_db()
    assert beneficiary.sex == "F"


def test_a_date_typed_wrongly_is_explained(as_worker, social_file, beneficiary):
    response = as_worker.post(
        url("identity_edit", social_file), identity_post(beneficiary, birth_date="30-07-85x")
    )
    assert "jj/mm/aaaa" in field_error(response, "birth_date")


def test_a_correction_is_recorded_in_the_audit_trail_and_on_the_timeline(
    as_worker, worker, social_file, beneficiary
):
    response = as_worker.post(
        url("identity_edit", social_file), identity_post(beneficiary, phone="065 22 33 44")
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(verb="update", target_type="people.person", target_id=str(beneficiary.pk))
    assert event.user == worker
    assert list(event.detail["changes"]) == ["phone"]
    assert FileEvent.objects.filter(
        file=social_file, kind=FileEvent.Kind.IDENTITY, summary__contains="téléphone"
    )


def test_the_niss_of_someone_else_is_refused_with_a_link_to_their_file(
    as_worker, social_file, beneficiary, team
):
    other = PersonFactory(last_name="Martin", first_names="Paul")
    other_file = SocialFileFactory(team=team, beneficiary=other, reference="2026/00077")
    response = as_worker.post(
        url("identity_edit", social_file),
        identity_post(beneficiary, national_number=other.national_number, birth_date="", sex=""),
    )
    assert response.status_code == 200
    assert "déjà enregistrée" in field_error(response, "national_number")
    page = BeautifulSoup(response.content, "html.parser")
    link = page.find("a", string=lambda s: s and "2026/00077" in s)
    assert link["href"] == url("identity", other_file)
    beneficiary.refresh_from_db()
    assert beneficiary.national_number != other.national_number


def test_the_niss_of_someone_in_a_hidden_file_is_refused_without_revealing_the_file(
    as_worker, social_file, beneficiary
):
    other = PersonFactory(last_name="Martin", first_names="Paul")
    SocialFileFactory(team=TeamFactory(name="Antenne Jemappes"), beneficiary=other, reference="2026/00078")
    response = as_worker.post(
        url("identity_edit", social_file),
        identity_post(beneficiary, national_number=other.national_number, birth_date="", sex=""),
    )
    assert "déjà enregistrée" in field_error(response, "national_number")
    assert "2026/00078" not in response.content.decode()
    assert "pas accès au dossier" in text(response)


def test_two_colleagues_editing_at_once_the_second_is_told_and_nothing_is_overwritten(
    client, worker, colleague, social_file, beneficiary
):
    verified_login(client, worker)
    mine = form_data(client.get(url("identity_edit", social_file)))  # Sophie opens the form

    other = Client()
    verified_login(other, colleague)
    theirs = form_data(other.get(url("identity_edit", social_file)))
    assert (
        other.post(url("identity_edit", social_file), theirs | {"phone": "065 11 11 11"}).status_code == 302
    )

    response = client.post(url("identity_edit", social_file), mine | {"last_name": "Dupont-Lemaire"})
    assert response.status_code == 409
    page = text(response)
    assert "Karim Benali a modifié cette fiche le" in page
    assert "Rien n'a été écrasé" in page
    assert "Téléphone : 065 11 11 11" in page  # the colleague's change is shown...
    assert typed_value(response, "phone") == "065 11 11 11"  # ...and taken over, as Sophie left it alone
    assert typed_value(response, "last_name") == "Dupont-Lemaire"  # Sophie's typing is kept
    beneficiary.refresh_from_db()
    assert (beneficiary.last_name, beneficiary.phone) == ("Dupont", "065 11 11 11")

    # Sending again is a deliberate choice: it carries the current version and keeps both changes.
    assert client.post(url("identity_edit", social_file), form_data(response)).status_code == 302
    beneficiary.refresh_from_db()
    assert (beneficiary.last_name, beneficiary.phone) == ("Dupont-Lemaire", "065 11 11 11")


def test_when_both_change_the_same_field_both_values_are_shown_and_mine_stays_in_the_form(
    client, worker, colleague, social_file, beneficiary
):
    verified_login(client, worker)
    mine = form_data(client.get(url("identity_edit", social_file)))
    other = Client()
    verified_login(other, colleague)
    theirs = form_data(other.get(url("identity_edit", social_file)))
    other.post(url("identity_edit", social_file), theirs | {"email": "marie@example.be"})

    response = client.post(url("identity_edit", social_file), mine | {"email": "m.dupont@example.org"})
    assert response.status_code == 409
    rows = BeautifulSoup(response.content, "html.parser").select(".conflict table tbody tr")
    assert [" ".join(r.get_text(" ").split()) for r in rows] == [
        "E-mail marie@example.be m.dupont@example.org"
    ]
    assert typed_value(response, "email") == "m.dupont@example.org"
    beneficiary.refresh_from_db()
    assert beneficiary.email == "marie@example.be"


def test_a_household_member_identity_can_be_corrected_from_the_household(as_worker, social_file, beneficiary):
    child = PersonFactory(
        last_name="Dupont",
        first_names="Léa",
        birth_date=datetime.date(2012, 5, 4),
        sex="F",
        national_number=synthetic.national_number(datetime.date(2012, 5, 4), "F", random.Random(1)),
    )
    beneficiary.household.create(member=child, relation="child", is_dependant=True)
    response = as_worker.post(
        url("member_edit", social_file, child.pk), identity_post(child, first_names="Léa Marie")
    )
    assert response.status_code == 302
    assert response.url == url("household", social_file)
    child.refresh_from_db()
    assert child.first_names == "Léa Marie"


def test_a_person_outside_the_household_cannot_be_edited_through_this_file(as_worker, social_file):
    stranger = PersonFactory()
    assert as_worker.get(url("member_edit", social_file, stranger.pk)).status_code == 404
    response = as_worker.post(
        url("member_edit", social_file, stranger.pk), identity_post(stranger, last_name="X")
    )
    assert response.status_code == 404
