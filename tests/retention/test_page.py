"""The security adviser's page of what is due: who opens it, what it shows, and its constant cost."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from access.roles import Role
from audit.models import AuditEvent
from documents.models import DocumentType
from letters.models import Kind
from retention import holds
from retention.periods import years_before
from tests.factories import UserFactory
from tests.login import verified_login
from tests.querycount import assert_constant_queries
from tests.retention.conftest import add_document, add_letter, at, closed_file, document_type

pytestmark = pytest.mark.django_db
S = DocumentType.RetentionStart
URL = reverse("retention:due")

# Written by hand, not read from the policy: only the security adviser (who is also the DPO) opens it.
EXPECTED = {
    Role.SOCIAL_WORKER: 403,
    Role.HEAD_SOCIAL_WORKER: 403,
    Role.LEGAL_OFFICER: 403,
    Role.COMMITTEE_MEMBER: 403,
    Role.COMMITTEE_SECRETARY: 403,
    Role.PRESIDENT: 403,
    Role.PAYMENT_CLERK: 403,
    Role.RECOVERY_CLERK: 403,
    Role.RECEPTION: 403,
    Role.MAIL_CLERK: 403,
    Role.BCSS_OPERATOR: 403,
    Role.ADMIN: 403,
    Role.SECURITY_OFFICER: 200,
}


def text_of(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


@pytest.fixture
def adviser(db):
    return UserFactory(username="securite", role=Role.SECURITY_OFFICER)


def test_every_role_is_listed_in_the_expectation():
    assert set(EXPECTED) == set(Role)


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_only_the_security_adviser_opens_the_page(client, role):
    verified_login(client, UserFactory(role=role))
    assert client.get(URL).status_code == EXPECTED[role]


def test_a_visitor_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_page_groups_what_is_due_and_coming_with_the_holds(client, adviser, team, worker):
    today = timezone.localdate()
    slip = document_type("fiche", 5, S.DOCUMENT_DATE)
    file = closed_file(team, years_before(today, 3), reference="2026/00077")
    add_document(file, slip, worker, data=b"a", document_date=years_before(today, 6))
    add_document(
        file, slip, worker, data=b"b", document_date=years_before(today, 5) + datetime.timedelta(days=30)
    )
    add_letter(file, Kind.ACKNOWLEDGEMENT, worker, created=at(years_before(today, 7)))
    holds.place_hold(user=UserFactory(role=Role.LEGAL_OFFICER), file=file, reason="Recours pendant")
    verified_login(client, adviser)
    response = client.get(URL)
    assert response.status_code == 200
    text = text_of(response)
    assert "Échu Groupe Nombre Documents : Type fiche 1 Lettres : Accusé de réception de la demande 1" in text
    assert "Dans les 90 prochains jours Groupe Nombre Documents : Type fiche 1" in text
    assert "1 élément." in text and "2026/00077" in text and "Type fiche : 5 ans" in text
    assert "Gel juridique depuis le" in text and "Recours pendant" in text
    assert "Mme Exemple" not in text  # the adviser sees references and rules, never the content
    letters = text_of(client.get(URL, {"quoi": "lettres", "periode": "echu"}))
    assert "Accusé de réception de la demande" in letters and "Anonymisation" in letters
    assert "1 élément." in text_of(client.get(URL, {"quoi": "documents", "periode": "a-venir"}))
    assert AuditEvent.objects.filter(user=adviser, verb="view", detail__security="conservation").exists()
    assert 'aria-current="page">Conservation' in response.content.decode()


def test_the_page_costs_the_same_queries_whatever_the_volume(client, adviser, team, worker):
    today = timezone.localdate()
    slip = document_type("fiche", 5, S.DOCUMENT_DATE)
    verified_login(client, adviser)
    counter = iter(range(1000))

    def grow():
        for _ in range(3):
            file = closed_file(team, years_before(today, 11))
            add_document(
                file, slip, worker, data=f"{next(counter)}".encode(), document_date=years_before(today, 6)
            )
            add_letter(file, Kind.HEARING, worker, created=at(years_before(today, 6)))
            holds.place_hold(user=UserFactory(role=Role.LEGAL_OFFICER), file=file, reason="Recours")

    grow()
    for category in ("documents", "lettres", "dossiers"):
        count = assert_constant_queries(lambda c=category: client.get(URL, {"quoi": c}), grow)
        assert count <= 25, count  # about 13 of its own: rules, six counts, the page, its holds


def test_a_page_beyond_the_last_shows_the_last(client, adviser):
    verified_login(client, adviser)
    assert client.get(URL, {"page": "99", "quoi": "inconnu"}).status_code == 200
