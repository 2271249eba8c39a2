"""Forms of the legal service's page of legal holds (retention.views.LegalHoldsView)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.forms import DateField


class PlaceHoldForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Par exemple : recours pendant devant le tribunal du travail de Mons."),
    )
    starts_on = DateField(label=_("À partir du"), initial=timezone.localdate)
    ends_on = DateField(
        label=_("Jusqu'au"),
        required=False,
        help_text=_("Laissez vide : le gel s'applique jusqu'à sa levée."),
    )


class LiftHoldForm(forms.Form):
    lift_reason = forms.CharField(label=_("Motif de la levée"), widget=forms.Textarea(attrs={"rows": 2}))
