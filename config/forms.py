"""Form pieces every screen shares: Belgian dates, the optimistic-locking version field."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    """A date typed as on paper, dd/mm/yyyy: faster than a picker for people who type all day."""

    def __init__(self, attrs=None):
        base = {"placeholder": "jj/mm/aaaa", "inputmode": "numeric", "autocomplete": "off", "size": 10}
        super().__init__(attrs={**base, **(attrs or {})}, format="%d/%m/%Y")


class DateField(forms.DateField):
    widget = DateInput
    default_error_messages = {
        "invalid": _("Date non valable : tapez-la sous la forme jj/mm/aaaa (ex. 30/07/1985).")
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
