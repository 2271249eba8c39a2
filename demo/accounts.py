"""The demo's teams (antennes and services of the CPAS de Mons) and its accounts, one password for all."""

from __future__ import annotations

import base64
import datetime
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.models import Membership, Team
from access.roles import Role
from demo import places
from letters.models import Letterhead
from people.normalize import fold

DEMO_PASSWORD = "demo-Mons-2026"  # noqa: S105 (printed for everyone to use: this is a demo)
# To try the real second factor (DOSSIER_DEMO_SKIP_SECOND_FACTOR=0 bin/demo): this account's authentication
# app has a synthetic secret, printed by bin/demo; the others enrol theirs by QR code at their first log-in.
TOTP_ACCOUNT = "as.centre"
TOTP_SECRET = "MRXXG43JMVZC243PMNUWC3BNMRSW23ZB"  # noqa: S105 (base32 of b"dossier-social-demo!": public)
CPAS_NAME = "CPAS de Mons (démo)"
LEGAL, PAYMENTS = "Service juridique", "Service des paiements"

# (name, kind, address)
TEAMS = [
    (places.CENTRE, Team.Kind.ANTENNE, "rue de Bertaimont 1, 7000 Mons"),
    (places.JEMAPPES, Team.Kind.ANTENNE, "place de Jemappes 12, 7012 Jemappes"),
    (places.CUESMES, Team.Kind.ANTENNE, "rue de l'Église 25, 7033 Cuesmes"),
    (places.NIMY, Team.Kind.ANTENNE, "rue Mouzin 8, 7020 Nimy"),
    (LEGAL, Team.Kind.SERVICE, "rue de Bertaimont 1, 7000 Mons"),
    (PAYMENTS, Team.Kind.SERVICE, "rue de Bertaimont 1, 7000 Mons"),
]
ANTENNES = [name for name, kind, _address in TEAMS if kind == Team.Kind.ANTENNE]


@dataclass(frozen=True)
class StaffAccount:
    username: str
    first_name: str
    last_name: str
    role: Role
    teams: tuple[str, ...] = ()
    since: datetime.date = datetime.date(2018, 9, 1)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


SW, HEAD = Role.SOCIAL_WORKER, Role.HEAD_SOCIAL_WORKER
ACCOUNTS = [
    StaffAccount("as.centre", "Sophie", "Lambotte", SW, (places.CENTRE,), datetime.date(2016, 3, 1)),
    StaffAccount("as.centre2", "Julien", "Van Hecke", SW, (places.CENTRE,), datetime.date(2021, 1, 4)),
    StaffAccount("as.centre3", "Aïcha", "Benjelloun", SW, (places.CENTRE,), datetime.date(2023, 9, 1)),
    StaffAccount("as.jemappes", "Caroline", "Dessart", SW, (places.JEMAPPES,), datetime.date(2012, 5, 2)),
    StaffAccount("as.jemappes2", "Maxime", "Urbain", SW, (places.JEMAPPES,), datetime.date(2022, 2, 1)),
    StaffAccount("as.cuesmes", "Nathalie", "Dupire", SW, (places.CUESMES,), datetime.date(2010, 10, 1)),
    StaffAccount("as.cuesmes2", "Karim", "Belkacem", SW, (places.CUESMES,), datetime.date(2019, 6, 3)),
    StaffAccount("as.cuesmes3", "Laura", "Cappelle", SW, (places.CUESMES,), datetime.date(2024, 1, 8)),
    StaffAccount("as.nimy", "Delphine", "Bauwens", SW, (places.NIMY,), datetime.date(2014, 4, 1)),
    StaffAccount("as.nimy2", "Olivier", "Gobert", SW, (places.NIMY,), datetime.date(2020, 9, 1)),
    StaffAccount("chef.centre", "Isabelle", "Vandenhove", HEAD, (places.CENTRE, places.NIMY)),
    StaffAccount("chef.jemappes", "Bernard", "Delizée", HEAD, (places.JEMAPPES, places.CUESMES)),
    StaffAccount("juriste", "Anne-Sophie", "Ledent", Role.LEGAL_OFFICER, (LEGAL,)),
    StaffAccount("comite", "Georges", "Hallez", Role.COMMITTEE_MEMBER),
    StaffAccount("comite2", "Martine", "Stiernon", Role.COMMITTEE_MEMBER),
    StaffAccount("secretaire", "Valérie", "Lison", Role.COMMITTEE_SECRETARY),
    StaffAccount("president", "Jean-François", "Deltenre", Role.PRESIDENT),
    StaffAccount("paiements", "Catherine", "Malengreau", Role.PAYMENT_CLERK, (PAYMENTS,)),
    StaffAccount("recuperation", "Damien", "Fievez", Role.RECOVERY_CLERK, (PAYMENTS,)),
    # The central desk serves the four antennes; any other file needs a break-glass reason.
    StaffAccount("accueil", "Samia", "Bouchta", Role.RECEPTION, tuple(ANTENNES)),
    StaffAccount("courrier", "Marc", "Dubuisson", Role.MAIL_CLERK),
    StaffAccount("bcss", "Fabienne", "Leleux", Role.BCSS_OPERATOR),
    StaffAccount("admin", "Thomas", "Verhelst", Role.ADMIN),
    StaffAccount("securite", "Pascale", "Duvivier", Role.SECURITY_OFFICER),
]
USERNAMES = [a.username for a in ACCOUNTS]


def social_workers(team: str) -> list[str]:
    return [a.username for a in ACCOUNTS if a.role == SW and team in a.teams]


def head_of(team: str) -> str:
    return next(a.username for a in ACCOUNTS if a.role == HEAD and team in a.teams)


OPENING_HOURS = "du lundi au vendredi, de 8 h 30 à 12 h ; l'après-midi sur rendez-vous"


def ensure_teams() -> dict[str, Team]:
    teams = {}
    for index, (name, kind, address) in enumerate(TEAMS):
        contact = {
            "phone": f"065 41 23 {index:02d}",
            "email": f"equipe{index + 1}@cpas-mons.example",  # reserved domain: no mail leaves the demo
            "opening_hours": OPENING_HOURS,
        }
        team, _created = Team.objects.update_or_create(
            name=name, defaults={"kind": kind, "address": address, **contact}
        )
        teams[name] = team
    ensure_letterhead()
    return teams


def ensure_letterhead() -> None:
    """The demo CPAS's letterhead (synthetic names), unless an admin has written one."""
    Letterhead.objects.get_or_create(
        pk=1,
        defaults={
            "name": CPAS_NAME,
            "address": "Rue de Bertaimont 1\n7000 Mons",
            "place": "Mons",
            "phone": "065 41 23 00",
            "president_name": "Claire Demoustier",
            "director_name": "Luc Wattiez",
        },
    )


def ensure_accounts(teams: dict[str, Team]) -> tuple[dict[str, User], list[str]]:
    """Create the demo accounts that are missing; returns them by username and the usernames that existed
    already. An existing account is left as it is: its password, role, teams and devices are its owner's,
    and a demo loaded into a database with real accounts must not open them with the printed password.

    Every new account gets the same password hash: PBKDF2 takes about half a second per hash, and the demo
    password is printed for everyone anyway, so one hash (one salt) for all is an acceptable shortcut here.
    """
    password = make_password(DEMO_PASSWORD)
    groups = {g.name: g for g in Group.objects.filter(name__in=[r.value for r in Role])}
    users = {user.username: user for user in User.objects.filter(username__in=USERNAMES)}
    existing = sorted(users)
    for account in ACCOUNTS:
        if account.username in users:
            continue
        user = User.objects.create(
            username=account.username,
            first_name=account.first_name,
            last_name=account.last_name,
            email=f"{fold(account.first_name)}.{fold(account.last_name)}@example.org".replace(" ", "-"),
            password=password,
            is_staff=account.is_admin,
            is_superuser=account.is_admin,
            date_joined=datetime.datetime.combine(account.since, datetime.time(9), tzinfo=datetime.UTC),
        )
        user.groups.set([groups[account.role.value]])
        for name in account.teams:
            Membership.objects.create(user=user, team=teams[name])
        Membership.objects.filter(user=user).update(since=account.since)  # `since` is set on creation
        users[account.username] = user
        if account.username == TOTP_ACCOUNT:
            TOTPDevice.objects.create(
                user=user,
                name="Démo",
                key=base64.b32decode(TOTP_SECRET).hex(),
                confirmed=True,
                last_t=-1,
            )
    return users, existing
