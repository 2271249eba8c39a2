"""Forms of the Documents tab: filters, the upload of several files, a new version, corrections."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from access.confidentiality import Level
from config.forms import DateField
from documents.models import Document, DocumentType

ACCEPT = "application/pdf,image/png,image/jpeg,image/tiff,.pdf,.png,.jpg,.jpeg,.tif,.tiff"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DocumentFilesField(forms.FileField):
    """Several files at once; each is checked by the service, so that one refused file keeps the others."""

    widget = MultipleFileInput(attrs={"accept": ACCEPT, "class": "drop-input"})

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            raise ValidationError(_("Choisissez au moins un fichier."), code="required")
        return files


def _people_choices(file, household) -> list[tuple[str, str]]:
    people = [file.beneficiary] + [link.member for link in household]
    return [("", _("— le dossier en général —"))] + [(str(p.pk), p.full_name) for p in people]


def _request_choices(requests) -> list[tuple[str, str]]:
    return [("", _("— aucune demande —"))] + [
        (str(r.pk), f"{r.get_aid_display()} – {r.requested_on:%d/%m/%Y}") for r in requests
    ]


class DocumentFilterForm(forms.Form):
    """The tab's filters (GET); an unknown value is ignored rather than refused."""

    type = forms.ModelChoiceField(
        label=_("Type"), queryset=DocumentType.objects.all(), required=False, empty_label=_("Tous")
    )
    person = forms.TypedChoiceField(label=_("Personne"), required=False, coerce=int, empty_value=None)
    request = forms.TypedChoiceField(label=_("Demande"), required=False, coerce=int, empty_value=None)
    date_from = DateField(label=_("Du"), required=False)
    date_to = DateField(label=_("Au"), required=False)

    def __init__(self, *args, file, household, requests, types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].queryset = types
        self.fields["person"].choices = [("", _("Toutes"))] + _people_choices(file, household)[1:]
        self.fields["request"].choices = [("", _("Toutes"))] + _request_choices(requests)[1:]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class DocumentMetadataForm(forms.Form):
    """What the documents are: shared by the upload and by a correction."""

    type = forms.ModelChoiceField(
        label=_("Type de document"),
        queryset=DocumentType.objects.filter(active=True),
        error_messages={"required": _("Choisissez le type de document.")},
    )
    person = forms.TypedChoiceField(
        label=_("Personne concernée"), required=False, coerce=int, empty_value=None
    )
    request = forms.TypedChoiceField(label=_("Demande"), required=False, coerce=int, empty_value=None)
    document_date = DateField(label=_("Date du document"), required=False)

    def __init__(self, *args, file, household, requests, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = _people_choices(file, household)
        self.fields["request"].choices = _request_choices(requests)


class DocumentUploadForm(DocumentMetadataForm):
    files = DocumentFilesField(label=_("Fichiers"))
    source = forms.ChoiceField(
        label=_("Provenance"), choices=Document.Source.choices, initial=Document.Source.DESK
    )
    confidentiality = forms.ChoiceField(
        label=_("Lecture"),
        choices=[("", _("Selon le type de document"))] + Level.choices,
        required=False,
        help_text=_("Un certificat médical n'est lu, par défaut, que par son auteur et le chef de service."),
    )
    # Started from the request's page: the user goes back to its checklist once the documents are added.
    back_to_request = forms.BooleanField(required=False, widget=forms.HiddenInput)
    field_order = ["files", "type", "person", "request", "document_date", "source", "confidentiality"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = _(
            "PDF ou images PNG, JPEG, TIFF (photo prise avec un téléphone) ; plusieurs fichiers à la fois. "
            "Le texte est lu ensuite, en arrière-plan."
        )


class DocumentChangeForm(DocumentMetadataForm):
    title = forms.CharField(label=_("Intitulé"), max_length=200)
    confidentiality = forms.ChoiceField(label=_("Lecture"), choices=Level.choices)
    field_order = ["title", "type", "person", "request", "document_date", "confidentiality"]


class NewVersionForm(forms.Form):
    file = forms.FileField(
        label=_("Nouvelle version (remplace l'actuelle, qui reste consultable)"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": _("Choisissez le fichier de la nouvelle version.")},
    )
