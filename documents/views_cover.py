"""Imprimer une feuille de garde: from a file's Documents tab or a request, the cover sheet whose QR code
names the file, the request and the document type (documents.cover_sheets), audited as it is printed."""

from django import forms
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from access.policy import Action
from audit.services import Verb, record
from documents.cover_sheets import cover_sheet_pdf
from documents.models import DocumentType
from files.sections import FileSectionMixin


class CoverSheetForm(forms.Form):
    type = forms.ModelChoiceField(  # noqa: A003 - the document's type
        label=_("Type de document"), queryset=DocumentType.objects.filter(active=True)
    )
    request = forms.TypedChoiceField(label=_("Demande"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, requests, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request"].choices = [("", _("Aucune : pièce du dossier"))] + [
            (r.pk, f"{r.get_aid_display()} ({r.requested_on:%d/%m/%Y})") for r in requests
        ]


class CoverSheetView(FileSectionMixin, FormView):
    """Choose the type (and the request; ?demande=<id> preselects it), get the sheet's PDF to print."""

    template_name = "documents/cover_sheet_form.html"
    form_class = CoverSheetForm
    tab = "documents"
    action = Action.ADD_DOCUMENTS

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"requests": list(self.file.requests.order_by("-requested_on"))}

    def get_initial(self):
        requested = self.request.GET.get("demande", "")
        return {"request": int(requested)} if requested.isdigit() else {}

    def form_valid(self, form):
        doc_type, request_id = form.cleaned_data["type"], form.cleaned_data["request"]
        file = self.file
        pdf = cover_sheet_pdf(
            file_reference=file.reference,
            file_id=file.pk,
            request_id=request_id,
            type_code=doc_type.code,
            type_label=doc_type.label,
            person_name=str(file.beneficiary),
        )
        record(
            actor=self.request.user,
            verb=Verb.PRINT,
            target=file,
            file_id=file.pk,
            person_id=file.beneficiary_id,
            detail={"cover_sheet": doc_type.code, "request": request_id},
            request=self.request,
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="feuille-de-garde-{file.pk}-{doc_type.code}.pdf"'
        return response
