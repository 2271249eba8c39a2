"""A small CPAS for the people screens: one team's file, a colleague of another team, a payment clerk."""

import datetime
import random

import pytest

from access.roles import Role
from people import synthetic
from people.models import Address, BankAccount
from tests.factories import PersonFactory, SocialFileFactory, TeamFactory, UserFactory
from tests.login import verified_login


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Users are created in nearly every test here; real password hashing is tested elsewhere."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def rng():
    return random.Random(4242)


@pytest.fixture
def team():
    return TeamFactory(name="Antenne Nimy")


@pytest.fixture
def worker(team):
    return UserFactory(role=Role.SOCIAL_WORKER.value, teams=[team], first_name="Sophie", last_name="Lambert")


@pytest.fixture
def colleague(team):
    return UserFactory(role=Role.SOCIAL_WORKER.value, teams=[team], first_name="Karim", last_name="Benali")


@pytest.fixture
def other_team_worker():
    return UserFactory(role=Role.SOCIAL_WORKER.value, teams=[TeamFactory(name="Antenne Cuesmes")])


@pytest.fixture
def payment_clerk():
    return UserFactory(role=Role.PAYMENT_CLERK.value)


@pytest.fixture
def beneficiary(rng):
    born = datetime.date(1985, 7, 30)
    return PersonFactory(
        last_name="Dupont",
        first_names="Marie",
        birth_date=born,
        sex="F",
        national_number=synthetic.national_number(born, "F", rng),
        phone="0475 12 34 56",
    )


@pytest.fixture
def social_file(team, worker, beneficiary):
    return SocialFileFactory(
        team=team, beneficiary=beneficiary, primary_worker=worker, reference="2026/00042"
    )


@pytest.fixture
def address(beneficiary):
    return Address.objects.create(
        person=beneficiary,
        street="Rue de Nimy",
        number="70",
        postal_code="7000",
        city="Mons",
        valid_from=datetime.date(2020, 3, 1),
    )


@pytest.fixture
def account(beneficiary, rng):
    iban = synthetic.belgian_iban(rng)
    return BankAccount.objects.create(
        person=beneficiary,
        iban=iban,
        holder="DUPONT Marie",
        valid_from=datetime.date(2021, 1, 1),
        is_payment_account=True,
    )


@pytest.fixture
def as_worker(client, worker):
    verified_login(client, worker)
    return client
