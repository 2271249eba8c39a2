from mail.views import may_see_register


def navigation(request):
    """Whether the top bar links to the incoming mail register (the mail cell, heads of service)."""
    if not request.user.is_authenticated:
        return {}
    return {"nav_incoming_mail": may_see_register(request.user)}
