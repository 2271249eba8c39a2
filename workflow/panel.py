"""What a proposal's page shows of the workflow: the next steps, the opinions, the decision and its tasks."""

from workflow import services
from workflow.transitions import available


def panel(user, proposal, queue: str = "") -> dict:
    """Context for workflow/includes/transitions.html and back_office.html (a fixed number of queries)."""
    decision = proposal.decisions.order_by("-decided_on", "-id").first()
    tasks = (
        list(decision.tasks.select_related("assignee", "done_by", "decision__proposal__file"))
        if decision
        else []
    )
    return {
        "transitions": available(user, proposal),
        "opinions": list(proposal.opinions.select_related("author")),
        "decision": decision,
        "tasks": [{"task": t, "may_work": services.may_work_on(user, t)} for t in tasks],
        "may_ratify": bool(decision and decision.urgent and not decision.ratified_on)
        and services.can_ratify(user, decision),
        "queue": queue,
    }
