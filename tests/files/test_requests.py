"""Demandes: registering a request on the day it is made, and reading the file's summary."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from files import services
from files.models import AidRequest, FileEvent
from tests.files.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_social_worker_adds_a_request_that_shows_in_the_list_and_the_timeline(file, worker):
    client = client_for(worker)
    response = client.post(
        reverse("files:request_add", args=[file.pk]),
        {"aid": "energy", "channel": "post", "requested_on": "02/03/2026", "details": "Facture Engie"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("files:requests", args=[file.pk])
    assert "Demande enregistrée : Fonds gaz-électricité, du 02/03/2026." in response.text
    aid_request = AidRequest.objects.get(file=file)
    assert (aid_request.requested_on, aid_request.channel) == (datetime.date(2026, 3, 2), "post")
    assert "Facture Engie" in response.text
    assert FileEvent.objects.filter(file=file, kind=FileEvent.Kind.REQUEST).exists()


def test_reception_registers_a_request_in_a_file_of_its_antenne(file, reception):
    response = client_for(reception).post(
        reverse("files:request_add", args=[file.pk]),
        {"aid": "ri", "channel": "desk", "requested_on": timezone.localdate().strftime("%d/%m/%Y")},
    )
    assert response.status_code == 302
    assert AidRequest.objects.get(file=file).registered_by == reception


def test_a_bad_request_keeps_what_was_typed_and_explains_in_french(file, worker):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    response = client_for(worker).post(
        reverse("files:request_add", args=[file.pk]),
        {"aid": "", "channel": "desk", "requested_on": tomorrow, "details": "Urgence loyer"},
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Indiquez l'aide demandée." in soup.select_one(".error-summary").text
    date_box = soup.find(id="id_requested_on").find_parent(class_="field")
    assert "ne peut pas être dans le futur" in date_box.select_one(".field-error").text
    assert soup.find(id="id_requested_on")["value"] == tomorrow
    assert soup.find(id="id_details").text.strip() == "Urgence loyer"
    assert not AidRequest.objects.exists()


def test_the_summary_shows_identity_requests_and_the_ten_latest_events(file, worker):
    for day in range(1, 13):
        services.add_request(
            actor=worker, file=file, aid="in_kind", channel="desk", requested_on=datetime.date(2026, 1, day)
        )
    response = client_for(worker).get(reverse("files:detail", args=[file.pk]))
    soup = BeautifulSoup(response.content, "html.parser")
    assert "DUBOIS" in soup.select_one("#identity-title").find_parent("section").text
    assert file.beneficiary.national_number_display in response.text
    assert len(soup.select("aside .timeline li")) == 10
    assert soup.find("a", string="Voir tout l'historique")["href"] == reverse(
        "files:timeline", args=[file.pk]
    )
    assert "Voir les 12 demandes" in response.text
    assert "12/01/2026" in response.text  # the latest request
