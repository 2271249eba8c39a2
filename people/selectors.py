"""Reads about people: duplicates, current address, household, accounts, resources."""

import datetime
import difflib
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from people.models import Address, BankAccount, HouseholdMember, Person, Resource
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


def address_history(person: Person) -> list[Address]:
    """Every address of the person: current ones first (residence first), then older ones, newest first."""
    addresses = list(Address.objects.filter(person=person).order_by("-valid_from", "-id"))
    kinds = list(Address.Kind.values)
    return sorted(addresses, key=lambda a: (not a.is_current, kinds.index(a.kind) if a.is_current else 0))


def household(person: Person, *, on: datetime.date | None = None) -> tuple[list, list]:
    """(current members, former members) of the person's household on a day (today by default)."""
    on = on or timezone.localdate()
    links = HouseholdMember.objects.filter(person=person).select_related("member")
    current = [link for link in links if link.until is None or link.until > on]
    former = sorted(
        (link for link in links if link not in current), key=lambda link: link.until, reverse=True
    )
    return current, former


def bank_accounts(person: Person) -> list[BankAccount]:
    """The person's accounts, the payment account first."""
    return list(
        BankAccount.objects.filter(person=person).order_by("-is_payment_account", "-valid_from", "-id")
    )


def payment_account(person: Person) -> BankAccount | None:
    return BankAccount.objects.filter(person=person, is_payment_account=True).first()


def file_person(file, person_pk: int) -> Person | None:
    """The beneficiary of `file` or a member of their household, by id; None for anybody else."""
    if person_pk == file.beneficiary_id:
        return file.beneficiary
    link = HouseholdMember.objects.filter(person_id=file.beneficiary_id, member_id=person_pk).first()
    return link.member if link else None


def visible_file_of(user, person: Person):
    """A file that names `person` (as beneficiary or household member) and that `user` may see, or None."""
    from access.policy import visible_files

    files = visible_files(user).filter(Q(beneficiary=person) | Q(beneficiary__household__member=person))
    return files.order_by("-last_activity_at").first()


def members_on(person: Person, on: datetime.date) -> list[HouseholdMember]:
    """The household links of `person` on a day: joined by then (or on an unknown day), not yet left."""
    links = HouseholdMember.objects.filter(person=person).filter(
        Q(since__isnull=True) | Q(since__lte=on), Q(until__isnull=True) | Q(until__gt=on)
    )
    return list(links.select_related("member"))


@dataclass
class PersonResources:
    """One person of a household and their resources: received on the day, and the others (ended, to come)."""

    person: Person
    link: HouseholdMember | None  # None for the beneficiary
    current: list[Resource] = field(default_factory=list)
    others: list[Resource] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((r.monthly_amount for r in self.current), Decimal(0))


@dataclass
class HouseholdResources:
    on: datetime.date
    people: list[PersonResources]

    @property
    def total(self) -> Decimal:
        """The household's monthly resources on the day, net."""
        return sum((p.total for p in self.people), Decimal(0))


def household_resources(person: Person, *, on: datetime.date | None = None) -> HouseholdResources:
    """The resources of `person` and of the members of their household on a day (today by default)."""
    on = on or timezone.localdate()
    rows = [PersonResources(person, None)] + [
        PersonResources(link.member, link) for link in members_on(person, on)
    ]
    by_person = {row.person.pk: row for row in rows}
    for resource in Resource.objects.filter(person__in=by_person).order_by("-since", "-id"):
        row = by_person[resource.person_id]
        (row.current if resource.is_current(on) else row.others).append(resource)
    return HouseholdResources(on, rows)


def file_resource(file, resource_pk: int) -> Resource | None:
    """A resource of the beneficiary of `file` or of a member of their household; None for anybody else's."""
    resource = Resource.objects.select_related("person").filter(pk=resource_pk).first()
    if resource is None or file_person(file, resource.person_id) is None:
        return None
    return resource
