"""The security adviser's access review: who can open what, as the policy decides it today."""

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


def row_of(response, username):
    soup = BeautifulSoup(response.content, "html.parser")
    row = next(tr for tr in soup.find_all("tr") if username in tr.get_text())
    return [td.get_text(" ", strip=True) for td in row.find_all("td")]


@pytest.fixture
def mons():
    centre, nimy = TeamFactory(name="Antenne Mons-Centre"), TeamFactory(name="Antenne Nimy")
    for _ in range(3):
        SocialFileFactory(team=centre)
    SocialFileFactory(team=nimy)
    return {"centre": centre, "nimy": nimy}


def test_each_account_shows_its_roles_teams_and_what_it_opens(client, mons):
    UserFactory(username="as.centre", role=Role.SOCIAL_WORKER.value, teams=[mons["centre"]])
    UserFactory(username="paiements", role=Role.PAYMENT_CLERK.value)
    gone = UserFactory(username="ancien", role=Role.SOCIAL_WORKER.value, teams=[mons["nimy"]])
    gone.is_active = False
    gone.save()
    adviser = UserFactory(username="securite", role=Role.SECURITY_OFFICER.value)
    verified_login(client, adviser)
    response = client.get(reverse("access:review"))
    assert row_of(response, "as.centre")[2:7] == [
        "Assistant(e) social(e)",
        "Antenne Mons-Centre",
        "3",
        "oui",
        "oui",
    ]
    assert row_of(response, "paiements")[4:7] == ["4", "non", "oui"]
    assert row_of(response, "ancien")[4] == "0"
    assert "désactivé" in row_of(response, "ancien")[0]
    assert AuditEvent.objects.filter(user=adviser, detail__access_review=True).exists()


def test_the_review_costs_the_same_for_ten_or_forty_accounts(client, mons):
    verified_login(client, UserFactory(role=Role.SECURITY_OFFICER.value))
    counts = []
    for accounts in (10, 30):
        for _ in range(accounts):
            UserFactory(role=Role.SOCIAL_WORKER.value, teams=[mons["centre"], mons["nimy"]])
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("access:review"))
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.SECURITY_OFFICER])
def test_only_the_security_adviser_reviews_access(client, role):
    verified_login(client, UserFactory(role=role.value))
    assert client.get(reverse("access:review")).status_code == 403
