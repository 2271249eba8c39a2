"""Posting a batch's registered letters at once: one posting date, the number of each registered label as the
clerk scans or types it. Rows left empty stay to post; any wrong number stops the whole posting."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from letters import services
from letters.models import Letter


def check_numbers(numbers: dict[Letter, str]) -> dict[int, str]:
    """French errors by letter id: a number given twice in the list, or already used by another letter."""
    errors: dict[int, str] = {}
    seen: dict[str, Letter] = {}
    for letter, number in numbers.items():
        if number in seen:
            errors[letter.pk] = _("Numéro déjà saisi pour la lettre %(code)s.") % {"code": seen[number].code}
        seen.setdefault(number, letter)
    taken = services.letters_numbered(*seen).exclude(pk__in=[ltr.pk for ltr in numbers])
    for other in taken:
        letter = seen[services.normalise_number(other.registered_number)]
        errors.setdefault(letter.pk, services.number_taken(other))
    return errors


@transaction.atomic
def post_registered(*, actor, numbers: dict[Letter, str], sent_on: datetime.date, request=None) -> int:
    """Record each letter given a number as posted by registered mail on `sent_on`; returns how many."""
    numbers = {
        letter: services.normalise_number(number) for letter, number in numbers.items() if number.strip()
    }
    if not numbers:
        raise ValidationError(_("Saisissez au moins un numéro de recommandé."))
    errors = check_numbers(numbers)
    if errors:
        raise ValidationError(errors)
    for letter, number in numbers.items():
        services.dispatch(
            actor=actor,
            letter=letter,
            method=Letter.Method.REGISTERED,
            sent_on=sent_on,
            registered_number=number,
            request=request,
        )
    return len(numbers)
