"""The BCSS cell's two answers on a registration: « Fait » with the BCSS's reference, « Échec » with why."""

from django import forms
from django.utils.translation import gettext_lazy as _


class _Versioned(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class DoneForm(_Versioned):
    reference = forms.CharField(
        label=_("Référence BCSS"),
        max_length=100,
        help_text=_("La référence affichée par l'application de la BCSS après l'enregistrement."),
        error_messages={"required": _("Indiquez la référence donnée par la BCSS.")},
    )


class FailedForm(_Versioned):
    reason = forms.CharField(
        label=_("Motif de l'échec"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Le message de la BCSS ou ce qui a empêché l'enregistrement ; l'intégration restera à refaire."
        ),
        error_messages={"required": _("Indiquez pourquoi l'intégration n'a pas pu être faite.")},
    )
