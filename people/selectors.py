"""Reads about people: duplicates, current address, household, accounts."""

import datetime
import difflib

from people.models import Person
from people.normalize import fold


def person_with_number(national_number: str, *, exclude_pk: int | None = None) -> Person | None:
    if not national_number:
        return None
    qs = Person.objects.filter(national_number=national_number)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.first()


def similar_people(
    *, last_name: str, first_names: str, birth_date: datetime.date | None, exclude_pk: int | None = None
) -> list[Person]:
    """People born the same day whose name looks alike: probably the same person typed differently."""
    if not birth_date:
        return []
    wanted = fold(f"{last_name} {first_names}")
    wanted_last = fold(last_name)
    found = []
    candidates = Person.objects.filter(birth_date=birth_date)
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    for person in candidates:
        whole = difflib.SequenceMatcher(None, wanted, person.search_name).ratio()
        last = difflib.SequenceMatcher(None, wanted_last, fold(person.last_name)).ratio()
        if whole >= 0.75 or last >= 0.85:
            found.append(person)
    return found
