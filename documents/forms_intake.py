"""Forms of the documents intake page: send scans, file pages waiting to be sorted, or delete them."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from documents.forms import ACCEPT, MultipleFileInput
from documents.models import DocumentType
from documents.selectors_intake import files_named
from files.models import AidRequest


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
    """Where pages waiting to be sorted go: a file found by its reference, its person's NISS or name (the page
    suggests files as the clerk types), a document type and, if it is about one, one of the file's requests;
    or a returned letter's code typed as printed."""

    file = forms.CharField(
        label=_("Dossier (référence, NISS ou nom)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    type = forms.TypedChoiceField(  # noqa: A003 - the document's type
        label=_("Type de document"), coerce=int, required=False, empty_value=None
    )
    request = forms.TypedChoiceField(
        label=_("Demande (si le document en concerne une)"), coerce=int, required=False, empty_value=None
    )
    code = forms.CharField(
        label=_("ou identifiant d'une lettre retournée (imprimé sous son QR code)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "size": 12}),
    )

    def __init__(self, *args, user, types: list[DocumentType], **kwargs):
        """`types`: the active document types, read once for every row of the page. A form sent looks its
        file up at once, so that its requests are offered again if it is refused."""
        super().__init__(*args, **kwargs)
        self.user = user
        self.types = {doc_type.pk: doc_type for doc_type in types}
        self.fields["type"].choices = [("", "---------")] + [(t.pk, t.label) for t in types]
        typed = self.data.get(self.add_prefix("file"), "") if self.is_bound else ""
        self.found = files_named(user, typed)
        self.requests = {r.pk: r for r in requests_of(self.found[0])} if len(self.found) == 1 else {}
        self.fields["request"].choices = request_choices(self.requests.values())

    def clean(self):
        data = super().clean()
        if data.get("code"):
            return data
        if not data.get("file") or not data.get("type"):
            raise ValidationError(
                _("Indiquez le dossier et le type de document, ou l'identifiant d'une lettre.")
            )
        data["type"] = self.types[data["type"]]
        if len(self.found) != 1:
            raise ValidationError(
                _("Aucun dossier ne correspond à « %(typed)s ».")
                if not self.found
                else _("Plusieurs dossiers correspondent à « %(typed)s » : tapez la référence."),
                params={"typed": data["file"].strip()},
            )
        data["file"] = self.found[0]
        data["request"] = self.requests.get(data.get("request"))
        return data


def requests_of(file) -> list[AidRequest]:
    """The requests a document of `file` may be about, newest first (as on its cover sheet)."""
    return list(file.requests.order_by("-requested_on", "-id"))


def request_choices(requests) -> list[tuple]:
    return [("", _("Aucune : pièce du dossier"))] + [
        (r.pk, f"{r.get_aid_display()} ({r.requested_on:%d/%m/%Y})") for r in requests
    ]


class DeleteUnsortedForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif de la suppression"),
        max_length=300,
        error_messages={"required": _("Indiquez pourquoi ces pages sont supprimées.")},
    )
