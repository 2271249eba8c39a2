"""More roles never mean less access (issue 10, point 3): a user's rights are the union of their roles'."""

import datetime
import itertools

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from access.models import AccessGrant
from access.policy import Action, can, visible_files
from access.roles import Role
from tests.committee.agenda import put_on_agenda
from tests.factories import SocialFileFactory, TeamFactory, UserFactory
from tests.files.conftest import client_for

pytestmark = pytest.mark.django_db

FILE_ACTIONS = [a for a in Action if a.value.startswith(("file.", "proposal.", "decision.", "letter."))]


@pytest.fixture
def mons():
    own, other = TeamFactory(name="Antenne Mons-Centre"), TeamFactory(name="Antenne Jemappes")
    agenda_file = SocialFileFactory(team=other, primary_worker=UserFactory(teams=[other]))
    item = put_on_agenda(agenda_file, UserFactory(role=Role.COMMITTEE_MEMBER.value))
    return {
        "own": own,
        "body": item.meeting.body,
        "files": {
            "team": SocialFileFactory(team=own),
            "other": SocialFileFactory(team=other),
            "agenda": agenda_file,
            "break_glass": SocialFileFactory(team=other),
        },
    }


def user_with(mons, roles) -> User:
    """A user of Mons-Centre, sitting in the body, with a break-glass grant: only the roles differ."""
    user = UserFactory(teams=[mons["own"]])
    user.groups.add(*(Group.objects.get_or_create(name=role.value)[0] for role in roles))
    mons["body"].members.add(user)
    AccessGrant.objects.create(
        user=user,
        file=mons["files"]["break_glass"],
        kind=AccessGrant.Kind.BREAK_GLASS,
        source=f"user:{user.pk}",
        ends_at=timezone.now() + datetime.timedelta(hours=1),
    )
    return User.objects.get(pk=user.pk)


def test_a_member_who_is_also_a_social_worker_keeps_the_agenda_files(mons):
    both = user_with(mons, [Role.COMMITTEE_MEMBER, Role.SOCIAL_WORKER])
    agenda, team = mons["files"]["agenda"], mons["files"]["team"]
    assert can(both, Action.VIEW_FILE, agenda) and can(both, Action.VIEW_REPORTS, agenda)
    assert can(both, Action.VIEW_FILE, team) and can(both, Action.EDIT_FILE, team)
    assert not can(both, Action.EDIT_FILE, agenda)  # the member role reads; casework stays in the team
    assert set(visible_files(both)) >= {agenda, team}
    client = client_for(both)
    assert client.get(reverse("files:detail", args=[agenda.pk])).status_code == 200
    assert client.get(reverse("files:reports", args=[agenda.pk])).status_code == 200


def assert_union_keeps_every_right(mons, first, second):
    one, two, both = user_with(mons, first), user_with(mons, second), user_with(mons, first | second)
    for action in FILE_ACTIONS:
        listed = {f.pk for f in visible_files(both, action)}
        assert listed >= {f.pk for f in visible_files(one, action)} | {
            f.pk for f in visible_files(two, action)
        }
        for file in mons["files"].values():
            if can(one, action, file) or can(two, action, file):
                assert can(both, action, file), (action, file)
    for action in Action:
        assert can(both, action) is (can(one, action) or can(two, action))


def test_any_two_roles_together_keep_the_rights_of_each(mons):
    for first, second in itertools.combinations(Role, 2):
        assert_union_keeps_every_right(mons, {first}, {second})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    first=st.sets(st.sampled_from(list(Role)), max_size=4),
    second=st.sets(st.sampled_from(list(Role)), max_size=4),
)
def test_adding_roles_never_removes_a_right(mons, first, second):
    assert_union_keeps_every_right(mons, first, second)
