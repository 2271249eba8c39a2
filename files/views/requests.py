"""Demandes: the requests of a file, and registering a new one on the day it is made."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from access.policy import Action, can
from config.forms import apply_service_errors
from files import selectors, services
from files.forms import RequestForm
from files.sections import FileSectionView


class RequestsView(FileSectionView):
    template_name = "files/requests.html"
    tab = "requests"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["requests"] = selectors.requests_of(self.file)
        context["can_add_request"] = can(self.request.user, Action.ADD_REQUEST, self.file)
        if context["can_add_request"]:
            context.setdefault("form", RequestForm())
        return context

    def post(self, request, *args, **kwargs):
        if not can(request.user, Action.ADD_REQUEST, self.file):
            raise PermissionDenied
        form = RequestForm(request.POST)
        if form.is_valid():
            try:
                aid_request = services.add_request(actor=request.user, file=self.file, **form.request_data())
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Demande enregistrée : %(aid)s, du %(date)s.")
                    % {
                        "aid": aid_request.get_aid_display(),
                        "date": aid_request.requested_on.strftime("%d/%m/%Y"),
                    },
                )
                return redirect("files:requests", pk=self.file.pk)
        return self.render_to_response(self.get_context_data(form=form))
