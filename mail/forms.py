"""Forms of the incoming mail pages. Dates are typed as Belgians write them (dd/mm/yyyy)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.models import Team
from config.forms import DateField
from files.models import AidRequest, SocialFile
from mail.states import State
from search.selectors import search_files

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date_field(label, **kwargs) -> forms.DateField:
    return DateField(label=label, input_formats=DATE_FORMATS, **kwargs)


def find_file(user, text: str) -> SocialFile:
    """The one file `text` names (its reference, or a name matching a single file the user sees)."""
    found = search_files(user, text).files
    exact = [f for f in found if f.reference.lower() == text.strip().lower()]
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0]
    if not found:
        raise ValidationError(_("Aucun dossier ne correspond à « %(text)s ».") % {"text": text})
    raise ValidationError(
        _("Plusieurs dossiers correspondent : tapez la référence (%(refs)s…).")
        % {"refs": ", ".join(f.reference for f in found[:3])}
    )


class FileField(forms.CharField):
    """A file typed by reference or name, with suggestions (mail:file_suggestions) as the user types."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("label", _("Dossier"))
        kwargs.setdefault("help_text", _("Référence du dossier ou nom du bénéficiaire."))
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "off", "list": "file-suggestions", "spellcheck": "false"})


class _WithFile(forms.Form):
    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_file(self) -> SocialFile | None:
        text = self.cleaned_data.get("file", "").strip()
        return find_file(self.user, text) if text else None


class RegisterForm(_WithFile):
    sender_name = forms.CharField(
        label=_("Expéditeur"),
        max_length=200,
        widget=forms.TextInput(attrs={"autofocus": True}),
        error_messages={"required": _("Indiquez l'expéditeur.")},
    )
    sender_address = forms.CharField(
        label=_("Adresse de l'expéditeur"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    subject = forms.CharField(
        label=_("Objet"), max_length=300, error_messages={"required": _("Indiquez l'objet du courrier.")}
    )
    received_on = _date_field(_("Reçu le"), initial=timezone.localdate)
    scan = forms.FileField(
        label=_("Scan (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    file = FileField()
    team = forms.ModelChoiceField(
        label=_("Orienter vers le service"),
        queryset=Team.objects.order_by("name"),
        required=False,
        empty_label=_("(plus tard)"),
    )


class RouteForm(forms.Form):
    team = forms.ModelChoiceField(
        label=_("Service"),
        queryset=Team.objects.order_by("name"),
        error_messages={"required": _("Choisissez le service.")},
    )


class AssignForm(forms.Form):
    agent = forms.ModelChoiceField(
        label=_("Agent"), queryset=None, error_messages={"required": _("Choisissez l'agent.")}
    )

    def __init__(self, *args, agents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agent"].queryset = agents
        self.fields["agent"].label_from_instance = lambda u: u.get_full_name() or u.get_username()


class LinkForm(_WithFile):
    """Link (or file) the mail into a file and, optionally, one of its requests."""

    file = FileField(required=True, error_messages={"required": _("Indiquez le dossier.")})
    request = forms.ModelChoiceField(
        label=_("Demande"), queryset=AidRequest.objects.none(), required=False, empty_label=_("(aucune)")
    )

    def __init__(self, *args, mail, **kwargs):
        super().__init__(*args, **kwargs)
        if mail.file_id:
            self.fields["file"].initial = mail.file.reference
        # The requests of the file typed (checked again by the service), else of the file already linked.
        self.fields["request"].queryset = AidRequest.objects.filter(
            file__reference=self._typed_reference(mail)
        )

    def _typed_reference(self, mail) -> str:
        typed = (self.data.get(self.add_prefix("file")) or "").strip() if self.is_bound else ""
        return typed or (mail.file.reference if mail.file_id else "")


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Numéro ou expéditeur"), required=False, max_length=100)
    state = forms.ChoiceField(label=_("État"), required=False, choices=[("", _("(tous)")), *State.choices])
    team = forms.ModelChoiceField(
        label=_("Service"), queryset=Team.objects.order_by("name"), required=False, empty_label=_("(tous)")
    )
    agent = forms.ModelChoiceField(label=_("Agent"), queryset=None, required=False, empty_label=_("(tous)"))
    received_from = _date_field(_("Reçu du"), required=False)
    received_to = _date_field(_("au"), required=False)

    def __init__(self, *args, **kwargs):
        from django.contrib.auth import get_user_model

        super().__init__(*args, **kwargs)
        agents = get_user_model().objects.filter(is_active=True, memberships__isnull=False).distinct()
        self.fields["agent"].queryset = agents.order_by("last_name", "first_name")
        self.fields["agent"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
