"""Ctrl+P on any page: app.js sends a beacon and the print is in the audit trail, with its file if any."""

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from tests.login import verified_login
from tests.printouts.conftest import BACKEND, client_for

pytestmark = pytest.mark.django_db
URL = "/impression/"


def test_printing_a_file_page_is_recorded_with_the_file_and_person(colleague, file):
    path = reverse("people:identity", args=[file.pk])
    response = client_for(colleague).post(URL, {"path": path})
    assert response.status_code == 204
    event = AuditEvent.objects.get(verb=AuditEvent.Verb.PRINT)
    assert (event.user, event.detail["path"], event.detail["what"]) == (colleague, path, "page")
    assert (event.file_id, event.person_id) == (file.pk, file.beneficiary_id)


def test_printing_another_page_is_recorded_with_its_path_only(colleague):
    client_for(colleague).post(URL, {"path": "/dossiers/?page=2"})
    event = AuditEvent.objects.get(verb=AuditEvent.Verb.PRINT)
    assert event.detail["path"] == "/dossiers/?page=2" and event.file_id is None


def test_a_file_the_user_may_not_see_is_not_named_on_the_print(outsider, file):
    client_for(outsider).post(URL, {"path": reverse("files:detail", args=[file.pk])})
    assert AuditEvent.objects.get(verb=AuditEvent.Verb.PRINT).file_id is None


def test_the_endpoint_refuses_get_and_bad_input(colleague):
    client = client_for(colleague)
    assert client.get(URL).status_code == 405
    response = client.post(URL, {"path": "https://ailleurs.example/"})
    assert response.status_code == 400
    assert "Adresse de la page imprimée invalide" in response.content.decode()
    assert not AuditEvent.objects.filter(verb=AuditEvent.Verb.PRINT).exists()


def test_the_endpoint_wants_the_csrf_token(colleague):
    client = Client(enforce_csrf_checks=True)
    verified_login(client, colleague, backend=BACKEND)
    assert client.post(URL, {"path": "/dossiers/"}).status_code == 403
    assert not AuditEvent.objects.filter(verb=AuditEvent.Verb.PRINT).exists()


def test_every_page_carries_the_print_only_mention(colleague, file):
    page = client_for(colleague).get(reverse("files:detail", args=[file.pk])).content.decode()
    assert 'class="print-mention"' in page
    assert "Copie imprimée par Bruno Dumont le <span data-print-date>" in page
    assert f'data-print-url="{URL}"' in page
