"""People see who read their files; the security adviser reviews the whole trail."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from access.roles import Role
from audit.models import AuditEvent
from tests.factories import SocialFileFactory, TeamFactory, UserFactory
from tests.login import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory(name="Antenne Havré")


@pytest.fixture
def file(team):
    return SocialFileFactory(team=team, reference="2026/00777")


def text_of(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_the_files_social_worker_sees_who_opened_it_and_which_screens(client, team, file):
    worker = UserFactory(role=Role.SOCIAL_WORKER.value, teams=[team])
    file.primary_worker = worker
    file.save()
    curious = UserFactory(first_name="Tartempion", last_name="Dupont", role=Role.PAYMENT_CLERK.value)
    verified_login(client, curious)
    client.get(reverse("people:bank", args=[file.pk]))
    client.get(reverse("people:bank", args=[file.pk]))
    verified_login(client, worker)
    text = text_of(client.get(reverse("files:access_log", args=[file.pk])))
    assert "Tartempion Dupont" in text
    assert "Comptes bancaires" in text
    readers = BeautifulSoup(
        client.get(reverse("files:access_log", args=[file.pk])).content, "html.parser"
    ).find(attrs={"aria-labelledby": "readers-title"})
    row = next(tr for tr in readers.find_all("tr") if "Tartempion" in tr.get_text())
    assert "2" in [td.get_text(strip=True) for td in row.find_all("td")]


def test_the_head_of_service_sees_it_but_not_a_colleague_who_does_not_follow_the_file(client, team, file):
    head = UserFactory(role=Role.HEAD_SOCIAL_WORKER.value, teams=[team])
    colleague = UserFactory(role=Role.SOCIAL_WORKER.value, teams=[team])
    verified_login(client, head)
    assert client.get(reverse("files:access_log", args=[file.pk])).status_code == 200
    verified_login(client, colleague)
    assert client.get(reverse("files:detail", args=[file.pk])).status_code == 200
    assert client.get(reverse("files:access_log", args=[file.pk])).status_code == 403


def test_roles_outside_the_team_cannot_read_the_access_log(client, team, file):
    legal = UserFactory(role=Role.LEGAL_OFFICER.value)
    verified_login(client, legal)
    assert client.get(reverse("files:access_log", args=[file.pk])).status_code == 403
    outsider = UserFactory(role=Role.SOCIAL_WORKER.value, teams=[TeamFactory(name="Antenne Spiennes")])
    verified_login(client, outsider)
    assert client.get(reverse("files:access_log", args=[file.pk])).status_code == 404


def test_the_access_log_costs_the_same_whatever_its_length(client, team, file):
    worker = UserFactory(role=Role.SOCIAL_WORKER.value, teams=[team])
    file.primary_worker = worker
    file.save()
    verified_login(client, worker)
    url = reverse("files:access_log", args=[file.pk])
    counts = []
    for readers in (3, 30):
        for _ in range(readers):
            reader = UserFactory(role=Role.SOCIAL_WORKER.value, teams=[team])
            AuditEvent.objects.create(
                user=reader,
                username=reader.username,
                verb="view",
                file_id=file.pk,
                detail={"section": "summary"},
            )
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]


def test_the_security_adviser_filters_the_trail_by_user_and_file(client, team, file):
    worker = UserFactory(username="as.havre", role=Role.SOCIAL_WORKER.value, teams=[team])
    verified_login(client, worker)
    client.get(reverse("files:detail", args=[file.pk]))
    client.get(reverse("search:results"), {"q": "dupont"})
    adviser = UserFactory(role=Role.SECURITY_OFFICER.value)
    verified_login(client, adviser)
    response = client.get(reverse("audit:review"), {"user": worker.pk, "reference": "2026/00777"})
    text = text_of(response)
    assert len(BeautifulSoup(response.content, "html.parser").select("tbody tr")) == 1
    assert "2026/00777" in text
    assert "Consultation" in text
    assert AuditEvent.objects.filter(user=adviser, detail__has_key="audit_review").exists()


def test_a_wrong_period_is_explained(client):
    verified_login(client, UserFactory(role=Role.SECURITY_OFFICER.value))
    text = text_of(client.get(reverse("audit:review"), {"day_from": "10/11/2026", "day_to": "01/11/2026"}))
    assert "La date de fin précède la date de début." in text
    text = text_of(client.get(reverse("audit:review"), {"day_from": "31/02/2026"}))
    assert "Le 31/02/2026 n'existe pas" in text
    assert "jj/mm/aaaa" in text_of(client.get(reverse("audit:review"), {"day_from": "2026-02-31x"}))


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.SECURITY_OFFICER])
def test_only_the_security_adviser_opens_the_whole_trail(client, role):
    verified_login(client, UserFactory(role=role.value))
    assert client.get(reverse("audit:review")).status_code == 403


def test_the_adviser_reads_what_each_person_searched_for(client, team):
    worker = UserFactory(username="as.havre", role=Role.SOCIAL_WORKER.value, teams=[team])
    verified_login(client, worker)
    client.get(reverse("search:results"), {"q": "Lefèvre"})
    verified_login(client, UserFactory(role=Role.SECURITY_OFFICER.value))
    text = text_of(client.get(reverse("audit:review"), {"user": worker.pk, "verb": "search"}))
    assert "« Lefèvre »" in text
