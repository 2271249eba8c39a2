from access.policy import Action, can


def meetings(request):
    """Whether the top bar shows « Séances » (members, president and secretary)."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {"nav_meetings": can(user, Action.ATTEND_MEETING)}
