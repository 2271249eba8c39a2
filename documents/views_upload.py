"""Adding documents: several files at once into a file or one of its requests (dropped on the page or chosen),
and a new version of a document. The page answers at once: reading happens in the background."""

from __future__ import annotations

import os

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView

from access.policy import Action, can
from documents import services
from documents.forms import DocumentUploadForm, NewVersionForm
from documents.views import DocumentDetailView, chosen, file_choices
from files.sections import FileSectionMixin


class UploadView(FileSectionMixin, FormView):
    """Ajouter des documents. From a request's row, ?demande=<id> preselects it; from the request's page,
    &retour=demande brings the user back there, to its checklist. A refused file is named next to the field;
    the others are filed, and what was chosen stays selected."""

    template_name = "documents/upload.html"
    form_class = DocumentUploadForm
    tab = "documents"
    action = Action.ADD_DOCUMENTS

    def get_form_kwargs(self):
        return super().get_form_kwargs() | file_choices(self.file)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "can_view": can(self.request.user, Action.VIEW_DOCUMENTS, self.file)
        }

    def get_initial(self):
        requested = self.request.GET.get("demande", "")
        initial = {"request": int(requested)} if requested.isdigit() else {}
        return initial | {"back_to_request": self.request.GET.get("retour") == "demande"}

    def form_valid(self, form):
        data = form.cleaned_data
        linked = chosen(file_choices(self.file), person=data["person"], request=data["request"])
        added, refused = [], []
        for upload in data["files"]:
            name = os.path.basename(upload.name)
            try:
                added.append(
                    services.add_document(
                        user=self.request.user,
                        file=self.file,
                        type=data["type"],
                        data=upload.read(),
                        original_name=name,
                        **linked,
                        document_date=data["document_date"],
                        source=data["source"],
                        title="" if len(data["files"]) == 1 else os.path.splitext(name)[0],
                        confidentiality=data["confidentiality"] or None,
                    )
                )
            except ValidationError as error:
                refused.append(" ".join(error.messages))
        if added:
            messages.success(
                self.request,
                ngettext(
                    "%(count)d document ajouté ; son texte est lu en arrière-plan.",
                    "%(count)d documents ajoutés ; leur texte est lu en arrière-plan.",
                    len(added),
                )
                % {"count": len(added)},
            )
        if refused:
            for reason in refused:
                form.add_error("files", reason)
            return self.form_invalid(form)
        if data["back_to_request"] and data["request"]:  # its checklist shows them; the desk sees it too
            return redirect("files:request", self.file.pk, data["request"])
        if not can(self.request.user, Action.VIEW_DOCUMENTS, self.file):  # the desk adds but does not read
            return redirect("documents:add", self.file.pk)
        listing = reverse("documents:file", args=[self.file.pk])
        return redirect(f"{listing}?request={data['request']}" if data["request"] else listing)


class NewVersionView(DocumentDetailView):
    """A new scan of the document: posted from its page, which shows again with the error if refused."""

    def post(self, request, *args, **kwargs):
        if not self.may_change():
            raise PermissionDenied
        form = NewVersionForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                version = services.add_version(
                    user=request.user,
                    document=self.document,
                    data=upload.read(),
                    original_name=os.path.basename(upload.name),
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(request, _("Version %(number)d ajoutée.") % {"number": version.number})
                return redirect("documents:detail", self.file.pk, self.document.pk)
        return self.render_to_response(self.get_context_data(version_form=form), status=400)
