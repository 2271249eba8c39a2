from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.forms import DateField
from letters.models import Letter


class DispatchForm(forms.Form):
    method = forms.ChoiceField(label=_("Mode d'envoi"), choices=Letter.Method.choices)
    # Typed dd/mm/yyyy like every date of the application (a date picker would receive "27/11/2026" and show
    # an empty field).
    sent_on = DateField(
        label=_("Date de dépôt à la poste, de l'accusé de réception signé ou de l'envoi"),
        initial=timezone.localdate,
    )
    registered_number = forms.CharField(label=_("Numéro du recommandé"), max_length=40, required=False)
    # A hand-over notifies only against a receipt dated and signed by the person (its date is `sent_on`).
    receipt_signed = forms.BooleanField(
        label=_("Remise en main propre : la personne a daté et signé l'accusé de réception"), required=False
    )
    # Only when the person has no consent on record yet: declared here, it is kept on the person.
    consent_now = forms.BooleanField(
        label=_(
            "La personne vient de donner son accord écrit pour recevoir son courrier par e-mail "
            "(il sera enregistré dans sa signalétique)"
        ),
        required=False,
    )
