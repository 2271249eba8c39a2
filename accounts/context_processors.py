from django.conf import settings

from accounts.rules import second_factor_pending


def login_state(request):
    """The demo banner, and whether the session still owes its second factor (then no menus are shown)."""
    return {
        "demo_skips_second_factor": settings.DEMO_SKIP_SECOND_FACTOR,
        "second_factor_pending": second_factor_pending(request.user),
    }
