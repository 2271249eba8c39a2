"""The top bar's counts are the queues' own numbers, for every role, from the files each may act on only."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.db.models import Q

from access.policy import visible_files
from access.roles import Role
from demo import accounts, builder
from tests.factories import TeamFactory, UserFactory
from tests.workflow import queue_data
from workflow import queues
from workflow.queue_pages import counts, items, keys, page
from workflow.queues import BY_KEY, QUEUES

pytestmark = pytest.mark.django_db

A, B = 3, 2  # files of queue items in each antenne


@pytest.fixture
def staff(db):
    """Everybody who might see a queue: two antennes' social workers and heads, and the whole-CPAS roles."""
    mons, jemappes = TeamFactory(name="Antenne Mons-Centre"), TeamFactory(name="Antenne Jemappes")
    users = {
        "worker": UserFactory(role=Role.SOCIAL_WORKER, teams=[mons]),
        "colleague": UserFactory(role=Role.SOCIAL_WORKER, teams=[mons]),
        "head": UserFactory(role=Role.HEAD_SOCIAL_WORKER, teams=[mons]),
        "other_worker": UserFactory(role=Role.SOCIAL_WORKER, teams=[jemappes]),
        "other_head": UserFactory(role=Role.HEAD_SOCIAL_WORKER, teams=[jemappes]),
        "reception": UserFactory(role=Role.RECEPTION, teams=[mons]),
    }
    users |= {role.value: UserFactory(role=role) for role in Role if role not in _TEAM_ROLES}
    queue_data.grow(A, team=mons, worker=users["worker"])
    queue_data.grow(B, team=jemappes, worker=users["other_worker"])
    return users


_TEAM_ROLES = {Role.SOCIAL_WORKER, Role.HEAD_SOCIAL_WORKER, Role.RECEPTION}
# Written by hand from queue_data's docstring and the access policy, not computed by the code under test.
EXPECTED = {
    "worker": {"a-rediger": 3 * A, "piis": 2 * A, "courrier": 0},
    # Not the files' social worker: their PIIS tasks only.
    "colleague": {"a-rediger": 0, "piis": 2 * A, "courrier": 0},
    "head": {"a-rediger": 0, "a-valider": 3 * A, "piis": 2 * A, "courrier": 0},
    "other_worker": {"a-rediger": 3 * B, "piis": 2 * B, "courrier": 0},
    "other_head": {"a-rediger": 0, "a-valider": 3 * B, "piis": 2 * B, "courrier": 0},
    # Incoming mail given to them ("courrier"): those who may add documents (tests/mail has the mail).
    "reception": {"courrier": 0},
    "legal_officer": {"avis": A + B, "notifications": A + B, "courrier": 0},
    "committee_member": {},
    "committee_secretary": {"comite": 3 * (A + B)},
    "president": {"comite": 3 * (A + B)},
    "payment_clerk": {"paiements": 2 * (A + B)},
    "recovery_clerk": {"recuperations": A + B},
    "mail_clerk": {"courrier": 0},
    "bcss_operator": {"bcss": 0},
    "admin": {},
    "security_officer": {},
}


def fresh(user) -> User:
    """The user as a new request loads it (no roles or teams remembered from an earlier read)."""
    return User.objects.get(pk=user.pk)


def test_every_role_counts_what_the_policy_lets_it_act_on(staff):
    assert set(EXPECTED) == set(staff)
    for name, user in staff.items():
        assert {queue.key: n for queue, n in counts(fresh(user))} == EXPECTED[name], name


def test_reading_every_file_without_a_subquery_gives_the_same_rows(staff, monkeypatch):
    """A role reaching every file reads the queues without the policy's subquery: same rows, every role."""
    fast = {(name, q.key): keys(fresh(user), q) for name, user in staff.items() for q in QUEUES}
    assert sum(map(len, fast.values())) > 0
    monkeypatch.setattr(
        queues, "_within", lambda user, action, path="file": Q(**{f"{path}__in": visible_files(user, action)})
    )
    assert fast == {(name, q.key): keys(fresh(user), q) for name, user in staff.items() for q in QUEUES}


def assert_counts_match_pages(user, label) -> None:
    for queue, n in counts(fresh(user)):
        found = keys(fresh(user), queue)
        assert len(found) == len(set(found)) == n, (label, queue.key)
        assert page(fresh(user), queue, 1).paginator.count == n, (label, queue.key)
        listed = items(fresh(user), queue)
        assert len(listed) == n, (label, queue.key)
        order = [queue_data.queue_order(item) for item in listed]
        assert order == sorted(order), (label, queue.key)
        assert len({item.key for item in listed}) == n, (label, queue.key)


def test_counts_are_the_lengths_of_the_queue_pages(staff):
    for name, user in staff.items():
        assert_counts_match_pages(user, name)


def test_counts_are_the_lengths_of_the_queue_pages_for_every_demo_account(fast_hasher):
    builder.build_demo(beneficiaries=20)
    users = User.objects.filter(username__in=accounts.USERNAMES)
    assert users.count() == len(accounts.USERNAMES)
    seen = {queue.key for user in users for queue, n in counts(user) if n}
    assert {"a-rediger", "a-valider", "avis"} <= seen  # every queue: the staff tests above
    for user in users:
        assert_counts_match_pages(user, user.username)


@pytest.fixture
def fast_hasher(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_the_opinion_delay_runs_from_the_day_it_was_asked_in_brussels(staff):
    # queue_data's first opinion was asked on Monday 05/10/2026 at 22:30 UTC: Tuesday 00:30 in Brussels.
    listed = items(fresh(staff["legal_officer"]), BY_KEY["avis"])
    assert min(item.due for item in listed) == datetime.date(2026, 10, 13)  # not 12/10, from Monday
