"""Break-glass: a file of another team opens only with a reason, for a limited time, in full view."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from access.models import BreakGlass
from access.roles import Role
from audit.models import AuditEvent
from files.models import FileEvent
from tests.factories import TeamFactory, UserFactory
from tests.files.conftest import client_for, page_text

pytestmark = pytest.mark.django_db

REASON = "Permanence du jeudi : Mme Dubois se présente sans rendez-vous, son AS est en congé."


@pytest.fixture
def on_call(db):
    return UserFactory(first_name="Paul", last_name="Garde", role=Role.SOCIAL_WORKER, teams=[TeamFactory()])


def offer_url(client, query) -> str:
    page = client.get(reverse("search:results"), {"q": query}).content.decode()
    found = re.search(r'href="(/dossiers/acces-exceptionnel/[^"]+/)"', page)
    return found.group(1) if found else ""


def test_an_exact_national_number_offers_the_file_but_shows_no_name(file, on_call):
    client = client_for(on_call)
    response = client.get(reverse("search:results"), {"q": file.beneficiary.national_number})
    text = page_text(response)
    assert "Dossier d'une autre équipe" in text and file.reference in text and "Antenne Mons-Centre" in text
    assert "Dubois" not in text
    assert offer_url(client, file.reference)
    assert not offer_url(client, "Dubois")  # a name never reveals another team's file
    assert not offer_url(client, file.beneficiary.national_number[:6])


def test_the_file_opens_only_with_a_reason_and_the_access_is_in_full_view(file, report, on_call, worker):
    client = client_for(on_call)
    assert client.get(reverse("files:detail", args=[file.pk])).status_code == 404
    url = offer_url(client, file.beneficiary.national_number)
    response = client.post(url, {"reason": "urgence"})
    assert "au moins 15 caractères" in page_text(response)
    assert client.get(reverse("files:detail", args=[file.pk])).status_code == 404

    response = client.post(url, {"reason": REASON})
    assert response["Location"] == reverse("files:detail", args=[file.pk])
    summary = page_text(client.get(response["Location"]))
    assert "Accès exceptionnel jusqu'à" in summary and "Permanence du jeudi" in summary
    assert client.get(reverse("files:report_detail", args=[file.pk, report.pk])).status_code == 200
    assert client.get(reverse("people:identity_edit", args=[file.pk])).status_code == 403
    assert client.get(reverse("files:assign", args=[file.pk])).status_code == 403

    event = AuditEvent.objects.get(verb=AuditEvent.Verb.BREAK_GLASS)
    assert (event.user, event.file_id, event.purpose) == (on_call, file.pk, REASON)
    reads = AuditEvent.objects.filter(verb=AuditEvent.Verb.VIEW, user=on_call, file_id=file.pk)
    assert reads.count() == 2 and {e.purpose for e in reads} == {REASON}  # each read carries its reason
    team_view = page_text(client_for(worker).get(reverse("files:timeline", args=[file.pk])))
    assert (
        "Accès exceptionnel" in team_view and "Paul Garde" in team_view and "Permanence du jeudi" in team_view
    )
    assert FileEvent.objects.filter(file=file, kind=FileEvent.Kind.BREAK_GLASS).count() == 1
    home = page_text(client.get(reverse("files:my_files")))
    assert "Vos accès exceptionnels en cours" in home and file.reference in home
    consultations = page_text(client_for(worker).get(reverse("files:access_log", args=[file.pk])))
    assert "Paul Garde" in consultations and "Permanence du jeudi" in consultations


@override_settings(BREAK_GLASS_MINUTES=0)
def test_the_access_ends_when_its_time_is_up(file, on_call):
    client = client_for(on_call)
    client.post(offer_url(client, file.reference), {"reason": REASON})
    assert BreakGlass.objects.filter(user=on_call, file=file).exists()
    assert client.get(reverse("files:detail", args=[file.pk])).status_code == 404
    assert file.reference not in page_text(client.get(reverse("search:results"), {"q": "Dubois"}))


def test_an_offer_is_personal_and_cannot_be_forged(file, on_call, outsider):
    url = offer_url(client_for(on_call), file.reference)
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(on_call).get(url[:-3] + "xx/").status_code == 404
    assert not BreakGlass.objects.exists()


@pytest.mark.parametrize("role", [Role.ADMIN, Role.SECURITY_OFFICER])
def test_roles_that_open_no_file_cannot_break_the_glass(file, on_call, role):
    url = offer_url(client_for(on_call), file.reference)
    stranger = UserFactory(role=role)
    assert not offer_url(client_for(stranger), file.reference)
    assert client_for(stranger).get(url).status_code == 403


def test_someone_who_already_sees_the_file_is_sent_straight_to_it(file, worker, on_call):
    url = offer_url(client_for(on_call), file.reference)
    assert not offer_url(client_for(worker), file.reference)
    assert client_for(on_call).get(url).status_code == 200
