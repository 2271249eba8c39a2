"""Documents reçus: send scanner batches and photos to the intake, follow their reading and see what each part
became, and sort the pages left without a readable cover sheet ("Documents à classer"; views_triage.py)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.generic import TemplateView

from access.policy import Action, can
from audit.services import Verb, record
from documents import intake, selectors_intake
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


def unsorted_rows(request, pages_list, *, failed=None) -> list[dict]:
    """The rows of "Documents à classer", each with its forms (a refused one as it was sent). A row shows its
    first page: the list's read is recorded in the audit trail, with the rows it showed, and the thumbnails
    are no read of their own (as in a file's Documents tab)."""
    user, failed, types = request.user, failed or {}, active_types()
    rows = [
        {
            "pages": pages,
            "file_form": failed.get((pages.pk, "file"))
            or FileUnsortedForm(prefix=f"p{pages.pk}", user=user, types=types),
            "delete_form": failed.get((pages.pk, "delete")) or DeleteUnsortedForm(prefix=f"p{pages.pk}"),
        }
        for pages in pages_list
    ]
    if rows:
        shown = [row["pages"].pk for row in rows]
        record(actor=user, verb=Verb.VIEW, detail={"section": "unsorted", "shown": shown}, request=request)
    return rows


def with_outcomes(user, intakes, *, shown) -> list:
    """The intakes, each with `outcomes`: what its parts became (selectors_intake.outcomes)."""
    described = selectors_intake.outcomes(user, intakes, shown=shown)
    for row in intakes:
        row.outcomes = described[row.pk]
    return intakes


class IntakeView(IntakeMixin, TemplateView):
    """The upload form, the user's latest intakes and what their parts became, and the pages to sort.

    While an upload waits or is read, htmx asks every two seconds for the uploads alone (`poll`), so that
    nothing typed in a sorting form is lost; pages to sort that arrived meanwhile are announced, with a
    button that adds them to the list (views_triage.NewRowsView)."""

    template_name = "documents/intake.html"

    def get_context_data(self, upload_form=None, failed=None, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["upload_form"] = upload_form or IntakeUploadForm()
        waiting = selectors_intake.unsorted_pages(user)
        context["unsorted"] = unsorted_rows(self.request, waiting[:PAGE_SIZE], failed=failed)
        context["unsorted_count"] = waiting.count()
        context["seen"] = selectors_intake.latest_unsorted(user)
        shown = {row["pages"].pk for row in context["unsorted"]}
        intakes = list(selectors_intake.recent_intakes(user))
        context["intakes"] = with_outcomes(user, intakes, shown=lambda pk: pk in shown)
        context["pending"] = any(row.in_progress for row in intakes)
        return context

    def get(self, request, *args, **kwargs):
        if request.htmx:
            return self.poll(request)
        return super().get(request, *args, **kwargs)

    def poll(self, request):
        """The uploads again; and, when the number of pages to sort that arrived since the page showed its
        list (`apres`: the newest it knew) is not the one the page announced (`annonce`), the new one."""
        user = request.user
        seen = number_param(request, "apres")
        intakes = list(selectors_intake.recent_intakes(user))
        news = selectors_intake.unsorted_pages(user).filter(pk__gt=seen).count()
        context = {
            "intakes": with_outcomes(user, intakes, shown=lambda pk: pk <= seen),
            "pending": any(row.in_progress for row in intakes),
            "news": news,
            "announce": news != number_param(request, "annonce"),
        }
        return self.response_class(request, "documents/includes/intakes_poll.html", context)

    def post(self, request):
        form = IntakeUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(upload_form=form), status=400)
        intake.queue(actor=request.user, uploads=form.cleaned_data["scans"], request=request)
        return redirect("intake:page")


def number_param(request, name: str) -> int:
    """A pk or a count the page sends back (0 when missing)."""
    text = request.GET.get(name, "")
    return int(text) if text.isdigit() else 0
