from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """The six-digit code shown by the authentication app."""

    token = forms.CharField(
        label=_("Code à six chiffres"),
        help_text=_("Affiché par votre application d'authentification ; il change toutes les 30 secondes."),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={"required": _("Saisissez le code affiché par votre application.")},
    )

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())  # people type "123 456" as the app shows it
        if not (token.isdigit() and len(token) == 6):
            raise forms.ValidationError(_("Le code compte exactement six chiffres, sans lettres ni signes."))
        return token
