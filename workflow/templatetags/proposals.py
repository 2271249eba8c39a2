"""The proposals of a request, on the file's "Demandes et décisions" tab."""

from django import template

from access.policy import Action, can
from workflow.proposals import CLOSED_STATES

register = template.Library()


@register.inclusion_tag("workflow/includes/request_proposals.html", takes_context=True)
def request_proposals(context, aid_request):
    """The request's proposals (the page already checked that the user sees the file), and whether the user
    may write one now (none in progress).

    Reads the proposals the page prefetched with their aid type and category
    (workflow.selectors.requests_with_proposals): no query per request.
    """
    user, file = context["request"].user, context["file"]
    proposals = list(aid_request.proposals.all())
    in_progress = any(p.state not in CLOSED_STATES for p in proposals)
    return {
        "file": file,
        "aid_request": aid_request,
        "proposals": proposals,
        "can_write": can(user, Action.WRITE_PROPOSAL, file) and not in_progress,
    }
