"""Who may do what with an incoming mail, read from the access policy's actions and scopes.

The policy gives REGISTER_MAIL (the mail cell: every mail) and ASSIGN_MAIL (a head of service, scope TEAM:
the mail routed to one of their teams). A mail is not a file, so its team is matched here the way the policy
matches a file's team. Readers: the mail cell, the head of the service it is routed to, its agent, and
whoever may read the documents of the file it is linked to (once filed, of the document it became).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from access.policy import POLICY, Action, Scope, can, file_reach, scopes_for, user_team_ids
from mail.models import IncomingMail


def is_clerk(user: Any) -> bool:
    return can(user, Action.REGISTER_MAIL)


def heads_team(user: Any, team_id: int | None) -> bool:
    """Does the user give out (ASSIGN_MAIL) the mail routed to this team?"""
    if team_id is None:
        return False
    scopes = scopes_for(user, Action.ASSIGN_MAIL)
    return Scope.ALL in scopes or (Scope.TEAM in scopes and team_id in user_team_ids(user))


def handles(user: Any, mail: IncomingMail) -> bool:
    """The people who work on the mail itself: the mail cell, the head of its service, its agent."""
    return is_clerk(user) or heads_team(user, mail.team_id) or mail.assignee_id == user.pk


def may_view(user: Any, mail: IncomingMail) -> bool:
    return handles(user, mail) or (mail.file_id is not None and can(user, Action.VIEW_DOCUMENTS, mail.file))


def may_read_content(user: Any, mail: IncomingMail) -> bool:
    """The scan: those who handle the paper; a reader of the file through the document's confidentiality
    once it is one (a document restricted later stays restricted here)."""
    if handles(user, mail):
        return True
    if mail.document_id is not None:
        return can(user, Action.VIEW_DOCUMENTS, mail.document)
    return mail.file_id is not None and can(user, Action.VIEW_DOCUMENTS, mail.file)


def may_route(user: Any, mail: IncomingMail) -> bool:
    return is_clerk(user)


def may_assign(user: Any, mail: IncomingMail) -> bool:
    # The head of the service, not the mail cell: the head knows who in the team has room and who follows
    # the file; the mail cell only knows which service a letter is for.
    return heads_team(user, mail.team_id)


def may_handle(user: Any, mail: IncomingMail) -> bool:
    return mail.assignee_id == user.pk or heads_team(user, mail.team_id)


def assignable_agents(team_id: int) -> QuerySet:
    """The members of the service a head may give mail to: those who may add documents (handling a mail
    ends with filing it), as the "Courrier à traiter" queue is shown to them."""
    from django.contrib.auth import get_user_model

    roles = [role.value for role, actions in POLICY.items() if Action.ADD_DOCUMENTS in actions]
    users = get_user_model().objects.filter(is_active=True, memberships__team_id=team_id)
    return users.filter(groups__name__in=roles).distinct().order_by("last_name", "first_name")


def may_link(user: Any, mail: IncomingMail, file: Any) -> bool:
    """Linking a mail to a file, or filing it there, adds a document to that file."""
    return handles(user, mail) and can(user, Action.ADD_DOCUMENTS, file)


def visible_q(user: Any) -> Q | None:
    """may_view() as a filter on IncomingMail (None: no mail at all)."""
    if is_clerk(user):
        return Q()
    scopes = scopes_for(user, Action.ASSIGN_MAIL)
    if Scope.ALL in scopes:
        return Q()
    if not getattr(user, "is_authenticated", False):
        return None
    found = Q(assignee_id=user.pk)
    if Scope.TEAM in scopes:
        found |= Q(team_id__in=user_team_ids(user))
    reach = file_reach(user, Action.VIEW_DOCUMENTS, "file__")
    if reach is not None:
        found |= Q(file__isnull=False) & reach
    return found
