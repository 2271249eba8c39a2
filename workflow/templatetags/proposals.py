"""The proposals of a request, on the file's "Demandes et décisions" tab."""

from django import template

from access.policy import Action, can
from workflow.selectors import open_proposal

register = template.Library()


@register.inclusion_tag("workflow/includes/request_proposals.html", takes_context=True)
def request_proposals(context, aid_request):
    """The request's proposals (the page already checked that the user sees the file), and whether the user
    may write one now (none in progress)."""
    user, file = context["request"].user, context["file"]
    return {
        "file": file,
        "aid_request": aid_request,
        "proposals": aid_request.proposals.select_related("aid_type", "category"),
        "can_write": can(user, Action.WRITE_PROPOSAL, file) and open_proposal(aid_request) is None,
    }
