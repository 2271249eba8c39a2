"""Keeps a session that passed only the password away from every page; tells a user their session expired."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from accounts.rules import second_factor_pending


def second_factor_not_required(view):
    """Mark a view reachable before the second factor (the log-in steps themselves, logging out)."""
    view.second_factor_exempt = True
    return view


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return self._anonymous(request, view_func)
        if getattr(view_func, "second_factor_exempt", False) or not second_factor_pending(request.user):
            return None
        url = reverse("accounts:code")
        if request.htmx:
            return HttpResponseClientRedirect(url)  # a whole page, never the code form inside a fragment
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)

    def _anonymous(self, request, view_func):
        # A session cookie whose session is gone: the session ended after inactivity.
        if request.COOKIES.get(settings.SESSION_COOKIE_NAME) and request.session.is_empty():
            minutes = settings.SESSION_COOKIE_AGE // 60
            messages.warning(
                request,
                _("Votre session a expiré après %(minutes)s minutes d’inactivité. Reconnectez-vous.")
                % {"minutes": minutes},
            )
        if request.htmx and getattr(view_func, "login_required", True):
            return HttpResponseClientRedirect(resolve_url(settings.LOGIN_URL))
        return None
