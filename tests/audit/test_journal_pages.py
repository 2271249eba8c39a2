"""The audit lists in pages by (moment, id): the journal with each filter, security screens, Consultations.

A page reads its own rows only (no count of the trail): its rows are exactly those of the unpaged, filtered
list, in order, and its cost in queries does not grow with the trail.
"""

import datetime
import zoneinfo

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from access.roles import Role
from audit import paging, selectors
from audit.models import AuditEvent
from audit.services import Verb
from files import selectors as files_selectors
from tests.factories import SocialFileFactory, TeamFactory, UserFactory
from tests.login import verified_login
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
MOMENT = timezone.now().replace(microsecond=0) - datetime.timedelta(days=2)


@pytest.fixture
def adviser():
    return UserFactory(username="securite", role=Role.SECURITY_OFFICER)


@pytest.fixture
def file():
    return SocialFileFactory(reference="2026/00777", team=TeamFactory(name="Antenne Havré"))


def events(n: int, *, at=MOMENT, step=datetime.timedelta(seconds=1), **values) -> list[AuditEvent]:
    """`n` events (plain INSERTs, no chaining: these tests read pages), a `step` apart, oldest first."""
    values.setdefault("verb", Verb.VIEW)
    rows = [AuditEvent(at=at + i * step, **values) for i in range(n)]
    return AuditEvent.objects.bulk_create(rows, batch_size=500)


def ids(response) -> list[int]:
    assert response.status_code == 200
    return [event.pk for event in response.context["page"].object_list]


def link(response, rel: str) -> str | None:
    anchor = BeautifulSoup(response.content, "html.parser").select_one(f"nav.pagination a[rel={rel}]")
    return anchor["href"] if anchor else None


def walk(client, url: str, params: dict) -> tuple[list[int], list[list[int]], list[list[int]]]:
    """Every page from the first, following "Plus anciens": the ids of every row, the pages, and the pages
    before the last one again, walked back with "Plus récents" from the last."""
    seen, pages = [], []
    response = client.get(url, params)
    while True:
        pages.append(ids(response))
        seen += pages[-1]
        older = link(response, "next")
        if older is None:
            break
        response = client.get(url + older)
    back = []
    while (newer := link(response, "prev")) is not None:
        response = client.get(url + newer)
        back.insert(0, ids(response))
    return seen, pages, back


def test_the_journal_pages_through_rows_of_the_same_moment_without_losing_or_repeating_one(client, adviser):
    made = events(250, step=datetime.timedelta(0))  # all at one moment: the id decides
    verified_login(client, adviser)
    seen, pages, back = walk(client, reverse("audit:review"), {"verb": "view"})
    assert seen == [event.pk for event in reversed(made)]
    assert [len(page) for page in pages] == [100, 100, 50]
    assert back == pages[:-1]  # "Plus récents" from the last page gives the same pages back


def test_a_cursor_that_cannot_be_read_shows_the_first_page_with_a_message(client, adviser):
    made = events(3)
    verified_login(client, adviser)
    for cursor in ("nimporte", "12_x", "99999999999999999999999_1", "1_0", "1_99999999999999999999"):
        response = client.get(reverse("audit:review"), {paging.OLDER: cursor, "verb": "view"})
        assert response.status_code == 200, cursor
        text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
        assert "La position demandée dans la liste n'est pas valable" in text
        assert ids(response) == [event.pk for event in reversed(made)]
    # A position before the first row: no row, and the way back to the newest.
    response = client.get(reverse("audit:review"), {paging.OLDER: "-5_3", "verb": "view"})
    assert ids(response) == [] and link(response, "prev") == "?verb=view"


def test_each_filter_gives_the_rows_of_the_unpaged_list(client, adviser, file):
    worker = UserFactory(username="as.havre", role=Role.SOCIAL_WORKER)
    other = UserFactory(username="as.nimy", role=Role.SOCIAL_WORKER)
    events(130, user=worker, username="as.havre", file_id=file.pk)
    events(40, user=other, username="as.nimy", verb=Verb.SEARCH)
    events(120, username="as.havre", verb=Verb.LOGIN_FAILED)  # typed names: no account named
    events(20, user=worker, username="as.havre", verb=Verb.UPDATE, file_id=file.pk)
    verified_login(client, adviser)
    url = reverse("audit:review")
    cases = [
        ({"user": worker.pk}, {"user_id": worker.pk}),
        ({"username": "as.havre"}, {"username": "as.havre"}),
        ({"reference": "2026/00777"}, {"file_id": file.pk}),
        ({"verb": "login_failed"}, {"verb": "login_failed"}),
        (
            {"user": worker.pk, "verb": "update", "reference": "2026/00777"},
            {"user_id": worker.pk, "verb": "update", "file_id": file.pk},
        ),
    ]
    for params, filters in cases:
        expected = list(
            selectors.review(adviser, **filters).order_by("-at", "-id").values_list("pk", flat=True)
        )
        seen, pages, back = walk(client, url, params)
        assert seen == list(expected) and back == pages[:-1], params
        assert len(pages) > 1 or params.get("verb") == "update", params


def test_the_period_is_of_brussels_days(adviser):
    # 23:30 on 31 March in Brussels is 21:30 UTC (summer time); 00:30 on 1 April is 22:30 UTC on 31 March.
    late = datetime.datetime(2026, 3, 31, 23, 30, tzinfo=BRUSSELS)
    events(1, at=late, username="tard")
    events(1, at=late + datetime.timedelta(hours=1), username="lendemain")
    events(1, at=datetime.datetime(2026, 3, 31, 0, 0, tzinfo=BRUSSELS), username="minuit")
    events(1, at=datetime.datetime(2026, 3, 30, 23, 59, 59, tzinfo=BRUSSELS), username="veille")

    def names(**period):
        return set(selectors.review(adviser, **period).values_list("username", flat=True))

    day = datetime.date(2026, 3, 31)
    assert names(day_from=day, day_to=day) == {"minuit", "tard"}
    assert names(day_from=day + datetime.timedelta(days=1)) == {"lendemain"}
    assert names(day_to=day - datetime.timedelta(days=1)) == {"veille"}


def grow_trail(file, user):
    """Thousands more rows of every kind the filters select."""

    def grow():
        events(1500, user=user, username=user.username, file_id=file.pk)
        events(1500, username="as.havre", verb=Verb.LOGIN_FAILED)
        events(1000, verb=Verb.PRINT, user=user, username=user.username, file_id=file.pk)

    return grow


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"user": "worker"},
        {"username": "as.havre"},
        {"reference": "2026/00777"},
        {"verb": "view"},
        {"day_from": "01/01/2020", "day_to": "31/12/2030"},
        {"user": "worker", "verb": "print", "reference": "2026/00777", "day_from": "01/01/2020"},
    ],
)
def test_a_journal_page_costs_the_same_queries_whatever_the_size_of_the_trail(client, adviser, file, params):
    worker = UserFactory(username="as.havre", role=Role.SOCIAL_WORKER)
    params = {k: worker.pk if v == "worker" else v for k, v in params.items()}
    grow = grow_trail(file, worker)
    grow()  # full pages from the start, so that both counts are of full pages
    verified_login(client, adviser)
    url = reverse("audit:review")
    first = client.get(url, params)
    older = link(first, "next")
    assert older is not None
    assert_constant_queries(lambda: client.get(url, params), grow)
    assert_constant_queries(lambda: client.get(url + older), grow)


@pytest.mark.parametrize("name", ["audit:prints", "audit:failed_logins"])
def test_the_security_screens_page_at_constant_cost(client, adviser, file, name):
    worker = UserFactory(username="as.havre", role=Role.SOCIAL_WORKER)
    grow = grow_trail(file, worker)
    grow()
    verified_login(client, adviser)
    url = reverse(name)
    older = link(client.get(url), "next")
    assert older is not None
    assert_constant_queries(lambda: client.get(url), grow)
    assert_constant_queries(lambda: client.get(url + older), grow)
    seen, pages, back = walk(client, url, {})
    verbs = ["print", "export"] if name == "audit:prints" else ["login_failed"]
    expected = AuditEvent.objects.filter(verb__in=verbs).order_by("-at", "-id").values_list("pk", flat=True)
    assert seen == list(expected) and back == pages[:-1]


def test_consultations_page_through_the_files_log_as_each_reader_may_see_it(client, file):
    worker = UserFactory(role=Role.SOCIAL_WORKER, teams=[file.team])
    head = UserFactory(role=Role.HEAD_SOCIAL_WORKER, teams=[file.team])
    file.primary_worker = worker
    file.save()
    events(230, user=worker, username=worker.username, file_id=file.pk, detail={"section": "summary"})
    events(50, user=worker, username=worker.username, file_id=SocialFileFactory(team=file.team).pk)
    url = reverse("files:access_log", args=[file.pk])
    for reader in (worker, head):
        verified_login(client, reader)
        seen, pages, back = walk(client, url, {})
        # The unpaged list, less the reads of the later pages (newer than the first page, which shows its
        # own).
        expected = files_selectors.consultations(reader, file).order_by("-at", "-id")
        assert seen == [pk for pk in expected.values_list("pk", flat=True) if pk <= max(seen)]
        assert len(pages) == 3 and back[-1] == pages[-2]


def test_consultations_cost_the_same_queries_whatever_the_length_of_the_files_log(client, file):
    worker = UserFactory(role=Role.SOCIAL_WORKER, teams=[file.team])
    file.primary_worker = worker
    file.save()
    readers = [UserFactory(role=Role.SOCIAL_WORKER, teams=[file.team]) for _ in range(3)]

    def grow():
        for reader in readers:
            events(700, user=reader, username=reader.username, file_id=file.pk, detail={"section": "summary"})

    grow()
    verified_login(client, worker)
    url = reverse("files:access_log", args=[file.pk])
    older = link(client.get(url), "next")
    assert_constant_queries(lambda: client.get(url), grow)
    assert_constant_queries(lambda: client.get(url + older), grow)
