"""Une demande: what was asked, its proposals, and the checklist of the documents its aid requires, where
missing pieces are waived with a reason (and waivers withdrawn)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from access.policy import Action, can
from files import checklist, waivers
from files.forms import WaiversForm
from files.models import AidRequest
from files.sections import FileSectionView
from workflow.selectors import proposals_of


class RequestView(FileSectionView):
    """The request and its checklist; a POST waives missing pieces (their reasons) or withdraws a waiver."""

    template_name = "files/request.html"
    tab = "requests"

    def load_objects(self) -> None:
        try:
            self.aid_request = self.file.requests.select_related("registered_by").get(
                pk=self.kwargs["request_pk"]
            )
        except AidRequest.DoesNotExist:
            raise Http404 from None
        self.aid_type = checklist.aid_type_of(self.aid_request)
        self.lines = checklist.request_checklist(self.aid_request, aid_type=self.aid_type)
        self.may_waive = waivers.may_waive(self.request.user, self.aid_request)

    def read_target(self):
        return self.aid_request

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        missing = checklist.missing(self.lines)
        if self.may_waive and missing:
            context.setdefault("waivers_form", WaiversForm(lines=missing))
        return context | {
            "aid_request": self.aid_request,
            "aid_type": self.aid_type,
            "lines": checklist.mark_readable(self.request.user, self.file, self.lines),
            "may_waive": self.may_waive,
            "can_add_documents": can(self.request.user, Action.ADD_DOCUMENTS, self.file),
            "proposals": proposals_of(self.request.user, self.file).filter(request=self.aid_request),
        }

    def post(self, request, *args, **kwargs):
        if not self.may_waive:
            raise PermissionDenied
        if "withdraw" in request.POST:
            return self._withdraw(request)
        form = WaiversForm(request.POST, lines=checklist.missing(self.lines))
        if form.is_valid() and not form.reasons():
            form.add_error(None, _("Indiquez le motif de la dispense d'au moins une pièce."))
        if form.is_valid():
            try:
                with transaction.atomic():
                    for document_type, reason in form.reasons():
                        waivers.waive(
                            actor=request.user,
                            aid_request=self.aid_request,
                            document_type=document_type,
                            reason=reason,
                            aid_type=self.aid_type,
                            request=request,
                        )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Dispense enregistrée."))
                return redirect("files:request", pk=self.file.pk, request_pk=self.aid_request.pk)
        return self.render_to_response(self.get_context_data(waivers_form=form))

    def _withdraw(self, request):
        pk = request.POST["withdraw"]
        waivers_of = self.aid_request.waivers.select_related("document_type")
        waiver = waivers_of.filter(pk=pk).first() if pk.isdigit() else None
        if waiver is None:
            messages.error(request, _("Cette dispense n'existe plus."))
        else:
            waivers.withdraw_waiver(actor=request.user, waiver=waiver, request=request)
            messages.success(
                request,
                _("Dispense retirée : « %(piece)s » est de nouveau requise.")
                % {"piece": waiver.document_type},
            )
        return redirect("files:request", pk=self.file.pk, request_pk=self.aid_request.pk)
