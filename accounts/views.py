"""The second step of the log-in (code or enrolment of an authentication app) and the password change."""

from base64 import b32encode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView

from accounts import selectors, services
from accounts.forms import CodeForm
from accounts.qr import qr_svg
from accounts.rules import second_factor_pending
from audit.services import Verb, record


class SecondStepView(FormView):
    """Common ground of the code and enrolment pages: only for a session that still owes the second factor."""

    form_class = CodeForm

    def dispatch(self, request, *args, **kwargs):
        if not second_factor_pending(request.user):
            return redirect(self.next_url())
        self.device = self.get_device()
        if self.device is None:
            return self.elsewhere()
        return super().dispatch(request, *args, **kwargs)

    def next_url(self) -> str:
        wanted = self.request.POST.get("next") or self.request.GET.get("next", "")
        if url_has_allowed_host_and_scheme(
            wanted, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return wanted
        return reverse(settings.LOGIN_REDIRECT_URL)

    def with_next(self, url: str) -> str:
        wanted = self.request.GET.get("next")
        return f"{url}?{self.request.GET.urlencode()}" if wanted else url

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=self.next_url(), **kwargs)

    def form_valid(self, form):
        check = services.check_code(
            request=self.request, device=self.device, token=form.cleaned_data["token"]
        )
        if check.outcome is services.Outcome.ACCEPTED:
            return redirect(self.next_url())
        if check.outcome is services.Outcome.THROTTLED:
            form.add_error(
                "token",
                ngettext(
                    "Trop de codes erronés à la suite. Attendez %(seconds)s seconde avant de réessayer.",
                    "Trop de codes erronés à la suite. Attendez %(seconds)s secondes avant de réessayer.",
                    check.wait_seconds,
                )
                % {"seconds": check.wait_seconds},
            )
        else:
            form.add_error(
                "token",
                _("Ce code est erroné ou a expiré. Saisissez le code affiché à présent."),
            )
        return self.form_invalid(form)


class CodeView(SecondStepView):
    template_name = "accounts/code.html"

    def get_device(self):
        return selectors.confirmed_device(self.request.user)

    def elsewhere(self):
        return redirect(self.with_next(reverse("accounts:enrol")))


class EnrolView(SecondStepView):
    """First log-in: the QR code (and its secret as text) to scan, confirmed by a first code."""

    template_name = "accounts/enrol.html"

    def get_device(self):
        if selectors.confirmed_device(self.request.user) is not None:
            return None  # a second device is never added with the password alone
        return services.pending_enrolment(user=self.request.user)

    def elsewhere(self):
        return redirect(self.with_next(reverse("accounts:code")))

    def get_context_data(self, **kwargs):
        secret = b32encode(self.device.bin_key).decode()
        return super().get_context_data(
            qr_code=qr_svg(self.device.config_url, label=_("Code QR à scanner avec votre application")),
            secret_groups=[secret[i : i + 4] for i in range(0, len(secret), 4)],
            issuer=settings.OTP_TOTP_ISSUER,
            **kwargs,
        )


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy(settings.LOGIN_REDIRECT_URL)

    def form_valid(self, form):
        response = super().form_valid(form)
        record(
            actor=self.request.user,
            verb=Verb.UPDATE,
            target=self.request.user,
            detail={"fields": ["password"]},
            request=self.request,
        )
        messages.success(self.request, _("Votre mot de passe a été changé."))
        return response
