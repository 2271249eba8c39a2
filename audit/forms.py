from django import forms
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEvent
from config.forms import DateField


class PeriodForm(forms.Form):
    """Period of the security adviser's lists (both ends included; empty: everything)."""

    day_from = DateField(label=_("Du"), required=False)
    day_to = DateField(label=_("Au"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("day_from") and data.get("day_to") and data["day_to"] < data["day_from"]:
            self.add_error("day_to", _("La date de fin précède la date de début."))
        return data


class ReviewFilterForm(PeriodForm):
    """Filters of the security adviser's review of the audit trail."""

    username = forms.CharField(label=_("Identifiant de l'utilisateur"), required=False, max_length=150)
    reference = forms.CharField(label=_("Référence du dossier"), required=False, max_length=30)
    verb = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("Toutes")), *AuditEvent.Verb.choices]
    )

    field_order = ["username", "reference", "verb", "day_from", "day_to"]
