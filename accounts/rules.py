"""Who must pass the second factor: every account, unless all its roles were relaxed by an administrator."""

from django.conf import settings

from access.policy import user_roles
from accounts.models import RoleLoginRule


def second_factor_required(user) -> bool:
    if settings.DEMO_SKIP_SECOND_FACTOR:
        return False
    roles = user_roles(user)
    if not roles:
        return True  # an account without a role (e.g. a bare superuser) is never relaxed
    relaxed = set(
        RoleLoginRule.objects.filter(role__in=roles, second_factor_required=False).values_list(
            "role", flat=True
        )
    )
    return not roles <= relaxed


def second_factor_pending(user) -> bool:
    """Logged in with the password, but the second factor is still owed for this session."""
    if not getattr(user, "is_authenticated", False):
        return False
    if not hasattr(user, "_second_factor_pending"):  # asked by the middleware and by the templates
        verified = getattr(user, "is_verified", None)
        user._second_factor_pending = not (verified and verified()) and second_factor_required(user)
    return user._second_factor_pending
