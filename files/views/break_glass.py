"""Accès exceptionnel: open a file of another team by giving a reason (offered by an exact-number search)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView

from access.policy import Action, can, may_break_glass
from access.services import file_id_of_offer, open_break_glass
from config.forms import apply_service_errors
from files.forms import BreakGlassForm
from files.models import SocialFile


class BreakGlassView(FormView):
    template_name = "files/break_glass.html"
    form_class = BreakGlassForm

    def dispatch(self, request, *args, **kwargs):
        if not may_break_glass(request.user):
            raise PermissionDenied
        file_id = file_id_of_offer(request.user, kwargs["token"])
        self.file = SocialFile.objects.select_related("team").filter(pk=file_id).first() if file_id else None
        if self.file is None:
            raise Http404
        if can(request.user, Action.VIEW_FILE, self.file):
            return redirect("files:detail", pk=self.file.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(file=self.file, minutes=settings.BREAK_GLASS_MINUTES)
        return context

    def form_valid(self, form):
        try:
            grant = open_break_glass(
                actor=self.request.user,
                file=self.file,
                reason=form.cleaned_data["reason"],
                request=self.request,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.warning(
            self.request,
            _(
                "Accès exceptionnel ouvert jusqu'à %(time)s. "
                "Il est enregistré et visible par l'équipe du dossier."
            )
            % {"time": timezone.localtime(grant.expires_at).strftime("%H:%M")},
        )
        return redirect("files:detail", pk=self.file.pk)
