"""Nouveau dossier: registering a newcomer opens their file at once, and never makes a second person."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from access.models import Membership, Team
from access.roles import Role
from files.models import AidRequest, FileEvent, SocialFile
from files.services import open_file
from people.models import Address, Person
from tests.factories import PersonFactory, SocialFileFactory, TeamFactory, UserFactory
from tests.files.conftest import client_for

pytestmark = pytest.mark.django_db
URL = reverse("files:create")


def form_data(team, **overrides):
    data = {
        "last_name": "Dupont",
        "first_names": "Sophie",
        "national_number": "",
        "birth_date": "12/05/1990",
        "sex": "F",
        "nationality": "BE",
        "residence_status": "belgian",
        "language": "fr",
        "phone": "0470 12 34 56",
        "email": "",
        "street": "Rue de Nimy",
        "number": "12",
        "box": "",
        "postal_code": "7000",
        "city": "Mons",
        "valid_from": "01/01/2024",
        "team": team.pk,
        "primary_worker": "",
        "aid": "ri",
        "channel": "desk",
        "requested_on": timezone.localdate().strftime("%d/%m/%Y"),
        "details": "Perte d'emploi.",
    }
    return {**data, **overrides}


def field_error(response, name) -> str:
    """The message shown beside the field `name` (empty if none)."""
    soup = BeautifulSoup(response.content, "html.parser")
    box = soup.find(id=f"id_{name}").find_parent(class_="field")
    return " ".join(p.get_text(" ", strip=True) for p in box.select(".field-error"))


def summary(response) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    found = soup.select_one(".error-summary")
    return found.get_text(" ", strip=True) if found else ""


def test_reception_registers_a_newcomer_with_address_and_first_request(reception, team, worker, niss):
    data = form_data(team, national_number=niss, birth_date="", sex="", primary_worker=worker.pk)
    response = client_for(reception).post(URL, data, follow=True)

    file = SocialFile.objects.get()
    person = file.beneficiary
    assert response.redirect_chain[-1][0] == reverse("files:detail", args=[file.pk])
    assert f"Le dossier {file.reference} de DUPONT Sophie est ouvert." in response.text
    assert (person.national_number, person.birth_date, person.sex) == (niss, datetime.date(1990, 5, 12), "F")
    assert (file.team, file.primary_worker) == (team, worker)
    address = Address.objects.get(person=person)
    assert (address.street, address.postal_code, address.valid_from) == (
        "Rue de Nimy",
        "7000",
        datetime.date(2024, 1, 1),
    )
    aid_request = AidRequest.objects.get(file=file)
    assert (aid_request.aid, aid_request.details, aid_request.registered_by) == (
        "ri",
        "Perte d'emploi.",
        reception,
    )
    kinds = set(FileEvent.objects.filter(file=file).values_list("kind", flat=True))
    assert {"opened", "address", "request"} <= kinds


def test_a_newcomer_without_address_or_national_number_can_be_registered(worker, team):
    data = form_data(team, street="", number="", postal_code="", city="", valid_from="")
    assert client_for(worker).post(URL, data).status_code == 302
    assert not Address.objects.exists()
    assert SocialFile.objects.get().beneficiary.national_number is None


def test_a_social_worker_opens_files_only_in_their_own_teams(worker, team, other_team):
    client = client_for(worker)
    page = client.get(URL).text
    assert "Antenne Mons-Centre" in page
    assert "Antenne Jemappes" not in page
    response = client.post(URL, form_data(other_team))
    assert response.status_code == 200
    assert "Choisissez une équipe de la liste." in field_error(response, "team")
    assert not SocialFile.objects.exists()


def test_a_desk_serving_several_antennes_may_choose_any_team_and_must_choose_one(team, other_team):
    reception = UserFactory(role=Role.RECEPTION, teams=[team, TeamFactory(name="Antenne Nimy")])
    response = client_for(reception).get(URL)
    assert "Antenne Mons-Centre" in response.text and "Antenne Jemappes" in response.text
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find(id="id_team").find("option", selected=True)["value"] == ""
    response = client_for(reception).post(URL, {**form_data(team), "team": ""})
    assert "Choisissez l'équipe qui suivra le dossier." in field_error(response, "team")
    assert not SocialFile.objects.exists()


def test_the_primary_worker_must_belong_to_the_chosen_team(reception, team, outsider):
    response = client_for(reception).post(URL, form_data(team, primary_worker=outsider.pk))
    assert "ne fait pas partie de l'équipe Antenne Mons-Centre" in field_error(response, "primary_worker")
    assert not SocialFile.objects.exists()
    assert not Person.objects.exists()


def test_an_invalid_national_number_is_explained_beside_the_field_and_nothing_typed_is_lost(worker, team):
    response = client_for(worker).post(
        URL,
        form_data(team, national_number="90.05.12-000.00", birth_date="31/02/1990", details="Loyer impayé"),
    )
    assert response.status_code == 200
    assert "chiffres de contrôle ne correspondent pas" in field_error(response, "national_number")
    assert "Le 31/02/1990 n'existe pas : vérifiez le jour et le mois." in field_error(response, "birth_date")
    assert "Numéro national (NISS ou BIS) : Les chiffres de contrôle" in summary(response)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find(id="id_national_number")["value"] == "90.05.12-000.00"
    assert soup.find(id="id_birth_date")["value"] == "31/02/1990"
    assert soup.find(id="id_last_name")["value"] == "Dupont"
    assert soup.find(id="id_details").get_text().strip() == "Loyer impayé"
    assert not Person.objects.exists()


def test_a_birth_date_contradicting_the_national_number_is_refused(worker, team, niss):
    response = client_for(worker).post(URL, form_data(team, national_number=niss, birth_date="13/05/1990"))
    assert "Le numéro national indique une naissance le 12/05/1990" in field_error(response, "birth_date")


def test_a_half_typed_address_is_refused(worker, team):
    response = client_for(worker).post(URL, form_data(team, street="Rue de Nimy", number="", city=""))
    assert "Complétez l'adresse" in field_error(response, "number")
    assert "Complétez l'adresse" in field_error(response, "city")


def test_a_request_dated_in_the_future_is_refused(worker, team):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client_for(worker).post(URL, form_data(team, requested_on=tomorrow.strftime("%d/%m/%Y")))
    assert "ne peut pas être dans le futur" in field_error(response, "requested_on")


def test_a_known_national_number_is_refused_with_a_link_to_the_visible_file(worker, team, niss):
    existing = PersonFactory(national_number=niss, birth_date=datetime.date(1990, 5, 12), sex="F")
    file = SocialFileFactory(team=team, beneficiary=existing)

    response = client_for(worker).post(URL, form_data(team, national_number=niss))

    assert "Une personne avec ce numéro national est déjà enregistrée." in field_error(
        response, "national_number"
    )
    assert reverse("files:detail", args=[file.pk]) in response.text
    assert f"Ouvrir le dossier {file.reference}" in response.text
    assert Person.objects.count() == 1 and SocialFile.objects.count() == 1


def test_a_known_national_number_of_another_team_names_the_team_without_a_link(worker, other_team, niss):
    existing = PersonFactory(national_number=niss, birth_date=datetime.date(1990, 5, 12), sex="F")
    file = SocialFileFactory(team=other_team, beneficiary=existing)

    response = client_for(worker).post(URL, form_data(worker.memberships.get().team, national_number=niss))

    assert (
        "Dossier suivi par l'équipe Antenne Jemappes" in BeautifulSoup(response.content, "html.parser").text
    )
    assert reverse("files:detail", args=[file.pk]) not in response.text
    assert file.reference not in response.text
    assert Person.objects.count() == 1


def test_a_similar_name_born_the_same_day_needs_a_confirmation(worker, team, other_team):
    twin = PersonFactory(last_name="Dupond", first_names="Sophie", birth_date=datetime.date(1990, 5, 12))
    visible = SocialFileFactory(team=team, beneficiary=twin)
    client = client_for(worker)

    response = client.post(URL, form_data(team))

    assert response.status_code == 200
    assert "des personnes nées le même jour portent un nom semblable" in response.text
    assert "DUPOND Sophie" in response.text
    assert reverse("files:detail", args=[visible.pk]) in response.text
    assert (
        "Je confirme qu'il s'agit d'une autre personne" in BeautifulSoup(response.content, "html.parser").text
    )
    assert "cochez cette case" in field_error(response, "confirm_distinct")
    assert SocialFile.objects.count() == 1

    response = client.post(URL, form_data(team, confirm_distinct="on"))
    assert response.status_code == 302
    assert Person.objects.filter(last_name="Dupont").exists()


def test_the_form_proposes_today_and_the_user_as_primary_worker(worker, team):
    soup = BeautifulSoup(client_for(worker).get(URL).content, "html.parser")
    assert soup.find(id="id_requested_on")["value"] == timezone.localdate().strftime("%d/%m/%Y")
    selected = soup.find(id="id_primary_worker").find("option", selected=True)
    assert selected["value"] == str(worker.pk)


def test_a_user_without_team_is_told_why_no_file_can_be_opened(team):
    from access.roles import Role
    from tests.factories import UserFactory

    lonely = UserFactory(role=Role.SOCIAL_WORKER)
    assert not Membership.objects.filter(user=lonely).exists()
    assert "Vous ne faites partie d'aucune équipe" in client_for(lonely).get(URL).text


def test_a_service_team_is_not_offered_as_the_files_team(team):
    """The legal service was offered to own a file (issue 14): only the antennes are."""
    legal = TeamFactory(name="Service juridique", kind=Team.Kind.SERVICE)
    reception = UserFactory(role=Role.RECEPTION, teams=[team, legal])
    soup = BeautifulSoup(client_for(reception).get(URL).content, "html.parser")
    assert [o.text for o in soup.select("#id_team option") if o["value"]] == ["Antenne Mons-Centre"]
    response = client_for(reception).post(URL, form_data(legal))
    assert "Choisissez une équipe de la liste." in field_error(response, "team")
    assert not SocialFile.objects.exists()


def test_the_service_refuses_to_open_a_file_in_a_service_team(reception):
    legal = TeamFactory(name="Service juridique", kind=Team.Kind.SERVICE)
    with pytest.raises(ValidationError) as refused:
        open_file(actor=reception, beneficiary=PersonFactory(), team=legal)
    assert refused.value.message_dict["team"] == [
        "L'équipe Service juridique est un service : un dossier appartient à une antenne."
    ]
    assert not SocialFile.objects.exists()
