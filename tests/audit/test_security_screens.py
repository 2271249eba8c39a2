"""The security adviser's screens: break-glass, printed copies, failed log-ins, roles; each as CSV."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from access.roles import Role
from access.services import open_break_glass
from audit.models import AuditEvent
from audit.services import Verb
from tests.factories import SocialFileFactory, TeamFactory, UserFactory
from tests.login import verified_login

pytestmark = pytest.mark.django_db

SCREENS = ["audit:break_glass", "audit:prints", "audit:failed_logins", "access:review", "audit:review"]
REASON = "Remplacement de l'AS en congé maladie, rendez-vous urgent."


@pytest.fixture
def adviser(db):
    return UserFactory(username="securite", role=Role.SECURITY_OFFICER)


@pytest.fixture
def grant(db):
    file = SocialFileFactory(reference="2026/00321", team=TeamFactory(name="Antenne Nimy"))
    on_call = UserFactory(
        username="as.garde",
        first_name="Paul",
        last_name="Garde",
        role=Role.SOCIAL_WORKER,
        teams=[TeamFactory(name="Antenne Ghlin")],
    )
    return open_break_glass(actor=on_call, file=file, reason=REASON)


def text_of(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def csv_of(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:]), delimiter=";"))


def test_break_glass_accesses_are_listed_with_reason_and_pages_read(client, adviser, grant):
    reader = client.__class__()
    verified_login(reader, grant.user)
    reader.get(reverse("files:detail", args=[grant.file.pk]))
    reader.get(reverse("files:timeline", args=[grant.file.pk]))
    verified_login(client, adviser)
    text = text_of(client.get(reverse("audit:break_glass")))
    assert "Paul Garde" in text and "2026/00321" in text and "Antenne Nimy" in text and REASON in text
    rows = csv_of(client.get(reverse("audit:break_glass"), {"format": "csv"}))
    assert rows[0][:3] == ["Ouvert le", "Expire le", "Identifiant"]
    assert rows[1][2:] == ["as.garde", "Paul Garde", "2026/00321", "Antenne Nimy", REASON, "2"]
    export = AuditEvent.objects.get(verb=Verb.EXPORT, user=adviser)
    assert export.detail["export"] == "acces-exceptionnels" and export.detail["rows"] == 1


def test_the_period_filter_applies_to_the_list_and_its_export(client, adviser, grant):
    verified_login(client, adviser)
    response = client.get(reverse("audit:break_glass"), {"day_from": "01/01/2020", "day_to": "31/12/2020"})
    assert REASON not in text_of(response)
    rows = csv_of(client.get(reverse("audit:break_glass"), {"day_to": "31/12/2020", "format": "csv"}))
    assert len(rows) == 1
    response = client.get(reverse("audit:break_glass"), {"day_from": "31/12/2026", "day_to": "01/01/2026"})
    assert "La date de fin précède la date de début." in text_of(response)


def test_printed_copies_are_listed_with_who_and_what(client, adviser):
    file = SocialFileFactory(reference="2026/00654")
    clerk = UserFactory(username="as.centre", role=Role.SOCIAL_WORKER, teams=[file.team])
    printer = verified_login(Client(), clerk)
    assert printer.get(reverse("printouts:file_pdf", args=[file.pk]))["Content-Type"] == "application/pdf"
    printer.post(reverse("printouts:browser_print"), {"path": reverse("files:timeline", args=[file.pk])})
    verified_login(client, adviser)
    text = text_of(client.get(reverse("audit:prints")))
    assert "as.centre" in text and "2026/00654" in text and "Dossier complet (PDF)" in text
    rows = csv_of(client.get(reverse("audit:prints"), {"format": "csv"}))
    page = f"Page imprimée depuis le navigateur : /dossiers/{file.pk}/historique/"
    assert [row[1:5] for row in rows[1:]] == [
        ["as.centre", "impression", "2026/00654", page],
        ["as.centre", "impression", "2026/00654", "Dossier complet (PDF)"],
    ]


def test_failed_logins_and_locked_accounts_are_shown(client, adviser, settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="as.nimy")
    for _ in range(3):
        client.post(reverse("login"), {"username": "as.nimy", "password": "mauvais-mot-de-passe"})
    verified_login(client, adviser)
    response = client.get(reverse("audit:failed_logins"))
    locked = BeautifulSoup(response.content, "html.parser").find(attrs={"aria-labelledby": "locked-title"})
    assert "as.nimy" in locked.get_text() and "3 échecs" in locked.get_text()
    rows = csv_of(client.get(reverse("audit:failed_logins"), {"format": "csv"}))
    assert [row[1:3] for row in rows[1:]] == [["as.nimy", "mot de passe"]] * 3


def test_roles_and_teams_export_lists_every_account(client, adviser):
    UserFactory(
        username="as.centre", role=Role.SOCIAL_WORKER, teams=[TeamFactory(name="Antenne Mons-Centre")]
    )
    verified_login(client, adviser)
    rows = csv_of(client.get(reverse("access:review"), {"format": "csv"}))
    by_user = {row[0]: row for row in rows[1:]}
    assert by_user["as.centre"][3:5] == ["Assistant(e) social(e)", "Antenne Mons-Centre"]
    assert by_user["securite"][3] == "Conseiller en sécurité / DPO"


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.SECURITY_OFFICER])
def test_no_other_role_opens_or_exports_these_screens(client, role):
    verified_login(client, UserFactory(role=role))
    for name in SCREENS:
        assert client.get(reverse(name)).status_code == 403, name
        assert client.get(reverse(name), {"format": "csv"}).status_code == 403, name
    assert not AuditEvent.objects.filter(verb=Verb.EXPORT).exists()
