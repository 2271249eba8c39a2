"""The indexed search finds exactly what a plain reading of its rules finds, for every kind of user.

A few hundred synthetic persons (accents, hyphens, apostrophes, upper case, quotes, LIKE wildcards), files
in three teams, household members present and past. For each user, every query is answered by search_files()
and by a Python filter over all files: the access policy's can() for each file, then the rules the search has
always had (every word of the folded query in the beneficiary's or a household member's search name; the
national number, whole or its beginning; the reference whatever the zeros, or as typed whatever the case),
sorted by name, newest file first, then id, and cut at MAX_RESULTS.
"""

import datetime
import random
import re

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from access.models import AccessGrant, BodySeat
from access.policy import Action, can
from access.roles import Role
from files.models import SocialFile
from people import synthetic
from people.models import HouseholdMember, Person
from people.normalize import fold, search_name
from search.selectors import MAX_RESULTS, Kind, classify, search_files
from tests.factories import SocialFileFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

LAST = [
    "Lefèvre", "LEFEBVRE", "D'Hondt", "Van den Berghe", "Dupont-Lambert", "Noël", "Straße", "Ødegaard",
    "O'Brien", "Le Clercq", 'Dubois "Le Grand"', "Test_%Nom", "Çelik", "Nguyễn", "MAHIEU",
    "de Saint-Ghislain",
]  # fmt: skip
FIRST = [
    "Hélène",
    "Noé",
    "Jean-Pierre",
    "Marie Thérèse",
    "ZOÉ",
    "Anaïs",
    "Loïc",
    "Ayşe",
    "Chloé",
    "Léa",
    "an",
]
FIXED_QUERIES = [
    "lefevre", "LEFÈVRE", "hélène lef", "efèv", "d'hondt", "d hondt", "hondt", "van den", "den b",
    "jean-pierre", "marie thér", "noel", "NOËL", "strasse", "straße", "ødeg", "o'b", "e", "an", "a n", "le",
    "de s", "zz", "test_", "_", "%", "%nom", '"le', 'grand"', "'", "-", "xyzq", "2026/00042", "2026/42",
    "2026 / 42", "mons-2026-007", "MONS-2026-7", "2026",
]  # fmt: skip


@pytest.fixture
def world():
    rng = random.Random(20261202)
    teams = [TeamFactory(name=name) for name in ("Antenne Nimy", "Antenne Cuesmes", "Antenne Jemappes")]
    people = []
    for n in range(320):
        last = rng.choice(LAST) + rng.choice(["", "", "", "-Ba", " Moreau", "ux"])
        first = rng.choice(FIRST)
        born = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 60))
        sex = rng.choice("MF")
        number = synthetic.national_number(born, sex, rng, bis=n % 17 == 0) if n % 23 else None
        people.append(
            Person(
                last_name=last,
                first_names=first,
                birth_date=born,
                sex=sex,
                national_number=number,
                search_name=search_name(last, first),
            )
        )
    people = Person.objects.bulk_create(people)
    heads, members = people[:180], people[180:]
    files = []
    for n, head in enumerate(heads):
        reference = f"MONS-2026-{n:03d}" if n % 9 == 0 else f"{2020 + n % 7}/{n:05d}"
        opened = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(3) * 100)
        files.append(
            SocialFileFactory(team=teams[n % 3], beneficiary=head, reference=reference, opened_on=opened)
        )
    for member in members:
        link = HouseholdMember(person=rng.choice(heads), member=member, relation="child")
        if rng.random() < 0.2:  # a member who left still leads to the file, as always
            link.since, link.until = datetime.date(2010, 1, 1), datetime.date(2020, 1, 1)
        link.save()
    nimy, cuesmes = teams[0], teams[1]
    users = {
        "social worker": UserFactory(role=Role.SOCIAL_WORKER.value, teams=[nimy]),
        "head of two teams": UserFactory(role=Role.HEAD_SOCIAL_WORKER.value, teams=[nimy, cuesmes]),
        "reception": UserFactory(role=Role.RECEPTION.value, teams=[cuesmes]),
        "legal officer": UserFactory(role=Role.LEGAL_OFFICER.value),
        "committee member": UserFactory(role=Role.COMMITTEE_MEMBER.value),
        "break-glass": UserFactory(role=Role.SOCIAL_WORKER.value, teams=[cuesmes]),
        "admin": UserFactory(role=Role.ADMIN.value),
        "security officer": UserFactory(role=Role.SECURITY_OFFICER.value),
    }
    later = timezone.now() + datetime.timedelta(hours=1)
    BodySeat.objects.create(user=users["committee member"], body="cspss")
    for file in files[2::7]:
        AccessGrant.objects.create(body="cspss", file=file, kind=AccessGrant.Kind.AGENDA, source="meeting:1")
    for file in files[::11]:
        AccessGrant.objects.create(
            user=users["break-glass"],
            file=file,
            kind=AccessGrant.Kind.BREAK_GLASS,
            source="test",
            ends_at=later,
        )
    return {"people": people, "users": users, "rng": rng}


class Rules:
    """The search's rules read plainly: every file and person loaded once, then filtered in Python."""

    def __init__(self):
        self.files = list(SocialFile.objects.select_related("beneficiary"))
        self.members: dict[int, list[Person]] = {}
        for link in HouseholdMember.objects.select_related("member"):
            self.members.setdefault(link.person_id, []).append(link.member)
        # The database's own order of names (its collation): only which files are found is compared.
        names = Person.objects.order_by("search_name").values_list("search_name", flat=True)
        self.rank = {name: n for n, name in enumerate(names)}

    def search(self, user, query: str) -> tuple[list[int], bool]:
        query = " ".join(query.split())
        if not query or not fold(query):
            return [], False
        matches = self._matcher(query)
        found = [f for f in self.files if can(user, Action.VIEW_FILE, f) and matches(f)]
        found.sort(key=lambda f: (self.rank[f.beneficiary.search_name], -f.opened_on.toordinal(), f.pk))
        return [f.pk for f in found[:MAX_RESULTS]], len(found) > MAX_RESULTS

    def _matcher(self, query: str):
        kind = classify(query)
        if kind is Kind.REFERENCE:
            year, seq = (part.strip() for part in query.split("/"))
            same_number = re.compile(rf"{year}/0*{int(seq)}")
            return lambda f: f.reference == query.replace(" ", "") or bool(same_number.fullmatch(f.reference))
        if kind is Kind.NATIONAL_NUMBER:
            digits = re.sub(r"[\s.\-/]", "", query)
            names = lambda p: (p.national_number or "").startswith(digits) and len(digits) <= 11  # noqa: E731
        else:
            words = fold(query).split()
            names = lambda p: all(word in p.search_name for word in words)  # noqa: E731

        def matches(file: SocialFile) -> bool:
            people = [file.beneficiary, *self.members.get(file.beneficiary_id, [])]
            return any(names(p) for p in people) or file.reference.lower() == query.lower()

        return matches


def queries(world) -> list[str]:
    """The fixed queries, slices of names as typed (accents, case), and national numbers in every form."""
    rng, people = world["rng"], world["people"]
    typed = []
    for person in rng.sample(people, 40):
        name = f"{person.last_name} {person.first_names}"
        start = rng.randrange(len(name))
        piece = name[start : start + rng.randint(1, 7)]
        typed.append(piece.upper() if rng.random() < 0.3 else piece)
    numbers = [p.national_number for p in rng.sample(people, 12) if p.national_number]
    forms = [
        numbers[0],
        numbers[1][:6],
        f"{numbers[2][:2]}.{numbers[2][2:4]}.{numbers[2][4:6]}-{numbers[2][6:9]}",
    ]
    forms += [f"{n[:6]} {n[6:9]} {n[9:]}" for n in numbers[3:6]] + [n[:4] for n in numbers[6:8]]
    return FIXED_QUERIES + typed + forms


def test_the_search_finds_what_the_rules_name_for_every_user(world):
    rules, every_query, mismatches = Rules(), queries(world), []
    for label, account in world["users"].items():
        user = User.objects.get(pk=account.pk)  # as a request loads it: no access cache from the set-up
        for query in every_query:
            result = search_files(user, query)
            got, wanted = ([f.pk for f in result.files], result.truncated), rules.search(user, query)
            if got != wanted:
                mismatches.append(f"{label} {query!r}: got {got}, expected {wanted}")
    assert not mismatches, "\n".join(mismatches[:10])


def test_the_world_covers_every_case(world):
    """The comparison above means something: truncated lists, empty ones, household and agenda matches."""
    legal, member = world["users"]["legal officer"], world["users"]["committee member"]
    assert search_files(legal, "e").truncated
    assert search_files(legal, "xyzq").files == []
    assert search_files(member, "e").files and len(search_files(member, "e").files) < MAX_RESULTS
    assert search_files(world["users"]["admin"], "e").files == []
    assert HouseholdMember.objects.filter(until__isnull=False).exists()
