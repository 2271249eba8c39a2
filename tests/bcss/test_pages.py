"""The BCSS cell's queue, its Accueil and a registration's page: only the cell sees them, failed ones first,
Fait/Échec recorded with French messages, constant queries."""

import pytest
from django.urls import reverse

from access.roles import Role
from audit.models import AuditEvent
from bcss import services
from bcss.models import AccessRegistration
from files.models import FileEvent
from tests.bcss.data import pending
from tests.factories import TeamFactory, UserFactory
from tests.files.conftest import client_for, page_text
from tests.files.test_long_lists import soup_of
from tests.querycount import assert_constant_queries
from workflow.queue_pages import counts, keys
from workflow.queues import BY_KEY, queues_for

pytestmark = pytest.mark.django_db

QUEUE = reverse("queues:queue", args=["bcss"])
HOME = reverse("home:home")


@pytest.fixture
def cell():
    return UserFactory(role=Role.BCSS_OPERATOR)


def url(registration, **query):
    base = reverse("bcss:detail", kwargs={"pk": registration.pk})
    return base + ("?queue=bcss" if query else "")


def test_only_the_bcss_cell_holds_the_queue(cell):
    team = TeamFactory(name="Antenne Hyon")
    pending(2, team=team)
    assert BY_KEY["bcss"] in queues_for(cell)
    assert dict((q.key, n) for q, n in counts(cell))["bcss"] == 2
    for role in (Role.SOCIAL_WORKER, Role.HEAD_SOCIAL_WORKER, Role.MAIL_CLERK, Role.PAYMENT_CLERK):
        user = UserFactory(role=role, teams=[team])
        assert BY_KEY["bcss"] not in queues_for(user)
        assert client_for(user).get(QUEUE).status_code == 403
        assert client_for(user).get(url(AccessRegistration.objects.first())).status_code == 403


def test_the_queue_lists_the_failed_ones_first(cell):
    first, second, third = pending(3)
    services.record_failure(actor=cell, registration=third, reason="Personne inconnue", expected_version=1)
    services.record_done(actor=cell, registration=second, reference="R", expected_version=1)
    assert [k[3] for k in keys(cell, BY_KEY["bcss"])] == [third.pk, first.pk]
    rows = soup_of(client_for(cell).get(QUEUE)).select("main tbody tr")
    assert len(rows) == 2
    text = rows[0].get_text(" ", strip=True)
    assert (
        third.file.reference in text
        and "Échec" in text
        and "Personne inconnue" in text
        and "Réessayer" in text
    )
    assert "Enregistrer : intégration" in rows[1].get_text(" ", strip=True)


def test_the_cell_lands_on_its_queue(cell):
    registration = pending(1)[0]
    soup = soup_of(client_for(cell).get(HOME))
    assert [h.get_text(strip=True) for h in soup.select("main h2")] == ["Cellule Banque Carrefour"]
    assert soup.select_one("main h3").get_text(" ", strip=True) == "BCSS : intégrations à faire 1"
    link = soup.select_one("main tbody a")
    assert link["href"] == url(registration, queue=True)
    assert "Aucune file de travail" not in soup.get_text()


def test_the_page_shows_what_to_type_and_records_fait(cell):
    registration = pending(1)[0]
    client = client_for(cell)
    text = page_text(client.get(url(registration)))
    person = registration.file.beneficiary
    assert person.national_number_display in text and "Dossier en examen" in text and "REGISTER" in text
    assert registration.message_reference in text and "17 – CPAS" in text
    response = client.post(
        reverse("bcss:done", kwargs={"pk": registration.pk}) + "?queue=bcss",
        {"version": 1, "reference": "BCSS-2026-1"},
        follow=True,
    )
    registration.refresh_from_db()
    assert registration.state == "done" and registration.bcss_reference == "BCSS-2026-1"
    assert "enregistrée comme faite (référence BCSS-2026-1)" in page_text(response)
    assert "La file « BCSS : intégrations à faire » est vide." in page_text(response)
    assert AuditEvent.objects.filter(user=cell, verb="view", target_id=str(registration.pk)).exists()
    assert registration.file.events.filter(kind=FileEvent.Kind.BCSS, summary__contains="BCSS-2026-1").exists()


def test_echec_needs_a_reason_and_keeps_what_was_typed(cell):
    registration = pending(1)[0]
    client = client_for(cell)
    failed = reverse("bcss:failed", kwargs={"pk": registration.pk})
    response = client.post(failed, {"version": 1, "reason": "  "})
    assert response.status_code == 400
    assert "Indiquez pourquoi l'intégration n'a pas pu être faite." in page_text(response)
    response = client.post(failed, {"version": 1, "reason": "Service fermé"}, follow=True)
    assert "Échec enregistré" in page_text(response)
    registration.refresh_from_db()
    assert registration.state == "failed" and registration.error == "Service fermé"


def test_a_colleague_s_outcome_in_between_is_told_and_nothing_is_lost(cell):
    registration = pending(1)[0]
    services.record_failure(actor=cell, registration=registration, reason="x", expected_version=1)
    done = reverse("bcss:done", kwargs={"pk": registration.pk})
    response = client_for(cell).post(done, {"version": 1, "reference": "MA-REF-77"})
    assert response.status_code == 400
    text = page_text(response)
    assert "Quelqu'un d'autre a traité cette intégration entre-temps" in text
    assert 'value="MA-REF-77"' in response.content.decode()
    registration.refresh_from_db()
    assert registration.state == "failed"


@pytest.mark.parametrize("page", [QUEUE, HOME])
def test_the_queue_and_the_cell_s_accueil_cost_the_same_queries_whatever_they_hold(cell, page):
    pending(2)
    client = client_for(cell)

    def grow():
        for registration in pending(30)[:5]:
            services.record_failure(actor=cell, registration=registration, reason="x", expected_version=1)

    assert_constant_queries(lambda: client.get(page), grow)


def test_a_registration_page_costs_the_same_queries_whatever_the_file_s_history(cell):
    registration = pending(1)[0]
    client = client_for(cell)

    def grow():
        for n in range(5):
            row = AccessRegistration.objects.get(pk=registration.pk)
            row.pk, row.message_reference, row.state = None, f"old{n}", "done"
            row.save()

    assert_constant_queries(lambda: client.get(url(registration)), grow)


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_every_role_but_the_cell_is_refused_the_pages(role):
    registration = pending(1)[0]
    client = client_for(UserFactory(role=role.value, teams=[registration.file.team]))
    expected = 200 if role == Role.BCSS_OPERATOR else 403
    assert client.get(url(registration)).status_code == expected
    assert client.get(QUEUE).status_code == expected
    done = reverse("bcss:done", kwargs={"pk": registration.pk})
    if expected == 403:
        assert client.post(done, {"version": 1, "reference": "R"}).status_code == 403
        assert AccessRegistration.objects.get(pk=registration.pk).state == "todo"
