"""The load test's users: sessions of the demo's accounts, each role with the pages it opens all day."""

from __future__ import annotations

import random

from django.conf import settings
from django.contrib.auth.models import User as Account
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.policy import visible_files
from bench.scale.load import User
from bench.scale.pages import Scene, url
from files import selectors

# Twenty people at work: social workers most of all, then their heads, the desk and the central services.
CROWD = [
    *("as.centre", "as.centre2", "as.centre3", "as.jemappes", "as.jemappes2", "as.cuesmes", "as.cuesmes2"),
    *(
        "as.cuesmes3",
        "as.nimy",
        "as.nimy2",
        "as.centre",
        "chef.centre",
        "chef.jemappes",
        "accueil",
        "accueil",
    ),
    *("juriste", "secretaire", "paiements", "recuperation", "securite"),
]


def signed_in(user: Account) -> Client:
    """A client past both log-in steps, as django_otp.login leaves it: pages are timed, not log-ins."""
    client = Client()
    client.force_login(user)
    device, _created = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def _files(user: Account, rng: random.Random, count: int = 40) -> list[int]:
    own = list(selectors.my_files(user).values_list("pk", flat=True)[:count])
    if len(own) >= count // 2:
        return own
    ids = list(visible_files(user).values_list("pk", flat=True)[:5000])
    return own + rng.sample(ids, min(count, len(ids)))


def _file_urls(files: list[int], tabs: dict[str, float]) -> list[tuple[str, float]]:
    """`tabs` ({URL name: weight}) spread over the files."""
    return [
        (url(name, pk), weight / len(files)) for pk in files for name, weight in tabs.items() if url(name, pk)
    ]


def mix_for(
    role: str, user: Account, scene: Scene, journal: list[str], rng: random.Random
) -> list[tuple[str, float]]:
    searches = [(url("search:results", q=term), 1.0) for term in scene.searches]

    def share(urls, weight):
        return [(u, weight / len(urls)) for u, _w in urls] if urls else []

    from workflow.queues import queues_for

    mine = {q.key for q in queues_for(user)}

    def queue(key: str) -> str | None:
        return url("queues:queue", key) if key in mine else None

    files = _files(user, rng)
    # Everybody lands on Accueil; the social workers and heads also open their whole list of files.
    home = [(url("home:home"), 1.0), (url("files:my_files"), 1.0)]
    if role.startswith("as."):
        tabs = {"files:detail": 25, "people:identity": 7, "people:household": 5, "files:requests": 8}
        tabs |= {"files:reports": 10, "files:timeline": 5}
        return (
            share(home, 10)
            + _file_urls(files, tabs)
            + share(searches, 15)
            + [(queue("a-rediger"), 10), (queue("piis"), 5)]
        )
    if role.startswith("chef."):
        tabs = {"files:detail": 20, "files:reports": 10, "files:requests": 5}
        return share(home, 20) + [(queue("a-valider"), 25)] + _file_urls(files, tabs) + share(searches, 20)
    if role == "accueil":
        return share(searches, 50) + _file_urls(files, {"files:detail": 30, "people:identity": 20})
    if role == "juriste":
        tabs = {"files:detail": 30, "files:reports": 10}
        return (
            [(queue("avis"), 20), (queue("notifications"), 20)]
            + share(home[:1], 10)
            + _file_urls(files, tabs)
            + share(searches, 20)
        )
    if role == "secretaire":
        meeting = [(url("committee:meeting", scene.meeting_id), 40)] if scene.meeting_id else []
        landing = share(home[:1], 10)
        return meeting + [(queue("comite"), 30)] + landing + _file_urls(files, {"files:detail": 30})
    if role == "paiements":
        return [(queue("paiements"), 50)] + _file_urls(files, {"people:bank": 30, "files:detail": 20})
    if role == "recuperation":
        return [(queue("recuperations"), 60)] + _file_urls(files, {"files:detail": 40})
    return [(address, 1.0) for address in journal]


def crowd(count: int, users: dict[str, Account], scene: Scene, journal: list[str], seed: int) -> list[User]:
    rng = random.Random(seed)
    crowd = []
    for n in range(count):
        role = CROWD[n % len(CROWD)]
        account = users[role]
        client = signed_in(account)
        cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        mix = [
            (address, weight) for address, weight in mix_for(role, account, scene, journal, rng) if address
        ]
        crowd.append(User(role=role, cookie=cookie, mix=mix))
    return crowd
