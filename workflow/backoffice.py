"""The back office works in parallel: a decision creates independent tasks, each in its own queue.

Notify the person (always); set up the payment (when the aid pays); open the advance or recovery (when the aid
says so); send the SPP Intégration sociale its form within the aid type's delay (form B, 45 days for the
revenu d'intégration); conclude the PIIS within its months and evaluate it several times a year (follow-up
tasks with their own dates, which do not hold back "Décision exécutée").
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from access.policy import Action
from aid.models import AidType
from workflow import deadlines, procedure
from workflow.models import BackOfficeTask, Decision

Kind = BackOfficeTask.Kind
TASK_ACTIONS = {
    Kind.NOTIFY: Action.NOTIFY_DECISION,
    Kind.PAYMENT: Action.SET_UP_PAYMENT,
    Kind.RECOVERY: Action.OPEN_RECOVERY,
    Kind.SPP: Action.REGISTER_SPP,
    # The social worker concludes and evaluates the PIIS with the person.
    Kind.PIIS: Action.WRITE_PROPOSAL,
    Kind.PIIS_EVALUATION: Action.WRITE_PROPOSAL,
}
GRANTING = {Decision.Outcome.GRANTED, Decision.Outcome.AMENDED}
# The tasks whose « Fait » records a reference (the work is found again in the bank's, the SPP's or the
# recovery's own system), with the field's label and the message when it is missing.
REFERENCES = {
    Kind.PAYMENT: (
        _("Référence du paiement"),
        _("Indiquez la référence du paiement : elle est requise pour marquer la tâche comme faite."),
    ),
    Kind.SPP: (
        _("Référence du formulaire SPP"),
        _("Indiquez la référence du formulaire SPP : elle est requise pour marquer la tâche comme faite."),
    ),
    Kind.RECOVERY: (
        _("Numéro de la créance"),
        _("Indiquez le numéro de la créance : il est requis pour marquer la tâche comme faite."),
    ),
}
REFERENCE_MAX = 100  # BackOfficeTask.reference


def tasks_for(decision: Decision) -> list[tuple[str, object]]:
    """(kind, due date) of the tasks a decision needs, read from its aid type."""
    aid: AidType = decision.proposal.aid_type
    day = decision.decided_on
    wanted = [(Kind.NOTIFY, deadlines.notification_due(day))]
    if decision.outcome in GRANTING:
        if aid.payment != AidType.Payment.NONE:
            wanted.append((Kind.PAYMENT, deadlines.notification_due(day)))
        if aid.opens_recovery:
            wanted.append((Kind.RECOVERY, deadlines.notification_due(day)))
        if aid.registers_with_spp:
            wanted.append((Kind.SPP, deadlines.spp_due(day, aid, decision.proposal.start_on)))
        if decision.proposal.piis:
            conclude, evaluations = procedure.piis_deadlines(decision.proposal, day)
            wanted.append((Kind.PIIS, conclude))
            wanted += [(Kind.PIIS_EVALUATION, due) for due in evaluations]
    return wanted


def create_tasks(decision: Decision) -> list[BackOfficeTask]:
    return [
        BackOfficeTask.objects.create(decision=decision, kind=kind, due_on=due)
        for kind, due in tasks_for(decision)
    ]
