"""After a decision: the PIIS to conclude and evaluate as dated tasks, the SPP IS form's deadline and the
export of its data (through the access policy and the audit trail), and the notification's PIIS sentence."""

import csv
import datetime
import html
import io
import re

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils.html import strip_tags

from access.roles import Role
from audit.models import AuditEvent
from files.models import AidRequest
from letters import services as letters
from letters.models import Kind as Kind_
from tests.factories import UserFactory
from tests.files.conftest import client_for, page_text
from tests.meetings import decide_in_session
from tests.workflow.steps.conftest import make_proposal
from workflow import services
from workflow.declaration import State
from workflow.models import BackOfficeTask, Decision
from workflow.notification import render_notification

pytestmark = pytest.mark.django_db
D = datetime.date
Kind = BackOfficeTask.Kind


def granted_ri(file, request_, worker, ri, people, **fields):
    ri_type, isole = ri
    values = {"category": isole, "amount": "1314.20", "start_on": D(2026, 11, 2)} | fields
    proposal = make_proposal(file, request_, worker, ri_type, state=State.ON_AGENDA, **values)
    decision = decide_in_session(proposal, "grant", by=people["secretary"])
    proposal.refresh_from_db()
    return proposal, decision


def test_a_piis_becomes_a_task_due_in_3_months_and_3_dated_evaluations_a_year(
    file, request_, worker, ri, people
):
    proposal, decision = granted_ri(file, request_, worker, ri, people, piis=True, piis_dispensation="")
    day = decision.decided_on

    def months(n):
        return day + relativedelta(months=n)

    tasks = decision.tasks.order_by("due_on")
    assert tasks.get(kind=Kind.PIIS).due_on == months(3)
    assert [t.due_on for t in tasks.filter(kind=Kind.PIIS_EVALUATION)] == [months(4), months(8), months(12)]
    assert tasks.get(kind=Kind.SPP).due_on == D(2026, 11, 2) + datetime.timedelta(days=45)
    # The PIIS follow-up goes on for months: the other tasks done, the decision is executed.
    for task in tasks.exclude(kind__in=[Kind.PIIS, Kind.PIIS_EVALUATION, Kind.NOTIFY]):
        who = people["payments"]
        services.set_task_status(
            actor=who, task=task, status="done", expected_version=task.version, reference="REF-1"
        )
    letter = letters.generate(
        actor=people["legal"], kind=Kind_.NOTIFICATION, file=proposal.file, decision=decision
    )
    letters.dispatch(
        actor=people["legal"],
        letter=letter,
        method="registered",
        sent_on=decision.decided_on,
        registered_number="RR 1 BE",
    )
    proposal.refresh_from_db()
    assert proposal.state == State.COMPLETED
    assert decision.tasks.filter(kind=Kind.PIIS, status="todo").exists()
    # In the social worker's queue, with its deadline.
    page = client_for(worker).get(reverse("queues:queue", args=["piis"]))
    assert "Conclure le projet individualisé d'intégration sociale" in page_text(page)


def test_evaluations_stop_at_the_end_of_the_granted_period_and_follow_the_aid_types_count(
    file, request_, worker, ri, people
):
    ri_type, _ = ri
    ri_type.piis_evaluations_per_year = 4
    ri_type.save()
    _, decision = granted_ri(file, request_, worker, ri, people, piis=True, end_on=D(2027, 6, 30))
    evaluations = decision.tasks.filter(kind=Kind.PIIS_EVALUATION).order_by("due_on")
    assert len(evaluations) == 2  # 3 and 6 months after the decision; 9 and 12 fall after 30/06/2027
    assert all(t.due_on <= D(2027, 6, 30) for t in evaluations)


def spp_rows(response) -> dict[str, str]:
    text = response.content.decode("utf-8-sig")
    return {label: value for label, value in csv.reader(io.StringIO(text), delimiter=";")}


def test_the_spp_form_data_is_exported_from_the_decision(file, request_, worker, ri, people, head):
    person = file.beneficiary
    proposal, decision = granted_ri(file, request_, worker, ri, people, end_on=D(2027, 4, 30))
    url = reverse("steps:spp_export", args=[file.pk, decision.pk])
    response = client_for(people["payments"]).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = spp_rows(response)
    assert rows["Formulaire"] == "B"
    assert rows["NISS ou numéro BIS"] == person.national_number
    assert (rows["Nom"], rows["Prénoms"]) == (person.last_name, person.first_names)
    assert rows["Catégorie"] == ri[1].label
    assert rows["Montant (EUR)"] == "1314.20"
    assert rows["Date d'entrée en vigueur (début de la période)"] == "02/11/2026"
    assert rows["Fin de la période"] == "30/04/2027"
    assert rows["Date de la décision"] == decision.decided_on.strftime("%d/%m/%Y")
    assert rows["Organe"] == "Comité spécial du service social"
    assert rows["À envoyer au plus tard le"] == "17/12/2026"
    event = AuditEvent.objects.filter(verb="export", file_id=file.pk).latest("at")
    assert event.user == people["payments"] and event.detail["form"] == "B"
    assert event.target_type.endswith("decision") and event.target_id == str(decision.pk)
    # The head of the file's team checks it too; the task card offers the download to whoever may.
    assert client_for(head).get(url).status_code == 200
    card = client_for(people["payments"]).get(reverse("workflow:detail", args=[file.pk, proposal.pk]))
    assert (
        url in card.content.decode() and "Formulaire B, à envoyer dans les 45 jours" in card.content.decode()
    )


def test_the_spp_export_is_refused_to_whoever_does_not_send_the_form(
    file, request_, worker, ri, people, team
):
    _, decision = granted_ri(file, request_, worker, ri, people)
    url = reverse("steps:spp_export", args=[file.pk, decision.pk])
    for user in (
        worker,
        people["legal"],
        people["recovery"],
        people["president"],
        UserFactory(role=Role.HEAD_SOCIAL_WORKER),  # another team's head
    ):
        assert client_for(user).get(url).status_code in (403, 404), user
    assert not AuditEvent.objects.filter(verb="export").exists()
    card = client_for(worker).get(reverse("workflow:detail", args=[file.pk, decision.proposal_id]))
    assert url not in card.content.decode()


def test_an_aid_not_subsidised_by_the_spp_has_no_export(file, request_, worker, aid_type, people):
    proposal = make_proposal(file, request_, worker, aid_type, state=State.ON_AGENDA)
    decision = decide_in_session(proposal, "grant", by=people["secretary"])
    url = reverse("steps:spp_export", args=[file.pk, decision.pk])
    assert client_for(people["payments"]).get(url).status_code == 404


def letter_text(proposal, decision=None) -> str:
    return re.sub(r"\s+", " ", html.unescape(strip_tags(render_notification(proposal, decision=decision))))


def test_the_notification_states_the_piis_its_delays_or_why_none_is_required(
    file, request_, worker, ri, people
):
    ri_type, isole = ri
    with_piis = make_proposal(
        file, request_, worker, ri_type, category=isole, piis=True, piis_dispensation=""
    )
    text = letter_text(with_piis)
    assert "liée à un projet individualisé d'intégration sociale (PIIS)" in text
    assert "dans les 3 mois qui suivent cette décision" in text
    assert "délai de réflexion de 5 jours calendrier" in text and "au moins 3 fois par an" in text
    dispensed = make_proposal(
        file,
        request_,
        worker,
        ri_type,
        category=isole,
        piis_dispensation="equity",
        piis_dispensation_reason="Aidant proche d'un parent gravement malade.",
    )
    text = letter_text(dispensed)
    assert "le CPAS vous en dispense pour des raisons d'équité" in text
    assert "Motif de la dispense : Aidant proche d'un parent gravement malade." in text
    # 25 or older, already receiving the revenu d'intégration: no PIIS is required, and the letter says why.
    file.beneficiary.birth_date = D(1970, 3, 3)
    file.beneficiary.save()
    earlier = AidRequest.objects.create(file=file, aid="ri", requested_on=D(2026, 6, 1), registered_by=worker)
    before = make_proposal(file, earlier, worker, ri_type, category=isole, start_on=D(2026, 6, 1))
    Decision.objects.create(proposal=before, outcome="granted", decided_on=D(2026, 6, 20), recorded_by=worker)
    continuing = make_proposal(file, request_, worker, ri_type, category=isole, piis_dispensation="")
    text = letter_text(continuing)
    assert "Aucun projet individualisé d'intégration sociale (PIIS) n'est exigé de vous" in text
    assert "vous avez 25 ans ou plus" in text and "pas un nouveau bénéficiaire" in text
