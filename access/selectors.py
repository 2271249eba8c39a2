"""The security adviser's access review: each account, its roles and teams, and how many files it opens."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count

from access.models import Team
from access.policy import (
    Action,
    Scope,
    can,
    remember_access,
    scope_for,
    scopes_for,
    user_roles,
    visible_files,
)
from access.roles import role_label
from files.models import SocialFile


def access_review(user) -> list[dict]:
    """One row per account, in a fixed number of queries whatever the number of accounts."""
    if not can(user, Action.VIEW_AUDIT):
        raise PermissionDenied
    total = SocialFile.objects.count()
    per_team = dict(Team.objects.annotate(n=Count("files")).values_list("pk", "n"))
    accounts = (
        get_user_model()
        .objects.prefetch_related("groups", "memberships__team")
        .order_by("-is_active", "last_name", "first_name", "username")
    )
    rows = []
    for account in accounts:
        remember_access(
            account,
            group_names=[g.name for g in account.groups.all()],
            team_ids=[m.team_id for m in account.memberships.all()],
        )
        scopes = scopes_for(account, Action.VIEW_FILE)
        if not scopes:
            files = 0
        elif Scope.ALL in scopes:
            files = total
        elif scopes == {Scope.TEAM}:
            files = sum(per_team.get(m.team_id, 0) for m in account.memberships.all())
        else:  # one query per councillor (agenda grants), a handful of accounts
            files = visible_files(account).count()
        rows.append(
            {
                "account": account,
                "roles": sorted(role_label(name) for name in user_roles(account)),
                "teams": sorted(m.team.name for m in account.memberships.all()),
                "files": files,
                "reads_reports": scope_for(account, Action.VIEW_REPORTS) is not Scope.NONE,
                "sees_bank": scope_for(account, Action.VIEW_BANK) is not Scope.NONE,
            }
        )
    return rows
