"""The Documents tab of a file: the list, a document's page with its viewer and versions, its contents served
inline or downloaded. Every read goes through the access policy and the audit trail (Consultations)."""

from __future__ import annotations

import logging

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.generic import FormView

from access.policy import Action, can
from audit.services import Verb, record
from config.forms import apply_service_errors
from documents import content_store, selectors, services
from documents.forms import DocumentChangeForm, DocumentFilterForm, NewVersionForm
from documents.models import DocumentType, DocumentVersion
from files.sections import FileSectionMixin, FileSectionView
from people import selectors as people_selectors

logger = logging.getLogger(__name__)
PENDING = (DocumentVersion.OcrState.PENDING, DocumentVersion.OcrState.RUNNING)


def file_choices(file) -> dict:
    """What the forms offer for a file: its household's members and its requests."""
    household, _former = people_selectors.household(file.beneficiary)
    return {"file": file, "household": household, "requests": list(file.requests.order_by("-requested_on"))}


def chosen(choices: dict, *, person: int | None, request: int | None) -> dict:
    """The person and request objects a form's ids name, among the file's (the form offered only those)."""
    file = choices["file"]
    people = {file.beneficiary_id: file.beneficiary} | {
        link.member_id: link.member for link in choices["household"]
    }
    requests = {r.pk: r for r in choices["requests"]}
    return {"person": people.get(person), "request": requests.get(request)}


class DocumentListView(FileSectionView):
    """The file's documents the user may read, 25 a page, filtered by type, person, request and date."""

    template_name = "documents/list.html"
    tab = "documents"
    action = Action.VIEW_DOCUMENTS
    per_page = 25

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = DocumentFilterForm(
            self.request.GET or None, types=DocumentType.objects.all(), **file_choices(self.file)
        )
        filters = form.filters()
        documents = selectors.file_documents(self.request.user, self.file, filters=filters)
        page = Paginator(documents, self.per_page).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filter_form=form,
            filtered=bool(filters),
            page=page,
            documents=page.object_list,
            query=f"{query.urlencode()}&" if query else "",
            can_add=can(self.request.user, Action.ADD_DOCUMENTS, self.file),
        )
        return context


class DocumentMixin(FileSectionMixin):
    """A page about one document of the file: 404 unless the user may read it, its read audited."""

    tab = "documents"
    action = Action.VIEW_DOCUMENTS

    def load_objects(self) -> None:
        self.document = selectors.get_document(self.request.user, self.file, self.kwargs["doc_pk"])
        if not can(
            self.request.user, Action.VIEW_DOCUMENTS, self.document
        ):  # the selector's rule, asked again
            raise Http404

    def read_target(self):
        return self.document

    def may_change(self) -> bool:
        return can(self.request.user, Action.ADD_DOCUMENTS, self.file)


class DocumentDetailView(DocumentMixin, FileSectionView):
    """Its metadata, the viewer of its current version, its versions, and its reading's state (refreshed by
    htmx while the reading waits or runs: only the state, which is not a read of the document)."""

    template_name = "documents/detail.html"

    def get(self, request, *args, **kwargs):
        if request.htmx:
            return render(request, "documents/includes/reading.html", self.reading_context())
        return super().get(request, *args, **kwargs)

    def audit_read(self, request) -> None:
        if not request.htmx:
            super().audit_read(request)

    def reading_context(self) -> dict:
        current = self.document.current
        return {
            "file": self.file,
            "document": self.document,
            "current": current,
            "pending": current is not None and current.ocr_state in PENDING,
            "can_change": self.may_change(),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.reading_context())
        context["versions"] = selectors.versions_of(self.document)
        context["version_form"] = kwargs.get("version_form") or NewVersionForm()
        sealed = self.document.confidentiality == "sealed"
        context["sealed_readers"] = list(self.document.sealed_readers.order_by("last_name")) if sealed else []
        return context


class ContentView(DocumentMixin, FileSectionView):
    """The bytes of one version: `kind` original or archived (PDF/A); shown inline in the document's page, or
    downloaded with ?telecharger=1. Recorded as a view or a download; a damaged content is never served."""

    def audit_read(self, request) -> None:
        """Recorded in get(), once the version is found: a view or a download of this content."""

    @method_decorator(xframe_options_sameorigin)
    @method_decorator(csp_replace({"frame-ancestors": [SELF]}))
    def get(self, request, *args, **kwargs):
        if kwargs["kind"] not in ("original", "archive"):
            raise Http404
        version = selectors.get_version(self.document, kwargs["number"])
        content = version.archived if kwargs["kind"] == "archive" else version.original
        if content is None:
            return render(
                request,
                "documents/not_ready.html",
                {"file": self.file, "document": self.document},
                status=404,
            )
        download = request.GET.get("telecharger") == "1"
        record(
            actor=request.user,
            verb=Verb.DOWNLOAD if download else Verb.VIEW,
            target=self.document,
            file_id=self.file.pk,
            person_id=self.file.beneficiary_id,
            detail={"section": "documents", "version": version.number, "content": kwargs["kind"]},
            purpose=self.break_glass.reason if self.break_glass else "",
            request=request,
        )
        try:
            data = content_store.read(content)
        except content_store.DamagedContent as error:
            logger.error("document %s version %s: %s", self.document.pk, version.number, error)
            context = {"file": self.file, "document": self.document, "error": str(error)}
            return render(request, "documents/damaged.html", context, status=500)
        response = HttpResponse(data, content_type=content.mime_type)
        name = download_name(version, kwargs["kind"], content.mime_type)
        response["Content-Disposition"] = f'{"attachment" if download else "inline"}; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response


def download_name(version: DocumentVersion, kind: str, mime_type: str) -> str:
    """An ASCII file name for the download: the document's id, version and kind (never its title)."""
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}.get(mime_type, "bin")
    suffix = "pdfa" if kind == "archive" else "original"
    return f"document-{version.document_id}-v{version.number}-{suffix}.{extension}"


class ThumbnailView(DocumentMixin, FileSectionView):
    """The current version's first page in the list: under the policy, not a read of its own in the trail
    (the list's read is recorded)."""

    def audit_read(self, request) -> None:
        pass

    def get(self, request, *args, **kwargs):
        current = self.document.current
        if current is None or current.thumbnail_id is None:
            return HttpResponse(status=404)
        try:
            data = content_store.read(current.thumbnail)
        except content_store.DamagedContent as error:
            logger.error("document %s thumbnail: %s", self.document.pk, error)
            return HttpResponse(status=404)
        response = HttpResponse(data, content_type="image/png")
        response["Cache-Control"] = "private, max-age=3600"
        return response


class ReadAgainView(DocumentMixin, FileSectionView):
    """Relancer la lecture of the current version after a failure."""

    def post(self, request, *args, **kwargs):
        try:
            services.read_again(user=request.user, version=self.document.current)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("La lecture du document est relancée."))
        return redirect("documents:detail", self.file.pk, self.document.pk)


class DocumentChangeView(DocumentMixin, FormView):
    """Correct a document's type, title, date, person, request or level."""

    template_name = "documents/change.html"
    form_class = DocumentChangeForm

    def load_objects(self) -> None:
        super().load_objects()
        if not self.may_change():
            raise PermissionDenied

    def get_form_kwargs(self):
        return super().get_form_kwargs() | file_choices(self.file)

    def get_initial(self):
        d = self.document
        return {
            "title": d.title,
            "type": d.type_id,
            "person": d.person_id,
            "request": d.request_id,
            "document_date": d.document_date,
            "confidentiality": d.confidentiality,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"document": self.document}

    def form_valid(self, form):
        data = form.cleaned_data
        linked = chosen(file_choices(self.file), person=data["person"], request=data["request"])
        try:
            services.change_document(
                user=self.request.user,
                document=self.document,
                title=data["title"],
                type=data["type"],
                document_date=data["document_date"],
                **linked,
                confidentiality=data["confidentiality"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied:
            form.add_error(
                "confidentiality", _("Seuls l'auteur et le chef de service changent le niveau de lecture.")
            )
            return self.form_invalid(form)
        messages.success(self.request, _("Document modifié."))
        return redirect("documents:detail", self.file.pk, self.document.pk)
