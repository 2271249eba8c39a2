"""Forms of the meeting screens: they check what was typed; committee.services keeps the rules."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from committee.models import Body
from config.forms import DateField, DateTimeField
from workflow.forms import AmountField


class MeetingForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Organe"), queryset=Body.objects.all(), empty_label=None)
    starts_at = DateTimeField(label=_("Date et heure"))
    place = forms.CharField(label=_("Lieu"), max_length=200)


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=_("Présents"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["present"]
        field.queryset = body.members.order_by("last_name", "first_name")
        field.label_from_instance = lambda user: user.get_full_name() or user.get_username()


class DecisionForm(forms.Form):
    """The decision on one item; the amendment's fields count only for « octroyé avec modifications »."""

    transition = forms.CharField()
    comment = forms.CharField(
        label=_("Commentaire"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    amount = AmountField(label=_("Montant (EUR)"), required=False, max_digits=10, decimal_places=2)
    computation = forms.CharField(
        label=_("Calcul du montant"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    start_on = DateField(label=_("À partir du"), required=False)
    end_on = DateField(label=_("Jusqu'au"), required=False)
    conditions = forms.CharField(
        label=_("Conditions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    AMENDABLE = ("amount", "computation", "start_on", "end_on", "conditions")


class RecusalForm(forms.Form):
    """Déport of a member on one item; `choices` are the people the user may record it for."""

    member = forms.ModelChoiceField(label=_("Membre qui se déporte"), queryset=Body.objects.none())
    reason = forms.CharField(
        label=_("Motif (facultatif)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["member"]
        field.queryset = choices
        field.label_from_instance = lambda user: user.get_full_name() or user.get_username()
