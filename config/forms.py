"""Form pieces every screen shares: Belgian dates, the optimistic-locking version field."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    """A date typed as on paper, dd/mm/yyyy: faster than a picker for people who type all day."""

    def __init__(self, attrs=None):
        base = {"placeholder": "jj/mm/aaaa", "inputmode": "numeric", "autocomplete": "off", "size": 10}
        super().__init__(attrs={**base, **(attrs or {})}, format="%d/%m/%Y")


# dd/mm/yyyy as typed, before any check of the calendar: 31/02/2026 is well formed but does not exist.
WELL_FORMED = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\b")


class ImpossibleDateMixin:
    """A well-formed date that is not in the calendar is named as such, not blamed on its format."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            found = WELL_FORMED.match(str(value or ""))
            if error.code != "invalid" or not found:
                raise
            day = "/".join(found.groups())
            raise ValidationError(
                _("Le %(day)s n'existe pas : vérifiez le jour et le mois."),
                code="impossible",
                params={"day": day},
            ) from error


class DateField(ImpossibleDateMixin, forms.DateField):
    widget = DateInput
    default_error_messages = {
        "invalid": _("Date non valable : tapez-la sous la forme jj/mm/aaaa (ex. 30/07/1985).")
    }


class DateTimeInput(forms.DateTimeInput):
    """A date and time typed as on paper, like DateInput: a browser's picker shows its own locale's order."""

    def __init__(self, attrs=None):
        base = {"placeholder": "jj/mm/aaaa hh:mm", "autocomplete": "off", "size": 16}
        super().__init__(attrs={**base, **(attrs or {})}, format="%d/%m/%Y %H:%M")


class DateTimeField(ImpossibleDateMixin, forms.DateTimeField):
    widget = DateTimeInput
    input_formats = ["%d/%m/%Y %H:%M", "%d/%m/%Y %Hh%M", "%d/%m/%Y %H h %M", "%Y-%m-%dT%H:%M"]
    default_error_messages = {
        "invalid": _("Date non valable : tapez-la sous la forme jj/mm/aaaa hh:mm (ex. 15/01/2027 14:00).")
    }


class VersionedForm(forms.Form):
    """Carries the version of the record that was shown, to detect a colleague's edit in between."""

    version = forms.IntegerField(widget=forms.HiddenInput)


def apply_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError beside the fields it names; anything else at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
