from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from letters.models import Letter


class DispatchForm(forms.Form):
    method = forms.ChoiceField(label=_("Mode d'envoi"), choices=Letter.Method.choices)
    sent_on = forms.DateField(
        label=_("Date de dépôt à la poste, de remise ou d'envoi"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    registered_number = forms.CharField(label=_("Numéro du recommandé"), max_length=40, required=False)
    # Only when the person has no consent on record yet: declared here, it is kept on the person.
    consent_now = forms.BooleanField(
        label=_(
            "La personne vient de donner son accord écrit pour recevoir son courrier par e-mail "
            "(il sera enregistré dans sa signalétique)"
        ),
        required=False,
    )
