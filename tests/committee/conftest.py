"""A committee (president, secretary, two members), its meetings, proposals ready for it, and signing keys.

The proposals reuse the workflow step tests' file and aid type (tests.workflow.steps.conftest).
"""

import datetime

import pytest
import time_machine
from django.utils import timezone

from access.roles import Role
from committee.models import Body, Meeting
from files.models import AidRequest
from people.models import Address
from tests.committee.keys import make_signing_keys
from tests.factories import SocialFileFactory, UserFactory, payment_account
from tests.files.conftest import client_for, head, team, worker  # noqa: F401
from tests.workflow.steps.conftest import aid_type, make_proposal, request_  # noqa: F401
from workflow.declaration import State


@pytest.fixture
def board(db):
    secretary = UserFactory(first_name="Sam", last_name="Secrétaire", role=Role.COMMITTEE_SECRETARY)
    president = UserFactory(first_name="Paul", last_name="Président", role=Role.PRESIDENT)
    members = [
        UserFactory(first_name="Marc", last_name="Hubert", role=Role.COMMITTEE_MEMBER),
        UserFactory(first_name="Nina", last_name="Collin", role=Role.COMMITTEE_MEMBER),
    ]
    body = Body.objects.create(kind=Body.Kind.COMMITTEE, president=president, secretary=secretary)
    body.members.set([president, *members])
    return {"body": body, "secretary": secretary, "president": president, "members": members}


MEETING_DAY = datetime.date(2026, 12, 3)


def at(day: datetime.date, hour: int = 14) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture(autouse=True)
def on_the_meeting_day(request):
    """Tests run on the morning of the meeting's day: a meeting cannot be opened before it. (A browser keeps
    the real clock, so browser tests hold their meeting today instead.)"""
    if request.node.get_closest_marker("browser"):
        yield
        return
    with time_machine.travel(at(MEETING_DAY, 9), tick=True):
        yield


@pytest.fixture
def meeting(board):
    return Meeting.objects.create(body=board["body"], starts_at=at(MEETING_DAY), place="Salle du conseil")


@pytest.fixture
def next_meeting(board):
    return Meeting.objects.create(
        body=board["body"], starts_at=at(datetime.date(2026, 12, 17)), place="Salle du conseil"
    )


@pytest.fixture
def file(team, worker):  # noqa: F811
    """A Mons-Centre file with the current address its notification needs (court, letter)."""
    file = SocialFileFactory(team=team, primary_worker=worker, reference="2026/00077")
    Address.objects.create(
        person=file.beneficiary,
        street="Rue de Nimy",
        number="12",
        postal_code="7000",
        city="Mons",
        valid_from=datetime.date(2020, 1, 1),
    )
    payment_account(file.beneficiary)
    return file


@pytest.fixture
def ready(file, request_, worker, aid_type):  # noqa: F811
    """Three proposals ready for the committee, requested on different days (the agenda orders them)."""
    made = []
    for day in (20, 5, 12):
        request = AidRequest.objects.create(
            file=file, aid="financial", requested_on=datetime.date(2026, 11, day), registered_by=worker
        )
        made.append(make_proposal(file, request, worker, aid_type, state=State.READY, amount=100 + day))
    return made


@pytest.fixture
def signing_keys(tmp_path, settings):
    """A throwaway CA and one certificate per signer, made at test time (never committed)."""
    ca_path, signers = make_signing_keys(tmp_path)
    settings.MINUTES_SIGNERS = signers
    return ca_path
