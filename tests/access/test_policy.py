"""The access policy, role by role and action by action, as declared in access.policy.POLICY."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from access.models import AccessGrant
from access.policy import BREAK_GLASS_ACTIONS, POLICY, Action, Scope, can, may_break_glass, visible_files
from access.roles import Role
from files.models import Report
from tests.factories import SocialFileFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

FILE_ACTIONS = [a for a in Action if a.value.startswith("file.") and a is not Action.CREATE_FILE]


@pytest.fixture
def world():
    own, other = TeamFactory(name="Antenne Mons-Centre"), TeamFactory(name="Antenne Jemappes")
    return {
        "own_team": own,
        "own_file": SocialFileFactory(team=own),
        "other_file": SocialFileFactory(team=other),
        "users": {role: UserFactory(role=role.value, teams=[own]) for role in Role},
    }


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", FILE_ACTIONS)
def test_every_role_and_file_action_follows_the_declared_scope(world, role, action):
    user = world["users"][role]
    scope = POLICY[role].get(action, Scope.NONE)
    assert can(user, action, world["own_file"]) is (scope >= Scope.TEAM)  # nobody follows own_file (OWN)
    assert can(user, action, world["other_file"]) is (scope is Scope.ALL)
    listed = set(visible_files(user, action))
    assert (world["own_file"] in listed) is (scope >= Scope.TEAM)
    assert (world["other_file"] in listed) is (scope is Scope.ALL)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(
    "action",
    [
        Action.CREATE_FILE,
        Action.MANAGE_USERS,
        Action.VIEW_AUDIT,
        Action.NOTIFY_DECISION,
        Action.DISPATCH_LETTER,
        Action.FILE_SCANS,
    ],
)
def test_actions_on_no_file_follow_the_declared_policy(world, role, action):
    assert can(world["users"][role], action) is (action in POLICY[role])


def test_need_to_know_facts_a_security_adviser_checks(world):
    users = world["users"]
    other = world["other_file"]
    assert not can(users[Role.SOCIAL_WORKER], Action.VIEW_FILE, other)
    assert not can(users[Role.HEAD_SOCIAL_WORKER], Action.VIEW_FILE, other)
    assert not can(users[Role.PAYMENT_CLERK], Action.VIEW_REPORTS, world["own_file"])
    assert not can(users[Role.RECEPTION], Action.VIEW_REPORTS, world["own_file"])
    assert not can(users[Role.ADMIN], Action.VIEW_FILE, world["own_file"])
    assert not can(users[Role.SECURITY_OFFICER], Action.VIEW_FILE, world["own_file"])
    assert not can(users[Role.SOCIAL_WORKER], Action.ASSIGN_FILE, world["own_file"])
    assert can(users[Role.HEAD_SOCIAL_WORKER], Action.ASSIGN_FILE, world["own_file"])
    # The mail cell posts every file's letters but writes none and reads no report.
    assert can(users[Role.MAIL_CLERK], Action.DISPATCH_LETTER, other)
    assert not can(users[Role.MAIL_CLERK], Action.NOTIFY_DECISION, other)
    assert not can(users[Role.MAIL_CLERK], Action.VIEW_REPORTS, world["own_file"])
    assert not can(users[Role.SOCIAL_WORKER], Action.DISPATCH_LETTER, world["own_file"])


def test_a_superuser_without_role_sees_no_file(world):
    root = User.objects.create_superuser("root", password="x-long-password")
    assert not can(root, Action.VIEW_FILE, world["own_file"])
    assert list(visible_files(root)) == []


def test_an_inactive_or_anonymous_user_may_do_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    worker = world["users"][Role.SOCIAL_WORKER]
    worker.is_active = False
    worker.save()
    worker = User.objects.get(pk=worker.pk)
    assert not can(worker, Action.VIEW_FILE, world["own_file"])
    assert not can(AnonymousUser(), Action.VIEW_FILE, world["own_file"])


def test_a_restricted_report_is_read_only_by_its_author_and_the_head(world):
    users = world["users"]
    author = users[Role.SOCIAL_WORKER]
    colleague = UserFactory(role=Role.SOCIAL_WORKER.value, teams=[world["own_team"]])
    report = Report.objects.create(
        file=world["own_file"],
        kind=Report.Kind.NOTE,
        title="Confidentiel",
        body="<p>x</p>",
        author=author,
        confidentiality=Report.Confidentiality.RESTRICTED,
    )
    assert can(author, Action.VIEW_REPORTS, report)
    assert can(users[Role.HEAD_SOCIAL_WORKER], Action.VIEW_REPORTS, report)
    assert not can(colleague, Action.VIEW_REPORTS, report)
    assert not can(users[Role.LEGAL_OFFICER], Action.VIEW_REPORTS, report)


@pytest.mark.parametrize("role", list(Role))
def test_own_scope_covers_only_the_files_the_user_follows(world, role):
    """Scope OWN (a social worker and the access log): the files of which the user is the primary worker."""
    user = world["users"][role]
    followed = SocialFileFactory(team=world["own_team"], primary_worker=user)
    for action in FILE_ACTIONS:
        if POLICY[role].get(action) is Scope.OWN:
            assert can(user, action, followed)
            assert not can(user, action, world["own_file"])
            assert set(visible_files(user, action)) == {followed}


@pytest.mark.parametrize("role", list(Role))
def test_break_glass_opens_reading_and_requests_but_never_editing(world, role):
    user = world["users"][role]
    other = world["other_file"]
    if not may_break_glass(user):
        return
    AccessGrant.objects.create(
        user=user,
        file=other,
        kind=AccessGrant.Kind.BREAK_GLASS,
        source=f"user:{user.pk}",
        reason="Permanence",
        ends_at=timezone.now() + datetime.timedelta(hours=1),
    )
    user = User.objects.get(pk=user.pk)  # a new request: the policy reads the grant afresh
    for action in FILE_ACTIONS:
        granted = action in BREAK_GLASS_ACTIONS and POLICY[role].get(action, Scope.NONE) >= Scope.TEAM
        assert can(user, action, other) is granted, action
        assert (other in visible_files(user, action)) is granted, action
