"""Right to be heard (revenu d'intégration): recording a hearing held before the decision."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from access.policy import Action
from config.forms import apply_service_errors
from files.sections import FileSectionMixin
from workflow import proposals, selectors
from workflow.forms import HearingForm


class HearingView(FileSectionMixin, FormView):
    template_name = "workflow/hearing_form.html"
    tab = "requests"
    action = Action.WRITE_PROPOSAL
    form_class = HearingForm

    def load_objects(self) -> None:
        self.proposal = selectors.get_proposal(self.request.user, self.file, self.kwargs["proposal_pk"])

    def read_target(self):
        return self.proposal

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"proposal": self.proposal}

    def form_valid(self, form):
        try:
            hearing = proposals.record_hearing(
                actor=self.request.user, proposal=self.proposal, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Audition du %(day)s enregistrée.") % {"day": hearing.held_on.strftime("%d/%m/%Y")},
        )
        return redirect("workflow:detail", file_pk=self.file.pk, proposal_pk=self.proposal.pk)
