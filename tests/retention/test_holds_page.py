"""The legal service's page of a file's legal holds: reached from the file's header, place and lift, audited,
closed to every other role."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from access.policy import POLICY, Action
from access.roles import Role
from audit.models import AuditEvent
from retention import holds, selectors
from retention.models import LegalHold
from tests.factories import UserFactory
from tests.login import verified_login
from tests.retention.conftest import D, closed_file

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


@pytest.fixture
def file(team):
    return closed_file(team, D(2015, 1, 31), reference="2026/00088")


@pytest.fixture
def legal(client, db):
    user = UserFactory(username="juriste", role=Role.LEGAL_OFFICER)
    verified_login(client, user)
    return user


def test_the_legal_officer_places_and_lifts_a_hold_from_the_files_header(client, legal, file):
    url = reverse("retention:holds", args=[file.pk])
    assert f'href="{url}"' in client.get(reverse("files:detail", args=[file.pk])).content.decode()
    assert "Aucun gel n'a été posé sur ce dossier." in text_of(client.get(url))

    response = client.post(
        url, {"reason": "Recours pendant devant le tribunal du travail", "starts_on": "2026-01-05"}
    )
    assert response.status_code == 302
    hold = LegalHold.objects.get(file=file)
    assert (hold.set_by, hold.starts_on, hold.ends_on) == (legal, D(2026, 1, 5), None)
    page = text_of(client.get(url))
    assert "Gel juridique posé" in page and "Recours pendant devant le tribunal du travail" in page
    assert "En vigueur" in page
    assert selectors.holds_for([file], D(2026, 2, 1))[file.pk]
    assert AuditEvent.objects.filter(user=legal, verb="create", target_id=hold.pk, file_id=file.pk).exists()

    response = client.post(url, {"hold": hold.pk, f"levee-{hold.pk}-lift_reason": "Jugement rendu"})
    assert response.status_code == 302
    hold.refresh_from_db()
    assert hold.lifted_by == legal and hold.lift_reason == "Jugement rendu"
    assert "Levé le" in text_of(client.get(url)) and not selectors.holds_for([file], D(2026, 2, 1))[file.pk]
    assert AuditEvent.objects.filter(user=legal, verb="update", target_id=hold.pk).exists()
    assert AuditEvent.objects.filter(user=legal, verb="view", detail__section="legal_holds").exists()


def test_a_hold_without_reason_or_a_lift_without_reason_is_refused_in_french(client, legal, file):
    url = reverse("retention:holds", args=[file.pk])
    response = client.post(url, {"reason": "", "starts_on": "2026-01-05"})
    assert response.status_code == 400 and "Ce champ est obligatoire." in text_of(response)
    response = client.post(url, {"reason": "Plainte", "starts_on": "2026-01-05", "ends_on": "2025-01-01"})
    assert response.status_code == 400 and "La fin du gel ne peut précéder son début." in text_of(response)
    assert not LegalHold.objects.exists()
    client.post(url, {"reason": "Plainte", "starts_on": "2026-01-05"})
    hold = LegalHold.objects.get()
    response = client.post(url, {"hold": hold.pk, f"levee-{hold.pk}-lift_reason": ""})
    assert response.status_code == 400 and "Ce champ est obligatoire." in text_of(response)
    hold.refresh_from_db()
    assert hold.lifted_at is None


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_only_the_legal_officer_opens_it(client, role, file, team):
    user = UserFactory(role=role, teams=[team])
    verified_login(client, user)
    url = reverse("retention:holds", args=[file.pk])
    # Written by hand: the legal service alone (Action.HOLD_FILE); the others may not, or not see the file.
    if role == Role.LEGAL_OFFICER:
        assert client.get(url).status_code == 200
    else:
        assert client.get(url).status_code in (403, 404)
        assert client.post(url, {"reason": "x", "starts_on": "2026-01-05"}).status_code in (403, 404)
        assert f'href="{url}"' not in client.get(reverse("files:detail", args=[file.pk])).content.decode()
    assert LegalHold.objects.count() == 0


def test_holding_a_file_is_a_right_of_its_own_not_the_opinions(client, legal, file, monkeypatch):
    """Without Action.HOLD_FILE, giving opinions opens neither the page, nor its link, nor the services."""
    legal_rights = POLICY[Role.LEGAL_OFFICER]
    without = {action: scope for action, scope in legal_rights.items() if action != Action.HOLD_FILE}
    monkeypatch.setitem(POLICY, Role.LEGAL_OFFICER, without)
    assert Action.GIVE_OPINION in POLICY[Role.LEGAL_OFFICER]
    url = reverse("retention:holds", args=[file.pk])
    assert client.get(url).status_code == 403
    assert f'href="{url}"' not in client.get(reverse("files:detail", args=[file.pk])).content.decode()
    with pytest.raises(PermissionDenied):
        holds.place_hold(user=legal, file=file, reason="Recours pendant")


def test_the_hold_dates_are_typed_the_french_way(client, legal, file):
    """Like every date of the project, not a browser picker in its own locale's order (issue 14)."""
    soup = BeautifulSoup(client.get(reverse("retention:holds", args=[file.pk])).content, "html.parser")
    for name in ("starts_on", "ends_on"):
        field = soup.find(id=f"id_{name}")
        assert (field["type"], field["placeholder"]) == ("text", "jj/mm/aaaa")
