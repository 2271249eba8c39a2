from access.policy import Action, can
from access.roles import user_roles_labels


def navigation(request):
    """What the top bar needs to show: the user's roles and the menus they may open."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "nav_roles": user_roles_labels(user),
        "nav_can_create_file": can(user, Action.CREATE_FILE),
        "nav_can_manage_users": can(user, Action.MANAGE_USERS),
        "nav_can_view_audit": can(user, Action.VIEW_AUDIT),
        "nav_can_view_dashboard": can(user, Action.VIEW_DASHBOARD),
        "nav_can_dispatch": can(user, Action.DISPATCH_LETTER),
        "nav_can_file_scans": can(user, Action.FILE_SCANS),
    }
