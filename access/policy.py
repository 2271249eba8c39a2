"""The one access policy: who may do what on which social file.

Every view, search, download and API endpoint asks `can()` or starts from `visible_files()`.
The policy is declared as data (POLICY) so that tests enumerate it role by role.
Need to know (art. 36 and 50 of the organic law): being a Django superuser grants no access to file content.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from access.roles import Role

if TYPE_CHECKING:
    from files.models import SocialFile


class Scope(IntEnum):
    NONE = 0
    TEAM = 1  # files whose team is one of the user's teams
    ALL = 2  # every file (or, for an action on no file, simply allowed)


class Action(StrEnum):
    VIEW_FILE = "file.view"  # signalétique, household, requests, timeline
    VIEW_BANK = "file.view_bank"  # bank accounts and payment account changes
    EDIT_FILE = "file.edit"  # identity, addresses, household, bank accounts, file data
    VIEW_REPORTS = "file.view_reports"  # social report, visit reports, follow-up notes
    WRITE_REPORTS = "file.write_reports"
    ADD_REQUEST = "file.add_request"
    ASSIGN_FILE = "file.assign"  # primary social worker, team, status
    CREATE_FILE = "file.create"  # register a person and open a file
    VIEW_ACCESS_LOG = "file.view_access_log"  # who read or changed this file (Consultations)
    ACCESS_REPORT = "person.access_report"  # GDPR art. 15: everything held about a person, and who read it
    MANAGE_USERS = "users.manage"
    VIEW_AUDIT = "audit.view"


_CASEWORK = {
    Action.VIEW_FILE: Scope.TEAM,
    Action.VIEW_BANK: Scope.TEAM,
    Action.EDIT_FILE: Scope.TEAM,
    Action.VIEW_REPORTS: Scope.TEAM,
    Action.WRITE_REPORTS: Scope.TEAM,
    Action.ADD_REQUEST: Scope.TEAM,
    Action.CREATE_FILE: Scope.ALL,
    # The team sees who read its files: papers need not be kept aside "so that Tartempion does not read them".
    Action.VIEW_ACCESS_LOG: Scope.TEAM,
}
# Committee roles read the whole file they decide on; until agendas exist, every file (read only).
_COMMITTEE = {Action.VIEW_FILE: Scope.ALL, Action.VIEW_REPORTS: Scope.ALL}
# Payments and recovery work from identity, bank details and requests, never from the social reports.
_BACK_OFFICE = {Action.VIEW_FILE: Scope.ALL, Action.VIEW_BANK: Scope.ALL}
# Mail and BCSS cells file and fetch for others: identity, household and requests only.
_SUPPORT = {Action.VIEW_FILE: Scope.ALL}

POLICY: dict[Role, dict[Action, Scope]] = {
    Role.SOCIAL_WORKER: _CASEWORK,
    Role.HEAD_SOCIAL_WORKER: {**_CASEWORK, Action.ASSIGN_FILE: Scope.TEAM, Action.ACCESS_REPORT: Scope.TEAM},
    Role.LEGAL_OFFICER: {Action.VIEW_FILE: Scope.ALL, Action.VIEW_REPORTS: Scope.ALL},
    Role.COMMITTEE_MEMBER: _COMMITTEE,
    Role.COMMITTEE_SECRETARY: _COMMITTEE,
    Role.PRESIDENT: _COMMITTEE,
    Role.PAYMENT_CLERK: _BACK_OFFICE,
    Role.RECOVERY_CLERK: _BACK_OFFICE,
    Role.RECEPTION: {
        Action.VIEW_FILE: Scope.ALL,
        Action.ADD_REQUEST: Scope.ALL,
        Action.CREATE_FILE: Scope.ALL,
    },
    Role.MAIL_CLERK: _SUPPORT,
    Role.BCSS_OPERATOR: _SUPPORT,
    Role.ADMIN: {Action.MANAGE_USERS: Scope.ALL},
    Role.SECURITY_OFFICER: {Action.VIEW_AUDIT: Scope.ALL, Action.ACCESS_REPORT: Scope.ALL},
}


def user_roles(user: Any) -> frozenset[str]:
    """The role codes of a user, read once per request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if not hasattr(user, "_access_roles"):
        valid = {r.value for r in Role}
        user._access_roles = frozenset(n for n in user.groups.values_list("name", flat=True) if n in valid)
    return user._access_roles


def user_team_ids(user: Any) -> frozenset[int]:
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    if not hasattr(user, "_access_teams"):
        user._access_teams = frozenset(user.memberships.values_list("team_id", flat=True))
    return user._access_teams


def remember_access(user: Any, *, group_names, team_ids) -> None:
    """Hand the policy a user's groups and teams already loaded (prefetched), sparing its own queries."""
    valid = {r.value for r in Role}
    user._access_roles = frozenset(n for n in group_names if n in valid)
    user._access_teams = frozenset(team_ids)


def scope_for(user: Any, action: Action) -> Scope:
    return max((POLICY[Role(r)].get(action, Scope.NONE) for r in user_roles(user)), default=Scope.NONE)


def _file_of(obj: Any) -> SocialFile:
    return obj if hasattr(obj, "team_id") and hasattr(obj, "reference") else obj.file


def is_head_of(user: Any, file: SocialFile) -> bool:
    return Role.HEAD_SOCIAL_WORKER in user_roles(user) and file.team_id in user_team_ids(user)


def can(user: Any, action: Action, obj: Any = None) -> bool:
    """May `user` take `action` on `obj` (a social file or anything with a `.file`)?

    Without an object, says whether the user may take the action on at least some files.
    """
    scope = scope_for(user, action)
    if scope is Scope.NONE:
        return False
    if obj is None:
        return True
    file = _file_of(obj)
    if scope is Scope.TEAM and file.team_id not in user_team_ids(user):
        return False
    if action == Action.VIEW_REPORTS and getattr(obj, "is_restricted", False):
        return obj.author_id == user.pk or is_head_of(user, file)
    return True


def visible_files(user: Any, action: Action = Action.VIEW_FILE) -> QuerySet[SocialFile]:
    """The social files on which `user` may take `action`, as a queryset to refine."""
    from files.models import SocialFile

    scope = scope_for(user, action)
    if scope is Scope.ALL:
        return SocialFile.objects.all()
    if scope is Scope.TEAM:
        return SocialFile.objects.filter(team_id__in=user_team_ids(user))
    return SocialFile.objects.none()


def restricted_item_filter(user: Any, file: SocialFile, prefix: str = "") -> Q:
    """Filter for items (reports, timeline events) that are restricted to their author and the head."""
    if is_head_of(user, file):
        return Q()
    return Q(**{f"{prefix}is_restricted": False}) | Q(**{f"{prefix}author_id": user.pk})
