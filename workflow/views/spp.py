"""The SPP Intégration sociale form's data of a decision, as a CSV download (policy and audit trail)."""

import io

from django.http import Http404, HttpResponse
from django.views import View

from access.policy import Action
from audit.export import write_csv
from audit.services import Verb, record
from files.sections import FileSectionMixin
from workflow.models import Decision
from workflow.spp import form_rows


class SppExportView(FileSectionMixin, View):
    """One row per datum (label; value): the clerk copies it into the SPP IS's form B (or B1)."""

    action = Action.EXPORT_SPP
    tab = "requests"

    def load_objects(self) -> None:
        decision = (
            Decision.objects.filter(
                pk=self.kwargs["decision_pk"],
                proposal__file=self.file,
                proposal__aid_type__registers_with_spp=True,
            )
            .select_related("proposal__aid_type", "proposal__category", "proposal__file__beneficiary")
            .first()
        )
        if decision is None:
            raise Http404
        self.decision = decision

    def audit_read(self, request) -> None:
        """The download is an export of the person's data: recorded as such, on the decision and the file."""
        record(
            actor=request.user,
            verb=Verb.EXPORT,
            target=self.decision,
            file_id=self.file.pk,
            person_id=self.file.beneficiary_id,
            detail={"export": "spp_form", "form": self.decision.proposal.aid_type.spp_form},
            request=request,
        )

    def get(self, request, *args, **kwargs):
        buffer = io.StringIO()
        buffer.write("\ufeff")  # so that Excel reads the accents right
        write_csv(buffer, form_rows(self.decision))
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        name = f"spp-formulaire-{self.decision.proposal.aid_type.spp_form or 'x'}-{self.file.reference}"
        response["Content-Disposition"] = f'attachment; filename="{name.replace("/", "-")}.csv"'
        return response
