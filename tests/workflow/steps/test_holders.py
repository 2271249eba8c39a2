"""The social worker sees in the file where each proposal is, who holds it and since when (issue 14, point 2):
« Chez : Service juridique (avis à donner) depuis le 02/12/2026 à 10:14 — 2 jours », on the proposal page and
the file's requests tab, in a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from committee.models import AgendaItem, Body, Meeting
from files.models import AidRequest
from tests.files.conftest import client_for, page_text
from tests.querycount import assert_constant_queries
from tests.workflow.steps.conftest import make_proposal
from workflow.declaration import State
from workflow.holders import age, holder
from workflow.models import BackOfficeTask, Decision

pytestmark = pytest.mark.django_db


def two_days_ago() -> datetime.datetime:
    return timezone.localtime().replace(hour=10, minute=14, second=0, microsecond=0) - datetime.timedelta(
        days=2
    )


@pytest.fixture
def body(people):
    return Body.objects.create(
        kind=Body.Kind.COMMITTEE, president=people["president"], secretary=people["secretary"]
    )


def every_state(file, worker, aid_type, people, body) -> dict[str, object]:
    """A proposal of `file` in each state, each on its own request, at its step since two days at 10:14."""
    found = {}
    for state in State:
        request = AidRequest.objects.create(file=file, aid="financial", registered_by=worker)
        proposal = make_proposal(file, request, worker, aid_type, state=state, documents=False)
        proposal.state_since = two_days_ago()
        proposal.save()
        found[state] = proposal
    meeting = Meeting.objects.create(
        body=body,
        starts_at=timezone.make_aware(datetime.datetime(2026, 12, 9, 14, 0)),
        place="Salle du conseil",
    )
    AgendaItem.objects.create(meeting=meeting, proposal=found[State.ON_AGENDA], number=1)
    decision = Decision.objects.create(
        proposal=found[State.DECIDED], outcome="granted", recorded_by=people["secretary"]
    )
    BackOfficeTask.objects.create(decision=decision, kind="notify", due_on=datetime.date(2026, 12, 10))
    BackOfficeTask.objects.create(
        decision=decision,
        kind="payment",
        due_on=datetime.date(2026, 12, 10),
        status="in_progress",
        assignee=people["payments"],
    )
    BackOfficeTask.objects.create(
        decision=decision, kind="spp", due_on=datetime.date(2026, 12, 10), status="done"
    )
    return found


def test_each_state_names_its_holder_and_since_when(file, worker, aid_type, people, body):
    found = every_state(file, worker, aid_type, people, body)
    since = f"depuis le {two_days_ago():%d/%m/%Y} à 10:14 — 2 jours"
    expected = {
        State.DRAFT: "Chez : Assistant(e) social(e), Amélie Lambert (proposition à terminer) ",
        State.RETURNED: "Chez : Assistant(e) social(e), Amélie Lambert (renvoyée, à corriger) ",
        State.SUBMITTED: "Chez : Chef de service social, Claire Renard (à valider) ",
        State.VALIDATED: "Chez : Chef de service social, Claire Renard (avis à demander",
        State.OPINION_REQUESTED: "Chez : Service juridique (avis à donner) ",
        State.OPINION_GIVEN: "Chez : Chef de service social, Claire Renard (avis reçu, ",
        State.READY: "Chez : Secrétaire du comité, Sam Secrétaire (à inscrire à l'ordre du jour) ",
        State.ON_AGENDA: "Chez : Comité spécial du service social, séance du 09/12/2026 à 14:00 ",
        State.DECIDED: (
            "Chez : Back-office (Notifier la décision : Service juridique ; Mettre en place le paiement : "
            "Service des paiements, Pia Paiements) "
        ),
    }
    for state, start in expected.items():
        line = holder(found[state]).line
        assert line.startswith(start), (state, line)
        assert line.endswith(since), (state, line)
    assert holder(found[State.COMPLETED]) is None


def test_the_age_counts_calendar_days_in_brussels():
    now = timezone.now()
    assert age(now) == "aujourd'hui"
    assert age(now - datetime.timedelta(days=1)) == "1 jour"
    assert age(now - datetime.timedelta(days=12)) == "12 jours"


def test_the_proposal_page_and_the_requests_tab_show_the_line(file, request_, worker, people, aid_type):
    proposal = make_proposal(file, request_, worker, aid_type, state=State.OPINION_REQUESTED)
    proposal.state_since = two_days_ago()
    proposal.save()
    client = client_for(worker)
    line = f"Chez : Service juridique (avis à donner) depuis le {two_days_ago():%d/%m/%Y} à 10:14 — 2 jours"
    assert line in page_text(client.get(reverse("workflow:detail", args=[file.pk, proposal.pk])))
    assert line in page_text(client.get(reverse("files:requests", args=[file.pk])))


def test_the_requests_tab_costs_the_same_queries_with_proposals_in_every_state(
    file, worker, aid_type, people, body
):
    every_state(file, worker, aid_type, people, body)
    client = client_for(worker)
    url = reverse("files:requests", args=[file.pk])
    assert_constant_queries(
        lambda: client.get(url), lambda: every_state(file, worker, aid_type, people, body)
    )
