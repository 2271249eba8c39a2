from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

ACCEPT = "application/pdf,image/png,image/jpeg,image/tiff,.pdf,.png,.jpg,.jpeg,.tif,.tiff"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ScanFilesField(forms.FileField):
    """Several files at once; each is read by the service, so that one bad file does not refuse the others."""

    widget = MultipleFileInput(attrs={"accept": ACCEPT})

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            raise ValidationError(_("Choisissez au moins un fichier scanné."), code="required")
        return files


class ScanUploadForm(forms.Form):
    scans = ScanFilesField(label=_("Fichiers scannés"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scans"].help_text = _(
            "PDF (plusieurs pages) ou images PNG, JPEG, TIFF ; plusieurs fichiers à la fois ; "
            "au plus %(size)s et %(pages)d pages par fichier."
        ) % {"size": filesizeformat(settings.SCAN_MAX_BYTES), "pages": settings.SCAN_MAX_PAGES}


class FileByHandForm(forms.Form):
    code = forms.CharField(
        label=_("Identifiant imprimé sous le QR code"),
        max_length=30,
        error_messages={"required": _("Tapez l'identifiant imprimé sous le QR code.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "size": 12}),
    )


class DeleteUnfiledForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif de la suppression"),
        max_length=300,
        error_messages={"required": _("Indiquez pourquoi ces pages sont supprimées.")},
    )
