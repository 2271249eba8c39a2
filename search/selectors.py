"""The one search of beneficiaries: by name, national number or file reference, only in visible files.

The access filter is part of the query itself, never applied to results afterwards.
"""

import re
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Q, QuerySet

from access.policy import may_break_glass, visible_files
from files.models import SocialFile
from people.models import Person
from people.normalize import fold

MAX_RESULTS = 50
_SEPARATORS = re.compile(r"[\s.\-/]")
_REFERENCE = re.compile(r"^\d{4}\s*/\s*\d+$")


class Kind(StrEnum):
    NATIONAL_NUMBER = "national_number"
    REFERENCE = "reference"
    NAME = "name"


@dataclass
class SearchResult:
    kind: Kind
    files: list[SocialFile]
    truncated: bool
    # Files of other teams matching an exact national number or reference: offered for break-glass only.
    elsewhere: list[SocialFile] = field(default_factory=list)


def classify(query: str) -> Kind:
    if _REFERENCE.match(query.strip()):
        return Kind.REFERENCE
    if _SEPARATORS.sub("", query).isdigit():
        return Kind.NATIONAL_NUMBER
    return Kind.NAME


def _matching_people(query: str, kind: Kind) -> QuerySet[Person]:
    if kind is Kind.NATIONAL_NUMBER:
        digits = _SEPARATORS.sub("", query)
        lookup = "national_number" if len(digits) == 11 else "national_number__startswith"
        return Person.objects.filter(**{lookup: digits})
    condition = Q()
    for token in fold(query).split():
        condition &= Q(search_name__contains=token)
    return Person.objects.filter(condition)


def search_files(user, query: str) -> SearchResult:
    """Files visible to `user` whose beneficiary, or a member of whose household, matches `query`."""
    query = " ".join(query.split())
    kind = classify(query)
    files = visible_files(user)
    if not query or not fold(query):
        return SearchResult(kind, [], False)
    if kind is Kind.REFERENCE:
        year, seq = (part.strip() for part in query.split("/"))
        same_number = Q(reference__regex=rf"^{year}/0*{int(seq)}$")
        files = files.filter(Q(reference=query.replace(" ", "")) | same_number)
    else:
        people = _matching_people(query, kind).values("pk")
        in_household = Q(beneficiary__household__member__in=people)
        # A reference in another configured format (e.g. "MONS-2026-042") is matched as typed.
        same_reference = Q(reference__iexact=query)
        files = files.filter(Q(beneficiary__in=people) | in_household | same_reference).distinct()
    found = list(
        files.select_related("beneficiary", "team", "primary_worker").order_by(
            "beneficiary__search_name", "-opened_on"
        )[: MAX_RESULTS + 1]
    )
    return SearchResult(kind, found[:MAX_RESULTS], len(found) > MAX_RESULTS, _elsewhere(user, query, kind))


def _elsewhere(user, query: str, kind: Kind) -> list[SocialFile]:
    """Other teams' files whose beneficiary has exactly this national number, or with exactly this reference.

    Only an exact identifier (the person at the desk gives it) reveals that a file exists, and only its
    reference and team: a name never does, so nobody can go fishing.
    """
    if kind is Kind.NAME or not may_break_glass(user):
        return []
    if kind is Kind.REFERENCE:
        exact = Q(reference=query.replace(" ", ""))
    else:
        digits = _SEPARATORS.sub("", query)
        if len(digits) != 11:
            return []
        exact = Q(beneficiary__national_number=digits)
    visible = visible_files(user).values("pk")
    return list(SocialFile.objects.filter(exact).exclude(pk__in=visible).select_related("team")[:5])
