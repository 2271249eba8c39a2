from django import forms
from django.utils.translation import gettext_lazy as _

from workflow.models import Opinion


class StepForm(forms.Form):
    comment = forms.CharField(
        label=_("Commentaire"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    queue = forms.CharField(required=False, widget=forms.HiddenInput)


class OpinionForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Avis"),
        choices=Opinion.Verdict.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez un avis.")},
    )
    text = forms.CharField(
        label=_("Texte de l'avis"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Requis sauf pour un avis favorable."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    queue = forms.CharField(required=False, widget=forms.HiddenInput)
