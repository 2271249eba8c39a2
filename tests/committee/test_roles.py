"""Every meeting page, for every role: exactly what the access policy grants to the action it declares."""

import pytest
from django.urls import reverse

from access.policy import can
from access.roles import Role
from committee import services, views
from tests.factories import UserFactory
from tests.files.conftest import client_for

pytestmark = pytest.mark.django_db

PAGES = [
    ("committee:calendar", views.CalendarView, {}),
    ("committee:meeting", views.MeetingView, {"pk": None}),
    ("committee:item", views.ItemView, {"pk": None, "number": 1}),
    ("committee:convocation", views.ConvocationPdfView, {"pk": None}),
]


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_each_role_gets_exactly_what_the_policy_grants(role, board, meeting, ready, team):
    services.compose_agenda(actor=board["secretary"], meeting=meeting)
    services.freeze(actor=board["secretary"], meeting=meeting)  # opens the files to members
    user = UserFactory(role=role.value, teams=[team])
    if role is Role.COMMITTEE_MEMBER:
        board["body"].members.add(user)  # a member reads the meetings of the body they sit in
    client = client_for(user)
    for name, view, kwargs in PAGES:
        url = reverse(name, kwargs={k: meeting.pk if v is None else v for k, v in kwargs.items()})
        expected = 200 if can(user, view.action) else 403
        assert client.get(url).status_code == expected, (name, role)
