"""The one search of beneficiaries: by name, national number or file reference, only in visible files.

The access filter is part of the query itself, never applied to results afterwards.
"""

import re
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Q, QuerySet

from access.policy import may_break_glass, visible_files
from files.models import SocialFile
from people.models import HouseholdMember
from people.normalize import fold
from search.backends import name_filter, number_filter

MAX_RESULTS = 50
_SEPARATORS = re.compile(r"[\s.\-/]")
_REFERENCE = re.compile(r"^\d{4}\s*/\s*\d+$")
_DIGIT = re.compile(r"[0-9]")


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


def _matching_people(query: str, kind: Kind) -> QuerySet:
    """Ids of the persons the query names, through an index: the national number's, or the name index."""
    if kind is Kind.NATIONAL_NUMBER:
        return number_filter(_SEPARATORS.sub("", query))
    return name_filter(fold(query))


def _reference_as_typed(query: str) -> Q | None:
    """A reference in another configured format (e.g. "MONS-2026-042"), matched as typed, whatever the case.

    Every reference holds its sequence number (files.services.next_reference), so a query without a digit
    names none; one without letters has no case, and the unique index on the reference finds it.
    """
    if not _DIGIT.search(query):
        return None
    if query.upper() == query.lower():
        return Q(reference=query)
    return Q(reference__iexact=query)


def _same_number(year: str, seq: str) -> list[str]:
    """Every reference "year/seq" whatever the zeros written before the number ("2026/42", "2026/00042"...),
    so that the unique index on the reference finds it."""
    number = str(int(seq))
    room = SocialFile._meta.get_field("reference").max_length - len(year) - 1 - len(number)
    return [f"{year}/{'0' * zeros}{number}" for zeros in range(max(room, 0) + 1)]


def _matching_files(query: str, kind: Kind) -> Q:
    """The files the query names, whoever may see them, as a filter that starts from the indexes.

    The people found give their own files and those of the households they belong to (as a member, then or
    now); a reference is found by its unique index, except one typed with letters in another case, which
    only the query's digits let through to a comparison with every reference.
    """
    if kind is Kind.REFERENCE:
        year, seq = (part.strip() for part in query.split("/"))
        return Q(reference__in=_same_number(year, seq))
    people = _matching_people(query, kind).order_by()
    households = HouseholdMember.objects.filter(member__in=people).order_by().values("person_id")
    beneficiaries = Q(beneficiary__in=people.union(households))
    reference = _reference_as_typed(query)
    if reference is None:
        return beneficiaries
    # A union rather than OR: each side keeps its own index.
    files = [SocialFile.objects.filter(part).order_by().values("pk") for part in (beneficiaries, reference)]
    return Q(pk__in=files[0].union(files[1]))


def reference_filter(reference: str) -> Q:
    """The files a typed reference names, found as the top bar finds them (whatever the zeros, or as typed
    whatever the case); none for a reference without a digit."""
    reference = " ".join(reference.split())
    if _REFERENCE.match(reference):
        return _matching_files(reference, Kind.REFERENCE)
    return _reference_as_typed(reference) or Q(pk__in=[])


def search_files(user, query: str) -> SearchResult:
    """Files visible to `user` whose beneficiary, or a member of whose household, matches `query`.

    The matching files come from indexes (name, national number, reference), not from every visible file,
    and the access policy's visible_files() filters them in the same query.
    """
    query = " ".join(query.split())
    kind = classify(query)
    if not query or not fold(query):
        return SearchResult(kind, [], False)
    files = visible_files(user).filter(_matching_files(query, kind))
    found = list(
        files.select_related("beneficiary", "team", "primary_worker").order_by(
            "beneficiary__search_name", "-opened_on", "pk"
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
