"""Need to know for elected members: a councillor reads a file only while it is on the agenda of a body they
sit in (until 30 days after the meeting is closed), or while an urgent decision on it awaits ratification.
The grants' start and end through the meeting's services: tests/access/test_grants.py."""

import pytest
from django.urls import reverse

from access.policy import Action, can
from access.roles import Role
from access.selectors import access_review
from committee.models import Body
from tests.committee.agenda import put_on_agenda
from tests.factories import SocialFileFactory, UserFactory
from tests.files.conftest import client_for, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(db):
    return UserFactory(first_name="Marc", last_name="Hubert", role=Role.COMMITTEE_MEMBER)


@pytest.fixture
def on_agenda(file, member):
    return put_on_agenda(file, member)


def test_a_member_reads_the_file_on_their_agenda_and_finds_it(file, member, on_agenda):
    client = client_for(member)
    assert client.get(reverse("files:detail", args=[file.pk])).status_code == 200
    assert client.get(reverse("files:reports", args=[file.pk])).status_code == 200
    found = page_text(client.get(reverse("search:results"), {"q": file.beneficiary.last_name}))
    assert file.reference in found
    item = on_agenda
    assert client.get(reverse("committee:item", args=[item.meeting.pk, item.number])).status_code == 200


def test_a_member_reads_no_other_file_and_search_does_not_betray_it(team, member, on_agenda):
    other = SocialFileFactory(team=team)
    client = client_for(member)
    assert client.get(reverse("files:detail", args=[other.pk])).status_code == 404
    found = page_text(client.get(reverse("search:results"), {"q": other.beneficiary.last_name}))
    assert other.reference not in found
    assert not can(member, Action.VIEW_FILE, other)


def test_a_member_of_another_body_sees_neither_the_meeting_nor_its_files(file, on_agenda):
    councillor = UserFactory(role=Role.COMMITTEE_MEMBER)
    put_on_agenda(
        SocialFileFactory(team=file.team, primary_worker=file.primary_worker),
        councillor,
        body_kind=Body.Kind.COUNCIL,
    )
    client = client_for(councillor)
    meeting = on_agenda.meeting
    assert client.get(reverse("committee:meeting", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("committee:item", args=[meeting.pk, 1])).status_code == 404
    assert client.get(reverse("files:detail", args=[file.pk])).status_code == 404
    calendar = page_text(client.get(reverse("committee:calendar")))
    assert "Comité spécial" not in calendar and "Conseil de l'action sociale" in calendar


def test_the_access_review_counts_only_the_files_a_member_decides_on(file, member, on_agenda):
    SocialFileFactory.create_batch(3, team=file.team)
    adviser = UserFactory(role=Role.SECURITY_OFFICER)
    rows = {row["account"].pk: row for row in access_review(adviser)}
    assert rows[member.pk]["files"] == 1
