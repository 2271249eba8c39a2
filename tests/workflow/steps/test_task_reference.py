"""The back office sees what it needs, and « Fait » records the reference of the work done elsewhere."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from people.models import BankAccount
from tests.files.conftest import client_for, page_text
from tests.meetings import decide_in_session
from tests.querycount import assert_constant_queries
from tests.workflow.steps.conftest import make_proposal
from workflow import services
from workflow.declaration import State
from workflow.models import BackOfficeTask

pytestmark = pytest.mark.django_db
Kind = BackOfficeTask.Kind
IBAN = "BE71096123456769"


@pytest.fixture
def decision(file, request_, worker, ri, people):
    """A granted revenu d'intégration (notify, payment, SPP), with a recovery task beside them."""
    ri_type, isole = ri
    proposal = make_proposal(
        file,
        request_,
        worker,
        ri_type,
        category=isole,
        state=State.ON_AGENDA,
        amount=Decimal("1314.20"),
        end_on=datetime.date(2027, 4, 30),
    )
    decision = decide_in_session(proposal, "grant", by=people["secretary"])
    BackOfficeTask.objects.create(decision=decision, kind=Kind.RECOVERY, due_on=decision.decided_on)
    return decision


@pytest.fixture
def account(file, decision):
    """The beneficiary's payment account (the one the notification names), with a known IBAN."""
    BankAccount.objects.filter(person=file.beneficiary).delete()
    return BankAccount.objects.create(
        person=file.beneficiary,
        iban=IBAN,
        holder="Jeanne Dupont",
        valid_from=datetime.date(2024, 1, 1),
        is_payment_account=True,
    )


def page_of(decision):
    proposal = decision.proposal
    return reverse("workflow:detail", args=[proposal.file_id, proposal.pk])


def task_url(task):
    proposal = task.decision.proposal
    return reverse("steps:task", args=[proposal.file_id, proposal.pk, task.pk])


CLERKS = {Kind.PAYMENT: "payments", Kind.SPP: "payments", Kind.RECOVERY: "recovery"}
MISSING = {
    Kind.PAYMENT: "Indiquez la référence du paiement",
    Kind.SPP: "Indiquez la référence du formulaire SPP",
    Kind.RECOVERY: "Indiquez le numéro de la créance",
}
LABELS = {
    Kind.PAYMENT: "Référence du paiement",
    Kind.SPP: "Référence du formulaire SPP",
    Kind.RECOVERY: "Numéro de la créance",
}


@pytest.mark.parametrize("kind", [Kind.PAYMENT, Kind.SPP, Kind.RECOVERY])
def test_done_needs_its_reference_which_is_stored_audited_and_in_the_timeline(decision, people, kind):
    task = decision.tasks.get(kind=kind)
    clerk = people[CLERKS[kind]]
    for blank in ("", "   "):
        with pytest.raises(ValidationError) as refused:
            services.set_task_status(
                actor=clerk, task=task, status="done", expected_version=task.version, reference=blank
            )
        assert MISSING[kind] in refused.value.message_dict["reference"][0]
    task.refresh_from_db()
    assert (task.status, task.reference) == (BackOfficeTask.Status.TODO, "")

    services.set_task_status(
        actor=clerk, task=task, status="done", expected_version=task.version, reference="  VIR  2026-77 "
    )
    task.refresh_from_db()
    assert (task.status, task.reference, task.done_by) == (BackOfficeTask.Status.DONE, "VIR 2026-77", clerk)
    event = AuditEvent.objects.filter(target_type="workflow.backofficetask", target_id=str(task.pk)).latest(
        "at"
    )
    assert event.detail["changes"] == {"status": ["todo", "done"], "reference": ["", "VIR 2026-77"]}
    summary = decision.proposal.file.events.filter(kind="back_office").latest("id").summary
    assert summary.endswith(f"fait ({LABELS[kind]} : VIR 2026-77)")
    timeline = page_text(client_for(people["worker"]).get(reverse("files:timeline", args=[task_file(task)])))
    assert f"{LABELS[kind]} : VIR 2026-77" in timeline


def task_file(task):
    return task.decision.proposal.file_id


def test_taking_a_task_and_the_piis_need_no_reference(decision, people, worker):
    payment = decision.tasks.get(kind=Kind.PAYMENT)
    services.set_task_status(
        actor=people["payments"], task=payment, status="in_progress", expected_version=payment.version
    )
    piis = BackOfficeTask.objects.create(decision=decision, kind=Kind.PIIS, due_on=decision.decided_on)
    services.set_task_status(actor=worker, task=piis, status="done", expected_version=piis.version)
    piis.refresh_from_db()
    assert (piis.status, piis.reference) == (BackOfficeTask.Status.DONE, "")


def test_the_form_error_is_french_keeps_what_was_typed_and_the_version_check(decision, people, account):
    task = decision.tasks.get(kind=Kind.PAYMENT)
    client = client_for(people["payments"])
    response = client.post(task_url(task), {"status": "done", "version": task.version, "reference": ""})
    text = page_text(response)
    assert response.status_code == 200
    assert "Le formulaire n'a pas été enregistré" in text
    assert "Indiquez la référence du paiement : elle est requise pour marquer la tâche comme faite." in text
    assert "BE71 0961 2345 6769" in text  # the card comes back whole
    too_long = "VIR-" + "9" * 100
    response = client.post(
        task_url(task),
        {"status": "done", "version": task.version, "reference": too_long, "queue": "paiements"},
    )
    assert f'value="{too_long}"' in response.content.decode()
    assert "au plus 100 caractères" in page_text(response)
    task.refresh_from_db()
    assert task.status == BackOfficeTask.Status.TODO

    # A colleague took it meanwhile: the stale version is refused, nothing recorded.
    services.set_task_status(
        actor=people["payments"], task=task, status="in_progress", expected_version=task.version
    )
    stale = client.post(
        task_url(task), {"status": "done", "version": task.version - 1, "reference": "VIR-1"}, follow=True
    )
    assert "Cette tâche a changé entre-temps" in page_text(stale)
    task.refresh_from_db()
    assert (task.status, task.reference) == (BackOfficeTask.Status.IN_PROGRESS, "")

    done = client.post(
        task_url(task), {"status": "done", "version": task.version, "reference": "VIR-1", "queue": ""}
    )
    assert done.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.reference) == (BackOfficeTask.Status.DONE, "VIR-1")
    assert "Référence du paiement VIR-1" in page_text(client.get(page_of(decision)))


def card(text, title):
    """The text of one task card (under « Back-office »: the holder line above names tasks too)."""
    start = text.index(title, text.rindex("Back-office"))
    return text[start : text.find("Échéance :", text.index("Échéance :", start) + 1)]


def test_the_payment_card_shows_the_account_amount_period_and_first_due_date(decision, people, account):
    text = page_text(client_for(people["payments"]).get(page_of(decision)))
    payment = card(text, "Mettre en place le paiement")
    assert "Compte à payer BE71 0961 2345 6769 – Jeanne Dupont" in payment
    assert "Montant 1.314,20 €" in payment
    assert "Périodicité Mensuelle" in payment
    assert "Période du 02/11/2026 au 30/04/2027" in payment
    assert "Premier paiement 05/11/2026" in payment
    assert "Référence du paiement" in payment  # the field « Fait » needs
    # Reading the account on the card is a read of bank details.
    read = AuditEvent.objects.get(target_type="people.bankaccount", verb="view")
    assert (read.user, read.detail["section"]) == (people["payments"], "payment_task")

    recovery = card(page_text(client_for(people["recovery"]).get(page_of(decision))), "Ouvrir l'avance")
    assert "Montant 1.314,20 €" in recovery and "Période du 02/11/2026 au 30/04/2027" in recovery
    assert f"Décision Octroyée le {decision.decided_on:%d/%m/%Y}" in recovery
    spp = decision.tasks.get(kind=Kind.SPP)
    assert f"À envoyer au plus tard le {spp.due_on:%d/%m/%Y}" in text and "Formulaire B" in text


def test_no_iban_for_a_role_without_bank_details_but_the_amount_still(decision, people, account):
    text = page_text(client_for(people["legal"]).get(page_of(decision)))
    payment = card(text, "Mettre en place le paiement")
    assert "Montant 1.314,20 €" in payment
    # (The notification's text on the page names the account: the legal service writes that letter.)
    assert "BE71" not in payment and "Compte à payer" not in text
    assert not AuditEvent.objects.filter(target_type="people.bankaccount", verb="view").exists()


def test_a_warning_when_there_is_no_payment_account_or_it_is_no_longer_valid(decision, people, file):
    BankAccount.objects.filter(person=file.beneficiary).delete()
    client = client_for(people["payments"])
    assert "Aucun compte de paiement n'est désigné pour cette personne" in page_text(
        client.get(page_of(decision))
    )
    BankAccount.objects.create(
        person=file.beneficiary,
        iban=IBAN,
        holder="Jeanne Dupont",
        valid_from=datetime.date(2020, 1, 1),
        valid_to=datetime.date(2021, 12, 31),
        is_payment_account=True,
    )
    text = page_text(client.get(page_of(decision)))
    assert "Ce compte n'est plus valable depuis le 31/12/2021" in text


def test_an_open_ended_period_says_so(file, request_, worker, ri, people):
    proposal = make_proposal(file, request_, worker, ri[0], category=ri[1], state=State.ON_AGENDA)
    decision = decide_in_session(proposal, "grant", by=people["secretary"])
    text = page_text(client_for(people["payments"]).get(page_of(decision)))
    assert "Période du 02/11/2026, sans date de fin" in text


def test_the_proposal_page_with_its_task_cards_costs_the_same_queries(decision, people, account, file):
    client = client_for(people["payments"])
    url = page_of(decision)

    def grow():
        for n in range(5):
            BankAccount.objects.create(
                person=file.beneficiary,
                iban=f"BE{n}",
                holder="Autre",
                valid_from=datetime.date(2020, 1, 1),
            )
        BackOfficeTask.objects.bulk_create(
            BackOfficeTask(decision=decision, kind=Kind.PIIS_EVALUATION, due_on=decision.decided_on)
            for _ in range(5)
        )

    assert_constant_queries(lambda: client.get(url), grow)
