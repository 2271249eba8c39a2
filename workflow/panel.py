"""What a proposal's page shows of the workflow: the next steps, the opinions, the decision and its tasks."""

from access.policy import Action, can
from workflow import backoffice, services, task_cards
from workflow.forms_steps import TaskDoneForm
from workflow.models import BackOfficeTask
from workflow.transitions import available


def panel(user, proposal, queue: str = "") -> dict:
    """Context for workflow/includes/transitions.html and back_office.html (a fixed number of queries)."""
    decision = proposal.decisions.order_by("-decided_on", "-id").first()
    tasks = (
        list(
            decision.tasks.select_related(
                "assignee", "done_by", "decision__proposal__file__beneficiary", "decision__proposal__aid_type"
            )
        )
        if decision
        else []
    )
    return {
        "transitions": available(user, proposal),
        # Scheduled: decided only in its meeting, whose item page those who sit in it open from here.
        "agenda_item": proposal.agenda_items.filter(decision__isnull=True)
        .select_related("meeting__body")
        .last()
        if can(user, Action.ATTEND_MEETING)
        else None,
        "opinions": list(proposal.opinions.select_related("author")),
        "decision": decision,
        "tasks": [task_row(user, t, queue) for t in tasks],
        "queue": queue,
    }


def task_row(user, task, queue: str = "", done_form=None) -> dict:
    """A task card: what the clerk needs to do it (workflow.task_cards), the « Fait » form of a task that
    records a reference (`done_form`: the one typed, when it came back with an error); the notify task also
    carries its letter and what the user may do with it."""
    row = {"task": task, "may_work": services.may_work_on(user, task)} | task_cards.facts(user, task)
    if row["may_work"] and task.kind in backoffice.REFERENCES and task.status != BackOfficeTask.Status.DONE:
        row["done_form"] = done_form or TaskDoneForm(
            task=task, initial={"version": task.version, "queue": queue}
        )
    if task.kind == BackOfficeTask.Kind.SPP:
        row["may_export"] = can(user, Action.EXPORT_SPP, task.decision.proposal.file)
    if task.kind == BackOfficeTask.Kind.NOTIFY:
        from letters.models import Kind, Letter
        from letters.services import may_generate

        file = task.decision.proposal.file
        row["letter"] = Letter.objects.filter(decision=task.decision, kind=Kind.NOTIFICATION).last()
        row["may_write"] = may_generate(user, Kind.NOTIFICATION, file)
        row["may_dispatch"] = can(user, Action.DISPATCH_LETTER, file)
    return row
