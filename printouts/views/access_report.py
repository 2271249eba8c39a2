"""GDPR art. 15: the PDF of everything held about a person, and of every access to it."""

from django.http import FileResponse
from django.utils import timezone

from access.policy import Action
from audit.services import Verb
from printouts import selectors, services
from printouts.pdf import join_pdfs, render_pdf
from printouts.views.frame import FilePrintoutView, file_slug


class AccessReportView(FilePrintoutView):
    action = Action.ACCESS_REPORT
    file_action = Action.ACCESS_REPORT

    def get(self, request, *args, **kwargs):
        user, now = request.user, timezone.now()
        data = selectors.access_report_data(user, self.file)
        person = self.file.beneficiary

        def parts():
            yield render_pdf("printouts/access_report.html", data, user=user, at=now)
            first = True
            for rows in selectors.access_rows_in_chunks(user, person):
                yield render_pdf(
                    "printouts/access_events.html", {"rows": rows, "first": first}, user=user, at=now
                )
                first = False
            if first:
                yield render_pdf(
                    "printouts/access_events.html", {"rows": [], "first": True}, user=user, at=now
                )

        document = join_pdfs(parts())
        services.record_printout(
            actor=user, verb=Verb.EXPORT, target=person, file=self.file, what="access_report", request=request
        )
        response = FileResponse(
            document, content_type="application/pdf", filename=f"rapport-art15-{file_slug(self.file)}.pdf"
        )
        response["Cache-Control"] = "no-store, private"
        return response
