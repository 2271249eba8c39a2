"""People and files of two antennes, for the social file screens."""

import random

import pytest
from django.test import Client

from access.roles import Role
from files import services
from files.models import Report
from people import synthetic
from tests.factories import PersonFactory, SocialFileFactory, TeamFactory, UserFactory
from tests.login import verified_login

BACKEND = "django.contrib.auth.backends.ModelBackend"


def client_for(user) -> Client:
    client = Client()
    verified_login(client, user, backend=BACKEND)
    return client


@pytest.fixture
def rng():
    return random.Random(1976)


@pytest.fixture
def team(db):
    return TeamFactory(name="Antenne Mons-Centre")


@pytest.fixture
def other_team(db):
    return TeamFactory(name="Antenne Jemappes")


@pytest.fixture
def worker(team):
    return UserFactory(first_name="Amélie", last_name="Lambert", role=Role.SOCIAL_WORKER, teams=[team])


@pytest.fixture
def colleague(team):
    return UserFactory(first_name="Bruno", last_name="Dumont", role=Role.SOCIAL_WORKER, teams=[team])


@pytest.fixture
def head(team):
    return UserFactory(first_name="Claire", last_name="Renard", role=Role.HEAD_SOCIAL_WORKER, teams=[team])


@pytest.fixture
def outsider(other_team):
    return UserFactory(first_name="Denis", last_name="Leroy", role=Role.SOCIAL_WORKER, teams=[other_team])


@pytest.fixture
def reception(team):
    """The desk of the file's antenne."""
    return UserFactory(first_name="Eva", last_name="Martin", role=Role.RECEPTION, teams=[team])


@pytest.fixture
def payment_clerk(db):
    return UserFactory(first_name="Fred", last_name="Simon", role=Role.PAYMENT_CLERK)


@pytest.fixture
def file(team, worker):
    person = PersonFactory(last_name="Dubois", first_names="Marie")
    return SocialFileFactory(team=team, primary_worker=worker, beneficiary=person)


@pytest.fixture
def report(file, worker):
    return services.write_report(
        actor=worker,
        file=file,
        kind=Report.Kind.HOME_VISIT,
        title="Visite du 3 mars",
        body="<p>Logement humide, deux enfants.</p>",
    )


@pytest.fixture
def niss(rng):
    """A valid national number for a woman born on 12/05/1990, belonging to nobody."""
    import datetime

    return synthetic.national_number(datetime.date(1990, 5, 12), "F", rng)


def page_text(response) -> str:
    """The text a person reads on the page (entities decoded, tags removed)."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
