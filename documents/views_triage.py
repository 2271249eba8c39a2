"""Documents à classer, on the Documents reçus page: each row's first page, its PDF, the files suggested as
the clerk types and the chosen file's requests, filing or deleting it; and the rows that arrived since the
page showed its list."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from audit.services import Verb, record
from documents import content_store, intake, selectors_intake
from documents.forms_intake import DeleteUnsortedForm, FileUnsortedForm, request_choices, requests_of
from documents.views_intake import (
    PAGE_SIZE,
    IntakeMixin,
    IntakeView,
    active_types,
    number_param,
    unsorted_rows,
)

MIN_SUGGESTION_LENGTH = 3  # as the top bar's search


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
        document = intake.file_unsorted(
            actor=user, pages=pages, file=data["file"], type=data["type"], request=data["request"]
        )
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


class UnsortedThumbnailView(IntakeMixin, View):
    """The first page of a row, under the policy; not a read of its own in the trail, as a document's
    thumbnail: the list that shows it is recorded (views_intake.unsorted_rows)."""

    def get(self, request, pk):
        pages = selectors_intake.get_unsorted(request.user, pk)
        try:
            data = content_store.read(intake.thumbnail_of(pages))
        except content_store.DamagedContent:
            return HttpResponse(status=404)
        response = HttpResponse(data, content_type="image/png")
        response["Cache-Control"] = "private, max-age=3600"  # the pages of a row never change
        return response


class NewRowsView(IntakeMixin, View):
    """The rows that arrived since the page showed its list (`apres`: the newest it knew), oldest first, a
    page at most, added at the end of the list without touching the forms above."""

    def get(self, request):
        user = request.user
        seen = number_param(request, "apres")
        waiting = selectors_intake.unsorted_pages(user)
        rows = unsorted_rows(request, waiting.filter(pk__gt=seen).order_by("pk")[:PAGE_SIZE])
        latest = rows[-1]["pages"].pk if rows else seen
        context = {
            "unsorted": rows,
            "seen": latest,
            "news": waiting.filter(pk__gt=latest).count(),
            "added": len(rows),
            "unsorted_count": waiting.count(),
        }
        return render(request, "documents/includes/unsorted_new.html", context)


class FileSuggestionsView(IntakeMixin, View):
    """The files matching what the clerk typed in a row's "Dossier" field (3 characters or more), among those
    they may add documents to: reference, name, birth date. Recorded as the top bar's live search is."""

    def get(self, request, pk):
        typed = request.GET.get(f"p{pk}-file", "").strip()[:100]
        files = []
        if len(typed) >= MIN_SUGGESTION_LENGTH:
            files = selectors_intake.files_to_suggest(request.user, typed)
            detail = {"query": typed, "results": len(files), "live": True, "section": "unsorted"}
            record(actor=request.user, verb=Verb.SEARCH, detail=detail, request=request)
        context = {"files": files, "typed": typed, "field_id": f"id_p{pk}-file"}
        return render(request, "documents/includes/file_suggestions.html", context)


class RequestOptionsView(IntakeMixin, View):
    """The <option>s of a row's "Demande" field: the requests of the one file its "Dossier" field names (a
    read of that file's requests, recorded), or none."""

    def get(self, request, pk):
        found = selectors_intake.files_named(request.user, request.GET.get(f"p{pk}-file", "")[:100])
        requests = []
        if len(found) == 1:
            file = found[0]
            requests = requests_of(file)
            detail = {"section": "requests"}
            record(actor=request.user, verb=Verb.VIEW, target=file, detail=detail, request=request)
        choices = request_choices(requests)
        return render(request, "documents/includes/request_options.html", {"choices": choices})
