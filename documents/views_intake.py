"""Documents reçus: send scanner batches and photos to the intake, follow their reading, and sort the pages
left without a readable cover sheet ("Documents à classer")."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from access.policy import Action, can
from audit.services import Verb, record
from documents import content_store, intake, selectors_intake
from documents.forms_intake import DeleteUnsortedForm, FileUnsortedForm, IntakeUploadForm
from documents.models import DocumentType

PAGE_SIZE = 10  # the oldest pages to sort first (each row renders two forms); the count says how many wait


def active_types() -> list[DocumentType]:
    return list(DocumentType.objects.filter(active=True))


class IntakeMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can(request.user, Action.FILE_SCANS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class IntakeView(IntakeMixin, TemplateView):
    """The upload form, the user's latest intakes as the background job reads them (htmx asks again every two
    seconds while one waits or is read, then reloads the page once all are read), and the pages to sort."""

    template_name = "documents/intake.html"

    def get_context_data(self, upload_form=None, failed=None, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["upload_form"] = upload_form or IntakeUploadForm()
        context["intakes"] = list(selectors_intake.recent_intakes(user))
        context["pending"] = any(row.in_progress for row in context["intakes"])
        failed = failed or {}
        types = active_types()
        waiting = selectors_intake.unsorted_pages(user)
        context["unsorted_count"] = waiting.count()
        context["unsorted"] = [
            {
                "pages": pages,
                "file_form": failed.get((pages.pk, "file"))
                or FileUnsortedForm(prefix=f"p{pages.pk}", user=user, types=types),
                "delete_form": failed.get((pages.pk, "delete")) or DeleteUnsortedForm(prefix=f"p{pages.pk}"),
            }
            for pages in waiting[:PAGE_SIZE]
        ]
        return context

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if request.htmx and not response.context_data["pending"]:
            # The last reading ended: the whole page again, with the pages it left to sort.
            response["HX-Refresh"] = "true"
        return response

    def post(self, request):
        form = IntakeUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(upload_form=form), status=400)
        intake.queue(actor=request.user, uploads=form.cleaned_data["scans"], request=request)
        return redirect("intake:page")


class UnsortedActionView(IntakeMixin, View):
    kind = ""

    def post(self, request, pk):
        pages = selectors_intake.get_unsorted(request.user, pk)
        form = self.make_form(request, pages)
        if form.is_valid():
            try:
                message = self.act(pages, form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, message)
                return redirect("intake:page")
        page = IntakeView()
        page.setup(request)
        # By `pk`: a refused action rolled back the pages' deletion, not the pk that delete() cleared.
        context = page.get_context_data(failed={(pk, self.kind): form})
        return page.render_to_response(context, status=400)


class FileUnsortedView(UnsortedActionView):
    kind = "file"

    def make_form(self, request, pages):
        return FileUnsortedForm(request.POST, prefix=f"p{pages.pk}", user=request.user, types=active_types())

    def act(self, pages, data) -> str:
        user = self.request.user
        if data.get("code"):
            intake.file_unsorted_by_code(actor=user, pages=pages, code=data["code"], request=self.request)
            return _("Pages classées avec la lettre %(code)s.") % {"code": intake.as_printed(data["code"])}
        document = intake.file_unsorted(actor=user, pages=pages, file=data["file"], type=data["type"])
        return _("Pages classées dans le dossier %(reference)s : %(title)s.") % {
            "reference": document.file.reference,
            "title": document.title,
        }


class DeleteUnsortedView(UnsortedActionView):
    kind = "delete"

    def make_form(self, request, pages):
        return DeleteUnsortedForm(request.POST, prefix=f"p{pages.pk}")

    def act(self, pages, data) -> str:
        user, reason = self.request.user, data["reason"]
        intake.delete_unsorted(actor=user, pages=pages, reason=reason, request=self.request)
        return _("Pages supprimées.")


class UnsortedPdfView(IntakeMixin, View):
    """The pages to sort, shown in the page's viewer (inline), read through the checked content store."""

    def get(self, request, pk):
        pages = selectors_intake.get_unsorted(request.user, pk)
        data = content_store.read(pages.content)
        record(actor=request.user, verb=Verb.VIEW, target=pages, request=request)
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="a-classer-{pages.pk}.pdf"'
        return response
