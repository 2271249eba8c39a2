"""Imprimer le dossier (PDF) and Imprimer (PDF) of one report: printed copies bearing who printed them."""

from django.utils import timezone

from access.policy import Action
from audit.services import Verb
from printouts import selectors, services
from printouts.pdf import render_pdf
from printouts.views.frame import FilePrintoutView, file_slug, pdf_response


class FilePdfView(FilePrintoutView):
    action = Action.VIEW_FILE

    def get(self, request, *args, **kwargs):
        now = timezone.now()
        data = selectors.file_printout(request.user, self.file)
        pdf = render_pdf("printouts/file.html", data, user=request.user, at=now)
        services.record_printout(
            actor=request.user,
            verb=Verb.PRINT,
            target=self.file,
            file=self.file,
            what="file",
            request=request,
        )
        return pdf_response(pdf, f"dossier-{file_slug(self.file)}.pdf")


class ReportPdfView(FilePrintoutView):
    action = Action.VIEW_REPORTS

    def load_objects(self) -> None:
        self.report = selectors.report_to_print(self.request.user, self.file, self.kwargs["report_pk"])

    def get(self, request, *args, **kwargs):
        context = {"file": self.file, "person": self.file.beneficiary, "report": self.report}
        pdf = render_pdf("printouts/report.html", context, user=request.user, at=timezone.now())
        services.record_printout(
            actor=request.user,
            verb=Verb.PRINT,
            target=self.report,
            file=self.file,
            what="report",
            request=request,
        )
        return pdf_response(pdf, f"rapport-{file_slug(self.file)}-{self.report.pk}.pdf")
