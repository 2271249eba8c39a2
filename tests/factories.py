"""Test data built with factory-boy: synthetic people with valid identifiers, users holding a role."""

import datetime
import random

import factory
from django.contrib.auth.models import Group, User

from access.models import Membership, Team
from files.models import SocialFile
from people import synthetic
from people.models import BankAccount, Person
from people.normalize import search_name

_rng = random.Random(20261126)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Antenne {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"agent{n}")
    first_name = factory.Faker("first_name", locale="fr_BE")
    last_name = factory.Faker("last_name", locale="fr_BE")
    password = factory.django.Password("motdepasse-de-test")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get_or_create(name=extracted)[0])

    @factory.post_generation
    def teams(self, create, extracted, **kwargs):
        for team in extracted or []:
            Membership.objects.create(user=self, team=team)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    last_name = factory.Faker("last_name", locale="fr_BE")
    first_names = factory.Faker("first_name", locale="fr_BE")
    sex = factory.LazyFunction(lambda: _rng.choice("MF"))
    birth_date = factory.LazyFunction(
        lambda: datetime.date(1950, 1, 1) + datetime.timedelta(days=_rng.randrange(365 * 55))
    )
    national_number = factory.LazyAttribute(lambda p: synthetic.national_number(p.birth_date, p.sex, _rng))
    nationality = "BE"
    search_name = factory.LazyAttribute(lambda p: search_name(p.last_name, p.first_names))


class SocialFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SocialFile

    reference = factory.Sequence(lambda n: f"2026/{n + 90000:05d}")
    beneficiary = factory.SubFactory(PersonFactory)
    team = factory.SubFactory(TeamFactory)


def payment_account(person: Person) -> BankAccount:
    """The account a granted aid is paid to: a notification names it (and is not produced without it)."""
    return BankAccount.objects.create(
        person=person,
        iban=synthetic.belgian_iban(_rng),
        holder=person.full_name,
        valid_from=datetime.date(2020, 1, 1),
        is_payment_account=True,
    )
