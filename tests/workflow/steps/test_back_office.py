"""A decision creates independent back-office tasks, each in its queue; complete when all are done."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from committee import services as committee
from files.models import AidRequest
from letters import services as letters_services
from tests.files.conftest import client_for, page_text
from tests.meetings import add_to_agenda, body_for, decide_in_session, hold, meeting_today
from tests.workflow.steps.conftest import make_proposal
from workflow import services
from workflow.declaration import State
from workflow.models import BackOfficeTask, Decision
from workflow.queues import proposal_url

pytestmark = pytest.mark.django_db
Kind = BackOfficeTask.Kind


def decide(proposal, who, transition="grant"):
    decision = decide_in_session(proposal, transition, by=who)
    proposal.refresh_from_db()
    return decision


def test_a_granted_revenu_d_integration_notifies_pays_and_registers_with_the_spp(
    file, request_, worker, ri, people
):
    ri_type, isole = ri
    proposal = make_proposal(file, request_, worker, ri_type, category=isole, state=State.ON_AGENDA)
    decision = decide(proposal, people["secretary"])
    tasks = {t.kind: t for t in decision.tasks.all()}
    assert set(tasks) == {Kind.NOTIFY, Kind.PAYMENT, Kind.SPP}
    day = decision.decided_on
    assert tasks[Kind.NOTIFY].due_on >= day + datetime.timedelta(days=8)
    assert tasks[Kind.SPP].due_on >= day + datetime.timedelta(days=7)


def test_a_refusal_only_needs_its_notification(file, request_, worker, aid_type, people):
    proposal = make_proposal(file, request_, worker, aid_type, state=State.ON_AGENDA)
    decision = decide(proposal, people["secretary"], "refuse")
    assert [t.kind for t in decision.tasks.all()] == [Kind.NOTIFY]


def test_each_task_ends_on_its_own_and_the_decision_is_complete_when_all_are(
    file, request_, worker, ri, people, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    ri_type, isole = ri
    proposal = make_proposal(file, request_, worker, ri_type, category=isole, state=State.ON_AGENDA)
    decision = decide(proposal, people["secretary"])
    page = reverse("workflow:detail", args=[file.pk, proposal.pk])
    for kind, who in ((Kind.PAYMENT, "payments"), (Kind.NOTIFY, "legal"), (Kind.SPP, "payments")):
        task = decision.tasks.get(kind=kind)
        client = client_for(people[who])
        url = reverse("steps:task", args=[file.pk, proposal.pk, task.pk])
        assert client.post(url, {"status": "in_progress", "version": task.version}).status_code == 302
        task.refresh_from_db()
        assert (task.status, task.assignee) == (BackOfficeTask.Status.IN_PROGRESS, people[who])
        if kind == Kind.NOTIFY:
            notify_from_the_card(client, page, file, decision)
        else:
            client.post(url, {"status": "done", "version": task.version, "reference": f"REF-{kind}"})
        proposal.refresh_from_db()
        if kind != Kind.SPP:
            assert proposal.state == State.DECIDED  # the others are still open
    assert proposal.state == State.COMPLETED
    text = page_text(client_for(worker).get(page))
    assert "Mettre en place le paiement" in text and "Pia Paiements" in text
    timeline = page_text(client_for(worker).get(reverse("files:timeline", args=[file.pk])))
    assert "Décision exécutée – toutes les tâches du back-office sont faites" in timeline


def other_ready(file, worker, aid_type):
    """A proposal ready for the committee, so that a meeting has an agenda to hold."""
    request = AidRequest.objects.create(file=file, aid="financial", registered_by=worker)
    return make_proposal(file, request, worker, aid_type, state=State.READY)


def notify_from_the_card(client, page, file, decision):
    """The notify card: write the notification, then record its dispatch; each brings back to the proposal."""
    assert "Écrire la notification" in page_text(client.get(page))
    form = {"kind": "notification", "decision": decision.pk, "next": page}
    written = client.post(reverse("letters:file", args=[file.pk]), form)
    assert written.url == page
    letter = decision.letters.get()
    assert "Enregistrer l'envoi" in page_text(client.get(page))
    dispatch = reverse("letters:dispatch", args=[letter.pk]) + f"?next={page}"
    sent = client.post(
        dispatch, {"method": "hand", "sent_on": timezone.localdate().isoformat(), "receipt_signed": "on"}
    )
    assert sent.url == page
    assert f"notifiée le {timezone.localdate():%d/%m/%Y}" in page_text(client.get(page))


def test_the_notify_task_cannot_be_ticked_off_without_its_letter_being_sent(
    file, request_, worker, ri, people
):
    ri_type, isole = ri
    proposal = make_proposal(file, request_, worker, ri_type, category=isole, state=State.ON_AGENDA)
    task = decide(proposal, people["secretary"]).tasks.get(kind=Kind.NOTIFY)
    client = client_for(people["legal"])
    url = reverse("steps:task", args=[file.pk, proposal.pk, task.pk])
    response = client.post(url, {"status": "done", "version": task.version}, follow=True)
    assert "La notification est faite quand son envoi est enregistré" in page_text(response)
    task.refresh_from_db()
    assert task.status == BackOfficeTask.Status.TODO


def test_a_task_is_only_done_by_its_own_service(file, request_, worker, ri, people):
    ri_type, isole = ri
    proposal = make_proposal(file, request_, worker, ri_type, category=isole, state=State.ON_AGENDA)
    payment = decide(proposal, people["secretary"]).tasks.get(kind=Kind.PAYMENT)
    url = reverse("steps:task", args=[file.pk, proposal.pk, payment.pk])
    for who in ("legal", "recovery", "worker"):
        assert (
            client_for(people[who]).post(url, {"status": "done", "version": payment.version}).status_code
            == 403
        )
    payment.refresh_from_db()
    assert payment.status == BackOfficeTask.Status.TODO


def test_the_president_decides_alone_in_urgency_and_the_committee_ratifies(
    file, request_, worker, aid_type, people
):
    proposal = make_proposal(file, request_, worker, aid_type, state=State.SUBMITTED)
    body_for(proposal, secretary=people["secretary"], president=people["president"])
    client = client_for(people["president"])
    url = reverse("steps:take", args=[file.pk, proposal.pk, "urgent_grant"])
    response = client.post(url, {"version": proposal.version})
    assert "le commentaire est requis" in page_text(response)
    client.post(url, {"version": proposal.version, "comment": "Expulsion demain : garantie urgente."})
    decision = Decision.objects.get(proposal=proposal)
    assert decision.urgent and decision.ratified_on is None
    secretary = client_for(people["secretary"])
    queue = page_text(secretary.get(reverse("queues:queue", args=["comite"])))
    assert "Décision urgente à ratifier" in queue and file.reference in queue
    # Ratified only in session: the proposal's page offers no button, the meeting's page does.
    page = page_text(secretary.get(reverse("workflow:detail", args=[file.pk, proposal.pk])))
    assert "à ratifier à la prochaine séance" in page and "Ratifier la décision" not in page
    item = add_to_agenda(other_ready(file, worker, aid_type), meeting_today(body_for(proposal)))
    meeting = hold(item.meeting)
    committee.ratify(actor=meeting.body.secretary, meeting=meeting, decision=decision)
    decision.refresh_from_db()
    assert decision.ratified_on is not None
    assert "Décision urgente à ratifier" not in page_text(
        secretary.get(reverse("queues:queue", args=["comite"]))
    )


def test_the_last_task_done_takes_the_declared_complete_step_through_take(
    file, request_, worker, aid_type, people
):
    """Décision exécutée is a declared step: its record, audit and timeline come from services.take, and
    nobody takes it before the back office is done, neither by a direct call nor on the generic page."""
    proposal = make_proposal(file, request_, worker, aid_type, state=State.ON_AGENDA)
    decision = decide(proposal, people["secretary"], "refuse")  # one task: notify
    version = proposal.version
    with pytest.raises(ValidationError, match="toutes les tâches du back-office sont faites"):
        services.take(
            actor=people["legal"], proposal=proposal, transition="complete", expected_version=version
        )
    url = reverse("steps:take", args=[file.pk, proposal.pk, "complete"])
    assert client_for(people["legal"]).post(url, {"version": version}).status_code == 404
    assert "complete" not in page_text(client_for(people["legal"]).get(proposal_url(proposal)))

    task = decision.tasks.get()
    letter = letters_services.generate(
        actor=people["legal"], kind="notification", file=file, decision=decision
    )
    letters_services.dispatch(  # records the notification date, then tells the workflow
        actor=people["legal"],
        letter=letter,
        method="registered",
        sent_on=timezone.localdate(),
        registered_number="RR 9 BE",
    )
    proposal.refresh_from_db()
    assert (proposal.state, proposal.version) == (State.COMPLETED, version + 1)
    step = proposal.steps.get(transition="complete")
    assert (step.source, step.target, step.actor) == (State.DECIDED, State.COMPLETED, people["legal"])
    audit = AuditEvent.objects.get(verb=AuditEvent.Verb.TRANSITION, detail__transition="complete")
    assert audit.user == people["legal"] and audit.detail["to"] == State.COMPLETED
    assert file.events.filter(summary__contains="Décision exécutée").count() == 1
    task.refresh_from_db()
    assert task.status == BackOfficeTask.Status.DONE
