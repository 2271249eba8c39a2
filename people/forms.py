"""Forms of the signalétique, household, bank and resources screens.

Plain forms (not ModelForms): the services own every write and every rule; the forms give the person typing
immediate messages beside each field, with the same rules (people.identifiers, people.validation).
"""

import json

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from config.forms import DateField, VersionedForm
from people import identifiers
from people.models import Address, HouseholdMember, Person, Resource
from people.services import IDENTITY_FIELDS
from people.validation import check_identity, check_resource
from workflow.forms import AmountField

# Countries a Mons CPAS meets most, shown first; the full list follows in French alphabetical order.
FIRST_COUNTRIES = ["BE", "FR", "NL", "DE", "LU", "IT", "MA", "TR", "CD", "RO", "PL", "SY", "AF", "UA"]


def country_choices(*, blank: bool) -> list:
    """Frequent countries first, then all of them, as two groups of options (French names)."""
    first = [(code, countries.name(code)) for code in FIRST_COUNTRIES]
    rest = [(code, name) for code, name in countries if code not in FIRST_COUNTRIES]
    head = [("", _("— non précisée —"))] if blank else []
    return [*head, (_("Pays fréquents"), first), (_("Tous les pays"), rest)]


NOT_STATED = _("— non précisé —")


def _with_blank(choices, label=NOT_STATED) -> list:
    return [("", label), *choices]


class NationalNumberField(forms.CharField):
    """NISS or BIS number typed with or without dots and dash; cleaned to its 11 digits."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Numéro national (NISS ou BIS)"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "help_text", _("11 chiffres, avec ou sans points et tiret, par exemple 85.07.30-033.28.")
        )
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"})

    def clean(self, value):
        value = super().clean(value)
        return identifiers.validate_national_number(value) if value else ""


class IdentityFieldsMixin(forms.Form):
    """The identity of a person, checked as the services check it: number, birth date and sex agree."""

    last_name = forms.CharField(
        label=_("Nom"), max_length=100, error_messages={"required": _("Indiquez le nom de famille.")}
    )
    first_names = forms.CharField(
        label=_("Prénoms"), max_length=150, error_messages={"required": _("Indiquez au moins un prénom.")}
    )
    national_number = NationalNumberField(required=False)
    birth_date = DateField(
        label=_("Date de naissance"),
        required=False,
        help_text=_("Laissée vide, elle est déduite du numéro national."),
    )
    sex = forms.ChoiceField(
        label=_("Sexe"),
        required=False,
        choices=_with_blank(Person.Sex.choices, _("— d'après le NISS —")),
    )
    nationality = forms.ChoiceField(label=_("Nationalité"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nationality"].choices = country_choices(blank=True)
        self.fields["last_name"].widget.attrs["autocomplete"] = "off"
        self.fields["first_names"].widget.attrs["autocomplete"] = "off"

    def clean(self):
        data = super().clean()
        number = data.get("national_number") or ""
        if number:
            if not data.get("birth_date") and "birth_date" not in self.errors:
                data["birth_date"] = identifiers.birth_date_from_number(number)
            if not data.get("sex"):
                data["sex"] = identifiers.sex_from_number(number) or ""
        errors = check_identity(
            national_number=number, birth_date=data.get("birth_date"), sex=data.get("sex", "")
        )
        for field, message in errors.items():
            if field not in self.errors:
                self.add_error(field, message)
        return data


class PersonFieldsMixin(IdentityFieldsMixin):
    """Identity plus residence status, language and contact: all that registering a person asks."""

    residence_status = forms.ChoiceField(
        label=_("Statut de séjour"), required=False, choices=_with_blank(Person.ResidenceStatus.choices)
    )
    language = forms.ChoiceField(
        label=_("Langue"), choices=Person.Language.choices, initial=Person.Language.FRENCH
    )
    phone = forms.CharField(label=_("Téléphone"), max_length=40, required=False)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={"invalid": _("Cette adresse e-mail n'est pas valable (exemple : nom@exemple.be).")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.input_type = "tel"
        self.fields["phone"].widget.attrs["autocomplete"] = "off"


class IdentityForm(VersionedForm, PersonFieldsMixin):
    field_order = [*IDENTITY_FIELDS, "version", "original"]

    # What the form showed when it was opened (JSON): lets an edit conflict tell the fields the user changed
    # from the ones they left alone, so that a colleague's change to the latter is not undone by resubmitting.
    original = forms.CharField(widget=forms.HiddenInput, required=False)

    @staticmethod
    def shown_values(person: Person) -> dict[str, str]:
        """The identity of `person` as the form's inputs show it (strings, dates dd/mm/yyyy)."""
        values = {name: getattr(person, name) or "" for name in IDENTITY_FIELDS}
        values["nationality"] = person.nationality.code or ""
        values["national_number"] = person.national_number_display
        values["birth_date"] = person.birth_date.strftime("%d/%m/%Y") if person.birth_date else ""
        return {name: str(value) for name, value in values.items()}

    @classmethod
    def initial_for(cls, person: Person) -> dict:
        shown = cls.shown_values(person)
        return {**shown, "version": person.version, "original": json.dumps(shown)}

    def identity_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("version", "original")}


class AddressForm(forms.Form):
    street = forms.CharField(label=_("Rue"), max_length=150)
    number = forms.CharField(label=_("Numéro"), max_length=15)
    box = forms.CharField(label=_("Boîte"), max_length=15, required=False)
    postal_code = forms.CharField(label=_("Code postal"), max_length=10)
    city = forms.CharField(label=_("Commune"), max_length=100)
    country = forms.ChoiceField(label=_("Pays"), initial="BE")
    kind = forms.ChoiceField(
        label=_("Type d'adresse"), choices=Address.Kind.choices, initial=Address.Kind.RESIDENCE
    )
    valid_from = DateField(
        label=_("Depuis le"),
        help_text=_("L'adresse actuelle du même type prendra fin la veille de cette date."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices(blank=False)
        self.fields["postal_code"].widget.attrs.update({"inputmode": "numeric", "size": 6})
        self.fields["number"].widget.attrs["size"] = 6
        self.fields["box"].widget.attrs["size"] = 6

    def clean(self):
        data = super().clean()
        code = (data.get("postal_code") or "").strip()
        if (
            data.get("country") == "BE"
            and code
            and not (code.isdigit() and len(code) == 4 and code[0] != "0")
        ):
            self.add_error("postal_code", _("Un code postal belge compte 4 chiffres (par exemple 7000)."))
        return data


class HouseholdMemberForm(IdentityFieldsMixin):
    """A member joins the household: an already registered person (by number) or a new one."""

    relation = forms.ChoiceField(
        label=_("Lien avec le bénéficiaire"),
        choices=_with_blank(HouseholdMember.Relation.choices, _("— choisir —")),
        error_messages={"required": _("Choisissez le lien de cette personne avec le bénéficiaire.")},
    )
    is_dependant = forms.BooleanField(label=_("À charge du bénéficiaire"), required=False)
    since = DateField(label=_("Dans le ménage depuis le"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Name fields are needed only when the number names nobody registered yet (checked in the view).
        self.fields["last_name"].required = False
        self.fields["first_names"].required = False
        self.fields["national_number"].help_text = _(
            "Si la personne est déjà enregistrée, son numéro national suffit ; "
            "sinon, complétez aussi son identité."
        )

    def clean(self):
        data = super().clean()
        if not data.get("national_number") and "national_number" not in self.errors:
            for name in ("last_name", "first_names"):
                if not data.get(name):
                    self.add_error(
                        name, _("Sans numéro national, indiquez le nom et les prénoms du nouveau membre.")
                    )
        return data

    def identity_data(self) -> dict:
        names = ["last_name", "first_names", "national_number", "birth_date", "sex", "nationality"]
        return {name: self.cleaned_data.get(name) for name in names}


class HouseholdEndForm(forms.Form):
    until = DateField(label=_("Date de départ du ménage"), initial=timezone.localdate)


class BankAccountForm(forms.Form):
    iban = forms.CharField(
        label=_("IBAN"),
        max_length=42,
        help_text=_("Par exemple BE68 5390 0754 7034. Le BIC est déduit automatiquement."),
    )
    holder = forms.CharField(label=_("Titulaire du compte"), max_length=150)
    valid_from = DateField(label=_("Valable à partir du"), initial=timezone.localdate)
    is_payment_account = forms.BooleanField(
        label=_("Compte de paiement : les aides seront versées sur ce compte"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["iban"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false", "size": 30})

    def clean_iban(self):
        return identifiers.validate_iban(self.cleaned_data["iban"])


class PaymentAccountForm(forms.Form):
    """Confirmation of a change of payment account; carries the payment account the user saw."""

    previous = forms.IntegerField(widget=forms.HiddenInput, required=False)


class EmailConsentForm(forms.Form):
    """The beneficiary agrees to receive their letters by e-mail, or withdraws that agreement."""

    given = forms.TypedChoiceField(
        label=_("Courrier par e-mail"),
        choices=[
            ("yes", _("La personne donne son accord écrit pour recevoir son courrier par e-mail")),
            ("no", _("La personne retire son accord")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Indiquez si la personne donne ou retire son accord.")},
    )
    day = DateField(label=_("Date"), initial=timezone.localdate)


class ResourceForm(forms.Form):
    """A resource of the beneficiary or of a household member (`people`: (id, name) of whom it may be for)."""

    person = forms.TypedChoiceField(
        label=_("Personne"),
        coerce=int,
        error_messages={"required": _("Choisissez la personne qui reçoit cette ressource.")},
    )
    kind = forms.ChoiceField(
        label=_("Nature"),
        choices=_with_blank(Resource.Kind.choices, _("— choisir —")),
        error_messages={"required": _("Choisissez la nature de la ressource.")},
    )
    monthly_amount = AmountField(
        label=_("Montant mensuel net (EUR)"),
        max_digits=9,
        decimal_places=2,
        help_text=_("Par exemple 1314,20. Un revenu payé autrement se ramène au mois."),
        error_messages={"required": _("Indiquez le montant mensuel net.")},
    )
    since = DateField(
        label=_("Depuis le"), error_messages={"required": _("Indiquez depuis quand la personne la reçoit.")}
    )
    until = DateField(
        label=_("Jusqu'au"),
        required=False,
        help_text=_("Dernier jour où la personne la reçoit ; vide si elle la reçoit toujours."),
    )
    source = forms.ChoiceField(
        label=_("Source de l'information"),
        choices=_with_blank(Resource.Source.choices, _("— choisir —")),
        error_messages={"required": _("Indiquez d'où vient l'information (déclaration, pièce, BCSS).")},
    )
    note = forms.CharField(label=_("Remarque"), max_length=300, required=False)

    def __init__(self, *args, people: list[tuple[int, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is None:
            del self.fields["person"]
        else:
            self.fields["person"].choices = people
        self.fields["monthly_amount"].widget.attrs.update({"inputmode": "decimal", "size": 12})

    def clean(self):
        data = super().clean()
        errors = check_resource(
            kind=data.get("kind", ""),
            monthly_amount=data.get("monthly_amount"),
            since=data.get("since"),
            until=data.get("until"),
            note=data.get("note", ""),
        )
        for name, message in errors.items():
            if name not in self.errors:
                self.add_error(name, message)
        return data

    def resource_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("person", "version")}


class ResourceCorrectionForm(VersionedForm, ResourceForm):
    """Correct a resource typed wrongly; carries the version shown (a colleague may correct it too)."""


class ResourceEndForm(forms.Form):
    until = DateField(
        label=_("Dernier jour où la personne la reçoit"),
        initial=timezone.localdate,
        error_messages={"required": _("Indiquez le dernier jour où la personne reçoit cette ressource.")},
    )
