"""The back office works in parallel: a decision creates independent tasks, each in its own queue.

Notify the person (always); set up the payment (when the aid pays); open the advance or recovery (when the aid
says so); register the right with the SPP Intégration sociale (revenu d'intégration, within 7 days).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from access.policy import Action
from aid.models import AidType
from audit.services import Verb, record
from files.models import FileEvent
from files.timeline import record_event
from workflow import deadlines
from workflow.declaration import State
from workflow.models import BackOfficeTask, Decision, Proposal, StepRecord

Kind = BackOfficeTask.Kind
TASK_ACTIONS = {
    Kind.NOTIFY: Action.NOTIFY_DECISION,
    Kind.PAYMENT: Action.SET_UP_PAYMENT,
    Kind.RECOVERY: Action.OPEN_RECOVERY,
    Kind.SPP: Action.REGISTER_SPP,
}
GRANTING = {Decision.Outcome.GRANTED, Decision.Outcome.AMENDED}


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
            wanted.append((Kind.SPP, deadlines.spp_due(day)))
    return wanted


def create_tasks(decision: Decision) -> list[BackOfficeTask]:
    return [
        BackOfficeTask.objects.create(decision=decision, kind=kind, due_on=due)
        for kind, due in tasks_for(decision)
    ]


def complete_if_done(actor, decision: Decision, request=None) -> bool:
    """When every task of the decision is done, the proposal is complete (décision exécutée)."""
    if decision.tasks.exclude(status=BackOfficeTask.Status.DONE).exists():
        return False
    proposal = decision.proposal
    if not Proposal.objects.filter(pk=proposal.pk, state=State.DECIDED).update(state=State.COMPLETED):
        return False
    StepRecord.objects.create(
        proposal=proposal, transition="complete", source=State.DECIDED, target=State.COMPLETED, actor=actor
    )
    record(
        actor=actor,
        verb=Verb.TRANSITION,
        target=proposal,
        file_id=proposal.file_id,
        request=request,
        detail={"transition": "complete", "from": State.DECIDED, "to": State.COMPLETED},
    )
    record_event(
        file=proposal.file,
        kind=FileEvent.Kind.DECISION,
        summary=_("%(aid)s : décision exécutée (toutes les tâches du back-office sont faites)")
        % {"aid": proposal.aid_type.label},
        author=actor,
    )
    return True
