"""Belgian identifiers, validated by python-stdnum, with French messages for the person typing them."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import iban as iban_std
from stdnum.be import bis as bis_std
from stdnum.be import iban as be_iban_std
from stdnum.be import nn as nn_std
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError


def compact_national_number(value: str) -> str:
    return nn_std.compact(value or "")


def is_bis(number: str) -> bool:
    return len(number) == 11 and number.isdigit() and int(number[2:4]) >= 20


def validate_national_number(value: str) -> str:
    """Return the compact NISS or BIS number, or raise a French ValidationError."""
    number = compact_national_number(value)
    module = bis_std if is_bis(number) else nn_std
    try:
        return module.validate(number)
    except InvalidLength:
        raise ValidationError(
            _("Le numéro national compte 11 chiffres (par exemple 85.07.30-033.28)."), code="length"
        ) from None
    except InvalidChecksum:
        raise ValidationError(
            _("Les chiffres de contrôle ne correspondent pas : vérifiez le numéro national."), code="checksum"
        ) from None
    except InvalidComponent:
        raise ValidationError(
            _("Le début du numéro national ne forme pas une date de naissance valable."), code="date"
        ) from None
    except StdnumError:
        raise ValidationError(
            _("Ce numéro national n'est pas valable : seuls des chiffres, points et tirets sont admis."),
            code="format",
        ) from None


def birth_date_from_number(number: str) -> datetime.date | None:
    """Birth date encoded in a valid NISS/BIS, or None when the number leaves it unknown."""
    module = bis_std if is_bis(number) else nn_std
    try:
        return module.get_birth_date(number)
    except StdnumError:
        return None


def sex_from_number(number: str) -> str | None:
    """'M' or 'F' as encoded by the counter (odd men, even women), or None when a BIS number hides it."""
    module = bis_std if is_bis(number) else nn_std
    try:
        return module.get_gender(number)
    except StdnumError:
        return None


def format_national_number(number: str) -> str:
    if len(number) != 11:
        return number
    return f"{number[:2]}.{number[2:4]}.{number[4:6]}-{number[6:9]}.{number[9:]}"


def validate_iban(value: str) -> str:
    """Return the compact IBAN, or raise a French ValidationError."""
    number = iban_std.compact(value or "")
    if number.startswith("BE") and len(number) != 16:
        # stdnum checks the checksum first; a missing digit is better told as a length problem.
        raise ValidationError(
            _("La longueur de cet IBAN ne convient pas : un IBAN belge compte 16 caractères."), code="length"
        )
    try:
        if number.startswith("BE"):
            return be_iban_std.validate(number)
        return iban_std.validate(number)
    except InvalidLength:
        raise ValidationError(
            _("La longueur de cet IBAN ne convient pas : un IBAN belge compte 16 caractères."),
            code="length",
        ) from None
    except InvalidChecksum:
        raise ValidationError(
            _("Les chiffres de contrôle de cet IBAN ne correspondent pas : vérifiez-le."), code="checksum"
        ) from None
    except StdnumError:
        raise ValidationError(_("Cet IBAN n'est pas valable."), code="format") from None


def bic_for_iban(number: str) -> str:
    """BIC of a Belgian account, derived from its bank code (National Bank's list shipped with stdnum)."""
    if number.startswith("BE"):
        return be_iban_std.to_bic(number) or ""
    return ""


def bank_name_for_iban(number: str) -> str:
    if number.startswith("BE"):
        return be_iban_std.info(number).get("bank", "")
    return ""


def format_iban(number: str) -> str:
    return iban_std.format(number) if number else ""
