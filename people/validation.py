"""Rules an identity and a resource must satisfy, shared by forms (messages beside each field) and
services."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from people import identifiers
from people.models import Resource

MAX_AGE = 110


def check_identity(*, national_number: str, birth_date: datetime.date | None, sex: str) -> dict[str, str]:
    """Field name -> French message for each inconsistency between the number, the birth date and the sex."""
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if birth_date and birth_date > today:
        errors["birth_date"] = _("La date de naissance ne peut pas être dans le futur.")
    if not national_number:
        return errors
    encoded_birth = identifiers.birth_date_from_number(national_number)
    # A one-digit typo can turn a number of 2003 into a valid one of 1903: the check digits cannot tell.
    if encoded_birth and today.year - encoded_birth.year > MAX_AGE:
        errors["national_number"] = _(
            "Ce numéro indique une naissance le %(date)s, il y a plus de %(age)s ans : vérifiez-le."
        ) % {"date": encoded_birth.strftime("%d/%m/%Y"), "age": MAX_AGE}
    if birth_date and encoded_birth and encoded_birth != birth_date:
        errors["birth_date"] = _(
            "Le numéro national indique une naissance le %(date)s : vérifiez la date ou le numéro."
        ) % {"date": encoded_birth.strftime("%d/%m/%Y")}
    encoded_sex = identifiers.sex_from_number(national_number)
    if sex and encoded_sex and encoded_sex != sex:
        errors["sex"] = (
            _("Le numéro national correspond à un homme (compteur impair) : vérifiez le sexe ou le numéro.")
            if encoded_sex == "M"
            else _(
                "Le numéro national correspond à une femme (compteur pair) : vérifiez le sexe ou le numéro."
            )
        )
    return errors


def raise_identity_errors(*, national_number: str, birth_date, sex: str) -> None:
    errors = check_identity(national_number=national_number, birth_date=birth_date, sex=sex)
    if errors:
        raise ValidationError(errors)


def check_resource(
    *,
    kind: str,
    monthly_amount: Decimal | None,
    since: datetime.date | None,
    until: datetime.date | None,
    note: str,
) -> dict[str, str]:
    """Field name -> French message for each rule a resource breaks (the amount, the period, the note)."""
    errors: dict[str, str] = {}
    if monthly_amount is not None and monthly_amount <= 0:
        errors["monthly_amount"] = _(
            "Le montant mensuel doit être supérieur à 0 € : une ressource qui a cessé se clôture par sa date "
            "de fin."
        )
    if since and until and until < since:
        errors["until"] = _("La fin (%(until)s) ne peut pas précéder le début (%(since)s).") % {
            "until": until.strftime("%d/%m/%Y"),
            "since": since.strftime("%d/%m/%Y"),
        }
    if kind == Resource.Kind.OTHER and not note.strip():
        errors["note"] = _("Pour une ressource « Autre », précisez sa nature dans la remarque.")
    return errors
