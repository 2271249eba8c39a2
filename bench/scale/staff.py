"""The CPAS's staff at scale: the demo's accounts, plus enough social workers for twenty thousand files."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, User

from access.models import Membership, Team
from access.roles import Role
from demo import accounts, names, places


@dataclass
class Staff:
    users: dict[str, User]  # the demo's accounts by username
    antennes: list[Team]
    workers: dict[int, list[int]] = field(default_factory=dict)  # team id: social workers' ids
    heads: dict[int, int] = field(default_factory=dict)  # team id: its head of service's id
    usernames: dict[int, str] = field(default_factory=dict)  # user id: username (the trail names both)

    def id(self, username: str) -> int:
        return self.users[username].pk


def load(social_workers: int, rng: random.Random) -> Staff:
    """The demo's accounts and antennes, and as many more social workers, spread over the antennes, as make
    `social_workers` in all."""
    users = {u.username: u for u in User.objects.filter(username__in=accounts.USERNAMES)}
    antennes = list(Team.objects.filter(name__in=accounts.ANTENNES).order_by("pk"))
    group = Group.objects.get(name=Role.SOCIAL_WORKER.value)
    extra_workers = max(0, social_workers - group.user_set.count())
    start = User.objects.filter(username__startswith="as.mons").count()
    community = names.COMMUNITY[next(iter(names.COMMUNITY))]
    created = []
    for n in range(start, start + extra_workers):
        sex = rng.choice("MF")
        last, first = names.full_name(rng, community, sex, 1985)
        created.append(User(username=f"as.mons{n + 1:03d}", first_name=first, last_name=last))
    for user in created:
        user.set_unusable_password()  # they never log in: the benchmark opens their sessions itself
    created = User.objects.bulk_create(created)
    group.user_set.add(*created)
    Membership.objects.bulk_create(
        Membership(user=user, team=antennes[n % len(antennes)]) for n, user in enumerate(created)
    )
    staff = Staff(users=users, antennes=antennes)
    for team in antennes:
        members = Membership.objects.filter(team=team, user__groups__name=Role.SOCIAL_WORKER.value)
        staff.workers[team.pk] = sorted(members.values_list("user_id", flat=True))
        staff.heads[team.pk] = users[accounts.head_of(team.name)].pk
    staff.usernames = dict(User.objects.values_list("pk", "username"))
    return staff


def team_of_locality(antennes: list[Team], locality: places.Locality) -> Team:
    """The antenne that serves an address of Mons (nearby communes: the centre)."""
    by_name = {team.name: team for team in antennes}
    return by_name.get(locality.antenne) or by_name[places.CENTRE]
