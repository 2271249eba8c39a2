"""Forms of the documents intake page: send scans, file pages waiting to be sorted, or delete them."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from access.policy import Action, visible_files
from documents.forms import ACCEPT, MultipleFileInput
from documents.models import DocumentType


class ScanFilesField(forms.FileField):
    """Several files at once; each is read by its own job, so that one bad file does not refuse the others."""

    widget = MultipleFileInput(attrs={"accept": ACCEPT})

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            raise ValidationError(_("Choisissez au moins un fichier scanné."), code="required")
        return files


class IntakeUploadForm(forms.Form):
    scans = ScanFilesField(label=_("Fichiers scannés ou photographiés"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scans"].help_text = _(
            "Une pile scannée d'un coup (PDF de plusieurs pages), ou des photos PNG, JPEG, TIFF, plusieurs "
            "fichiers à la fois ; au plus %(size)s et %(pages)d pages par fichier. Chaque feuille de garde "
            "classe les pages qui la suivent par son QR code ; chaque lettre retournée (copie signée ou "
            "revenue par la poste) se classe d'elle-même par le QR code de son identifiant."
        ) % {"size": filesizeformat(settings.SCAN_MAX_BYTES), "pages": settings.SCAN_MAX_PAGES}


class FileUnsortedForm(forms.Form):
    """Where pages waiting to be sorted go: a file found by its reference, its person's NISS or name, and a
    document type; or a returned letter's code typed as printed."""

    file = forms.CharField(label=_("Dossier (référence, NISS ou nom)"), max_length=100, required=False)
    type = forms.TypedChoiceField(  # noqa: A003 - the document's type
        label=_("Type de document"), coerce=int, required=False, empty_value=None
    )
    code = forms.CharField(
        label=_("ou identifiant d'une lettre retournée (imprimé sous son QR code)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "size": 12}),
    )

    def __init__(self, *args, user, types: list[DocumentType], **kwargs):
        """`types`: the active document types, read once for every row of the page."""
        super().__init__(*args, **kwargs)
        self.user = user
        self.types = {doc_type.pk: doc_type for doc_type in types}
        self.fields["type"].choices = [("", "---------")] + [(t.pk, t.label) for t in types]

    def clean(self):
        data = super().clean()
        if data.get("code"):
            return data
        if not data.get("file") or not data.get("type"):
            raise ValidationError(
                _("Indiquez le dossier et le type de document, ou l'identifiant d'une lettre.")
            )
        data["type"] = self.types[data["type"]]
        typed = data["file"].strip()
        digits = "".join(char for char in typed if char.isdigit())
        match = Q(reference__iexact=typed) | Q(beneficiary__last_name__iexact=typed)
        if len(digits) == 11:
            match |= Q(beneficiary__national_number=digits)
        found = list(visible_files(self.user, Action.ADD_DOCUMENTS).filter(match)[:2])
        if len(found) != 1:
            raise ValidationError(
                _("Aucun dossier ne correspond à « %(typed)s ».")
                if not found
                else _("Plusieurs dossiers correspondent à « %(typed)s » : tapez la référence."),
                params={"typed": typed},
            )
        data["file"] = found[0]
        return data


class DeleteUnsortedForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif de la suppression"),
        max_length=300,
        error_messages={"required": _("Indiquez pourquoi ces pages sont supprimées.")},
    )
