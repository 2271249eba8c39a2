"""Classer des scans: upload scanned returned letters, follow their reading, file or delete what was left;
and the download of a returned copy, through the policy like the letter's own PDF."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from access.policy import Action, can
from audit.services import Verb, record
from letters import selectors, services_scans
from letters.forms_scans import DeleteUnfiledForm, FileByHandForm, ScanUploadForm


class ScanMixin:
    action = Action.FILE_SCANS

    def dispatch(self, request, *args, **kwargs):
        if not can(request.user, self.action):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ScanIntakeView(ScanMixin, TemplateView):
    """The upload form, the user's latest uploads as their background jobs read them, and the scans still to
    file. htmx asks again every two seconds while an upload waits or is read (only the uploads, and the scans
    to file once the last one is done)."""

    template_name = "letters/scans.html"

    def get_template_names(self):
        return ["letters/includes/scan_uploads_poll.html"] if self.request.htmx else [self.template_name]

    def get_context_data(self, upload_form=None, failed=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["upload_form"] = upload_form or ScanUploadForm()
        context["uploads"] = list(selectors.recent_uploads(self.request.user))
        context["pending"] = any(upload.in_progress for upload in context["uploads"])
        failed = failed or {}
        context["unfiled"] = [
            {
                "scan": scan,
                "file_form": failed.get((scan.pk, "file")) or FileByHandForm(prefix=f"scan{scan.pk}"),
                "delete_form": failed.get((scan.pk, "delete")) or DeleteUnfiledForm(prefix=f"scan{scan.pk}"),
            }
            for scan in selectors.unfiled_scans(self.request.user)
        ]
        return context

    def post(self, request):
        form = ScanUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(upload_form=form), status=400)
        services_scans.queue_uploads(actor=request.user, uploads=form.cleaned_data["scans"], request=request)
        return redirect("letters:scans")


class UnfiledActionView(ScanMixin, View):
    """An action on one scan to file; on a mistake, the intake page again with the message next to the field
    and what was typed kept."""

    kind = ""
    form_class: type

    def post(self, request, pk):
        scan = selectors.get_unfiled_scan(request.user, pk)
        form = self.form_class(request.POST, prefix=f"scan{scan.pk}")
        if form.is_valid():
            try:
                message = self.act(scan, form.cleaned_data)
            except ValidationError as error:
                form.add_error(next(iter(form.fields)), error)
            else:
                messages.success(request, message)
                return redirect("letters:scans")
        intake = ScanIntakeView()
        intake.setup(request)
        context = intake.get_context_data(failed={(scan.pk, self.kind): form})
        return intake.render_to_response(context, status=400)


class FileByHandView(UnfiledActionView):
    kind = "file"
    form_class = FileByHandForm

    def act(self, scan, data) -> str:
        copy = services_scans.file_by_hand(
            actor=self.request.user, scan=scan, code=data["code"], request=self.request
        )
        return _("Pages classées avec la lettre %(code)s (dossier %(reference)s).") % {
            "code": copy.letter.code,
            "reference": copy.letter.file.reference,
        }


class DeleteUnfiledView(UnfiledActionView):
    kind = "delete"
    form_class = DeleteUnfiledForm

    def act(self, scan, data) -> str:
        services_scans.delete_unfiled(
            actor=self.request.user, scan=scan, reason=data["reason"], request=self.request
        )
        return _("Pages supprimées.")


class UnfiledPdfView(ScanMixin, View):
    """The pages to file, to read the code printed under a damaged QR code."""

    def get(self, request, pk):
        scan = selectors.get_unfiled_scan(request.user, pk)
        record(actor=request.user, verb=Verb.DOWNLOAD, target=scan, request=request)
        return FileResponse(
            scan.pdf.open("rb"), content_type="application/pdf", filename=f"scan-a-classer-{scan.pk}.pdf"
        )


class ReturnedCopyPdfView(View):
    """A letter's returned copy, through the policy (404 when its file is not visible) and the audit trail."""

    action = Action.VIEW_FILE

    def get(self, request, pk):
        copy = selectors.get_returned_copy(request.user, pk)
        file = copy.letter.file
        record(
            actor=request.user,
            verb=Verb.DOWNLOAD,
            target=copy,
            file_id=file.pk,
            person_id=file.beneficiary_id,
            request=request,
        )
        return FileResponse(
            copy.pdf.open("rb"), content_type="application/pdf", filename=f"{copy.letter.code}-retour.pdf"
        )
