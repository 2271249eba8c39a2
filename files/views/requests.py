"""Demandes: the requests of a file, and registering a new one on the day it is made."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from access.policy import Action, can
from config.forms import apply_service_errors
from files import services
from files.forms import RequestForm
from files.sections import FileSectionView
from workflow.selectors import attach_holders, requests_with_proposals


class RequestsView(FileSectionView):
    """The file's requests in pages, newest first, each with its proposals, in a fixed number of queries."""

    template_name = "files/requests.html"
    tab = "requests"
    per_page = 25

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        requests = requests_with_proposals(self.request.user, self.file).select_related("registered_by")
        page = Paginator(requests, self.per_page).get_page(self.request.GET.get("page"))
        context["page"] = page
        context["requests"] = list(page.object_list)
        # Where each proposal is, who holds it and since when: one batch for the page.
        attach_holders(p for r in context["requests"] for p in r.proposals.all())
        context["can_add_request"] = can(self.request.user, Action.ADD_REQUEST, self.file)
        context["can_add_documents"] = can(self.request.user, Action.ADD_DOCUMENTS, self.file)
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
