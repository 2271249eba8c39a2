"""Forms of the proposal screens. They check what was typed; workflow.proposals keeps the business rules."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from aid.models import AidCategory, AidType
from config.forms import DateField, VersionedForm
from files.models import AidRequest
from workflow import catalogue, computation, motivation
from workflow.models import PiisDispensation, Proposal
from workflow.proposals import FIELDS

TEXTAREA = {"rows": 4}


class AmountField(forms.DecimalField):
    """An amount typed the Belgian way (1.314,20 or 1314,20), or with a decimal point (1314.20).

    A text input: a browser's number input shows nothing for "1314,20", and the next save would erase it.
    """

    widget = forms.TextInput(attrs={"inputmode": "decimal", "size": 12, "autocomplete": "off"})

    default_error_messages = {
        "invalid": _("Montant non valable : tapez-le en euros, par exemple 1314,20."),
        "max_digits": _("Ce montant est trop grand."),
        "max_decimal_places": _("Deux décimales au plus (les cents)."),
        "max_whole_digits": _("Ce montant est trop grand."),
    }

    def to_python(self, value):
        text = re.sub(r"[\s€]", "", str(value or ""))
        if not text:
            return None
        if "," in text:  # the comma is the decimal mark; dots group the thousands
            text = text.replace(".", "").replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not amount.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return amount

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value:.2f}".replace(".", ",")
        return value


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.aid_type.label} – {obj.label}"


class ProposalForm(forms.Form):
    """Proposition de décision, in the order the notification states it."""

    aid_type = forms.ModelChoiceField(
        label=_("Aide proposée"),
        queryset=AidType.objects.none(),
        empty_label="—",
        error_messages={"required": _("Choisissez l'aide proposée.")},
    )
    category = CategoryChoiceField(
        label=_("Catégorie"),
        queryset=AidCategory.objects.none(),
        required=False,
        empty_label="—",
        help_text=_("Revenu d'intégration et équivalent : cohabitant, isolé ou famille à charge."),
    )
    granted = forms.TypedChoiceField(
        label=_("Proposition"),
        choices=[("True", _("Octroi")), ("False", _("Refus"))],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        initial="True",
    )
    amount = AmountField(
        label=_("Montant (EUR)"),
        required=False,
        max_digits=10,
        decimal_places=2,
    )
    computation = forms.CharField(
        label=_("Calcul du montant"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    amount_override_reason = forms.CharField(
        label=_("Motif de la dérogation au montant calculé"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Obligatoire si le montant proposé diffère du montant calculé ; le ou la responsable le voit."
        ),
    )
    socio_professional = forms.BooleanField(
        label=_(
            "Appliquer l'exonération socioprofessionnelle (art. 35 de l'arrêté royal du 11 juillet 2002)"
        ),
        required=False,
    )
    first_payment_on = DateField(
        label=_("Premier paiement le"),
        required=False,
        help_text=_(
            "Proposé selon le jour de paiement du catalogue ; le compte payé est le compte de paiement."
        ),
    )
    start_on = DateField(label=_("À partir du"), required=False)
    end_on = DateField(label=_("Jusqu'au"), required=False, help_text=_("Vide : sans date de fin."))
    periodicity = forms.ChoiceField(label=_("Périodicité"), choices=Proposal.Periodicity.choices)
    conditions = forms.CharField(label=_("Conditions"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    piis = forms.BooleanField(label=_("Projet individualisé d'intégration sociale (PIIS)"), required=False)
    piis_dispensation = forms.ChoiceField(
        label=_("Dispense de PIIS"),
        choices=[("", "—"), *PiisDispensation.choices],
        required=False,
        help_text=_("Quand le PIIS est obligatoire (nouveau bénéficiaire, moins de 25 ans) mais non conclu."),
    )
    piis_dispensation_reason = forms.CharField(
        label=_("Motivation de la dispense"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    motivation_facts = forms.CharField(
        label=_("Motivation en fait"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    motivation_law = forms.CharField(
        label=_("Motivation en droit"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    heard_informed_on = DateField(
        label=_("Informé(e) par écrit du droit d'être entendu(e) le"),
        required=False,
        help_text=_("Revenu d'intégration et équivalent : obligatoire avant de soumettre la proposition."),
    )
    hearing_waived_on = DateField(
        label=_("Renonciation écrite à être entendu le"),
        required=False,
        help_text=_("Un refus exige l'information du droit d'être entendu ou cette renonciation."),
    )

    # What the page last put in the amount and its calculation (prefill, live preview, "Reprendre le montant
    # calculé"): while a field still holds it, the user has not typed their own and it follows the catalogue.
    amount_filled = forms.CharField(required=False, widget=forms.HiddenInput)
    computation_filled = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        types = catalogue.active_types()
        self.fields["aid_type"].queryset = types
        self.fields["category"].queryset = AidCategory.objects.filter(aid_type__in=types).select_related(
            "aid_type"
        )

    @staticmethod
    def initial_for(proposal: Proposal) -> dict:
        initial = {name: getattr(proposal, name) for name in FIELDS}
        initial["granted"] = str(proposal.granted)
        if proposal.amount is not None and proposal.amount == proposal.computed_amount:
            # Saved as computed: it follows the computation until the user types another amount.
            initial |= filled_markers(proposal.amount, proposal.computation)
        return initial | {"version": proposal.version}

    def proposal_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in FIELDS}

    def untouched(self) -> tuple[bool, bool]:
        """(amount, calculation): does each still hold what the page filled in (or nothing)? Read from the
        posted text, so that an amount the page wrote as "1.340,49" is recognised whatever its parse."""
        if not self.is_bound:
            return True, True
        amount = _plain(self.data.get(self.add_prefix("amount")))
        calculation = _plain(self.data.get(self.add_prefix("computation")))
        return (
            not amount or amount == _plain(self.data.get(self.add_prefix("amount_filled"))),
            not calculation or calculation == _plain(self.data.get(self.add_prefix("computation_filled"))),
        )


def _plain(text) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip()


def filled_markers(amount, calculation: str) -> dict:
    """The hidden fields saying which amount and calculation the page filled in."""
    return {
        "amount_filled": AmountField().prepare_value(amount) if amount is not None else "",
        "computation_filled": calculation or "",
    }


def with_suggestion(form: ProposalForm, data: dict, suggestion: dict) -> dict:
    """The proposal's fields with the computed amount and calculation wherever the user has not typed their
    own: an amount the page filled in follows the catalogue as a blank one does, even if the preview had no
    time to refresh it before the save."""
    amount_untouched, calculation_untouched = form.untouched()
    if suggestion.get("amount") is None or not amount_untouched:
        return data
    data = data | {"amount": suggestion["amount"]}
    if calculation_untouched:
        data["computation"] = suggestion.get("computation", "")
    return data


class ProposalEditForm(ProposalForm, VersionedForm):
    """The same fields, with the version that was shown (a colleague's save in between is detected)."""


def prefill(aid_request: AidRequest) -> dict:
    """A new proposal's fields from the catalogue: the request's aid, its payment, motivation and legal
    basis and, when the aid has one amount (no category to choose), the amount of its first month."""
    aid_type = catalogue.type_for_request(aid_request.aid)
    start = aid_request.requested_on
    initial = {"start_on": start, "granted": "True"}
    if aid_type is None:
        return initial
    facts, law = motivation.split(aid_type.default_motivation, aid_type.legal_basis)
    facts, law = (motivation.fill_blanks(text, aid_request.requested_on) for text in (facts, law))
    initial |= {
        "aid_type": aid_type,
        "periodicity": aid_type.payment,
        "motivation_facts": facts,
        "motivation_law": law,
    }
    if not catalogue.categories(aid_type).exists():
        suggestion = amount_suggestion(aid_type, None, start, None)
        initial |= suggestion
        if suggestion.get("amount") is not None:
            initial |= filled_markers(suggestion["amount"], suggestion.get("computation", ""))
    return initial


def amount_suggestion(
    aid_type, category, start: datetime.date | None, end: datetime.date | None, beneficiary=None, **options
) -> dict:
    """{amount, computation, first_payment_on} as computed (workflow.computation): the RI from the
    beneficiary's and household's resources, else a monthly aid at its rate (the computation showing the
    prorata of the first month or of start..end) and a one-off aid at its total for start..end."""
    return computation.suggestion(aid_type, category, start, end, beneficiary, **options)


class HearingForm(forms.Form):
    """Audition: the person heard before the decision."""

    held_on = DateField(
        label=_("Date de l'audition"), error_messages={"required": _("Indiquez la date de l'audition.")}
    )
    attendees = forms.CharField(
        label=_("Présents"),
        max_length=300,
        help_text=_("La personne, qui l'accompagnait, et pour le CPAS."),
        error_messages={"required": _("Indiquez qui était présent.")},
    )
    summary = forms.CharField(
        label=_("Résumé"),
        widget=forms.Textarea(attrs=TEXTAREA),
        error_messages={"required": _("Résumez ce qui a été dit.")},
    )
