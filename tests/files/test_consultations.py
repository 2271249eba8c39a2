"""Consultations in pages: the readers by twenty-five, the detailed log by (moment, id). Walking the readers'
pages shows every person the viewer may know of exactly once, with the counts of the slow path (the file's
events grouped in Python, the policy asked report by report); the page costs the same queries and shows the
same number of rows whatever the file's history."""

import datetime
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from access.policy import Action, can
from audit.models import AuditEvent
from audit.paging import OLDER
from files.models import Report
from files.views.access_log import AccessLogView
from tests.files.conftest import client_for
from tests.files.long_file import add_reports
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

START = timezone.now().replace(microsecond=0) - datetime.timedelta(days=30)
NAV = 'nav[aria-label="Pages des personnes ayant ouvert le dossier"]'


def readers(count: int, *, start: int = 0) -> list[User]:
    return User.objects.bulk_create(
        User(username=f"lecteur{n}", first_name=f"Prénom{n}", last_name=f"Nom{n}")
        for n in range(start, start + count)
    )


def reads(file, people, *, per_person: int = 3, report=None, verb=AuditEvent.Verb.VIEW, shift: int = 0):
    """Reads (or other events) of the file by each of `people`, a minute apart; several share a moment, so
    that the order falls back on the id. `report`: the events are about that report of the file."""
    target = {"target_type": "files.report", "target_id": str(report.pk)} if report else {}
    AuditEvent.objects.bulk_create(
        AuditEvent(
            at=START + datetime.timedelta(minutes=shift + (n * 7 + k) // 2),
            user=person,
            username=person.username,
            verb=verb,
            file_id=file.pk,
            detail={"section": "summary"},
            **target,
        )
        for n, person in enumerate(people)
        for k in range(per_person)
    )


def slow_readers(user, file) -> list[tuple]:
    """The readers as the viewer may know of them, from every event of the file, in Python."""
    sealed = Report.objects.filter(file=file, confidentiality=Report.Confidentiality.SEALED)
    hidden = {str(r.pk) for r in sealed if not can(user, Action.VIEW_REPORTS, r)}
    found: dict[tuple, list] = {}
    for event in AuditEvent.objects.filter(file_id=file.pk).select_related("user"):
        if event.target_type == "files.report" and event.target_id in hidden:
            continue
        if event.verb == AuditEvent.Verb.VIEW:
            line = found.setdefault((event.user_id, event.username), [0, event.at])
            line[0] += 1
            line[1] = max(line[1], event.at)
    ordered = sorted(found.items(), key=lambda item: (-item[1][1].timestamp(), item[0][0], item[0][1]))
    return [
        (username, reads, f"{timezone.localtime(last):%d/%m/%Y %H:%M}")
        for (_pk, username), (reads, last) in ordered
    ]


def shown_readers(page: BeautifulSoup) -> list[tuple]:
    section = page.find(attrs={"aria-labelledby": "readers-title"})
    rows = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in section.select("tbody tr")]
    return [(username, int(reads), last) for _name, username, reads, last in rows]


def walk_readers(client, url: str) -> list[BeautifulSoup]:
    """Every page of the readers, following « Voir plus de personnes » from the first."""
    pages = [BeautifulSoup(client.get(url).content, "html.parser")]
    while link := next((a for a in pages[-1].select(f"{NAV} a") if "Voir plus" in a.text), None):
        url = urljoin(url, link["href"])
        response = client.get(url)
        assert response.status_code == 200
        pages.append(BeautifulSoup(response.content, "html.parser"))
    return pages


@pytest.fixture
def history(file, worker, colleague, head):
    """Sixty readers of the file, reads of its reports by some of them, and changes that are not reads."""
    reports = add_reports(file, [worker, colleague, head], 16, sealed_reader=worker)
    people = readers(60)
    reads(file, people)
    sealed = [r for r in reports if r.confidentiality == Report.Confidentiality.SEALED]
    # Two people read only a sealed report named for the worker alone: the head may not know of it.
    reads(file, readers(2, start=60), report=sealed[0], shift=500)
    reads(file, people[:5], verb=AuditEvent.Verb.UPDATE, shift=600)
    file.sealed = sealed[0]
    return file


@pytest.mark.parametrize("who", ["worker", "head"])
def test_the_readers_pages_hold_each_reader_once_with_the_counts_of_the_slow_path(who, history, request):
    user = request.getfixturevalue(who)
    client = client_for(user)
    url = reverse("files:access_log", args=[history.pk])
    pages = walk_readers(client, url)
    expected = slow_readers(user, history)  # after the walk: it counts the reads of the walk too
    shown = [reader for page in pages for reader in shown_readers(page)]
    assert [len(shown_readers(page)) for page in pages[:-1]] == [AccessLogView.readers_per_page] * (
        len(pages) - 1
    )
    # The walk's own reads make the viewer the most recent reader of every page after the first.
    assert [r for r in shown if r[0] != user.username] == [r for r in expected if r[0] != user.username]
    # Those who read only the sealed report are readers for whoever may read it, and unknown to the others.
    sealed_readers = {"lecteur60", "lecteur61"}
    if can(user, Action.VIEW_REPORTS, history.sealed):
        assert sealed_readers <= {r[0] for r in shown}
    else:
        assert sealed_readers.isdisjoint(r[0] for r in shown)
    second = pages[1].select_one(NAV).get_text(" ", strip=True)
    assert "Personnes 26 à 50" in second and "Personnes précédentes" in second


def test_a_readers_page_keeps_the_position_of_the_detailed_log_and_the_log_keeps_the_readers_page(
    history, worker
):
    reads(history, readers(130, start=100), per_person=1, shift=700)
    client = client_for(worker)
    url = reverse("files:access_log", args=[history.pk])
    first = BeautifulSoup(client.get(url).content, "html.parser")
    older = first.select_one('section[aria-labelledby="log-title"] nav.pagination a[rel="next"]')["href"]
    more = next(a for a in first.select(f"{NAV} a") if "Voir plus" in a.text)["href"]
    assert more.startswith("?lecteurs=2")
    page = BeautifulSoup(client.get(url + older).content, "html.parser")
    more = next(a for a in page.select(f"{NAV} a") if "Voir plus" in a.text)["href"]
    assert OLDER in more and "lecteurs=2" in more
    page = BeautifulSoup(client.get(url + more.partition("#")[0]).content, "html.parser")
    log_link = page.select_one('section[aria-labelledby="log-title"] nav.pagination a[rel="next"]')["href"]
    assert "lecteurs=2" in log_link


@pytest.mark.parametrize("number", ["abc", "0", "-3", "999", "99999999999999999999999"])
def test_a_readers_page_that_does_not_exist_shows_the_first(number, history, worker):
    client = client_for(worker)
    url = reverse("files:access_log", args=[history.pk])
    first = shown_readers(BeautifulSoup(client.get(url).content, "html.parser"))
    response = client.get(url, {"lecteurs": number})
    assert response.status_code == 200
    assert shown_readers(BeautifulSoup(response.content, "html.parser"))[1:] == first[1:]


def test_consultations_make_the_same_queries_and_show_as_many_rows_whatever_the_files_history(
    history, worker, head
):
    """Each growth adds 60 readers and 750 events to one file: the same queries, and no more rows, on the
    first page, a later page of readers and an older page of the log."""
    grown = iter(range(1000, 100_000, 1000))
    url = reverse("files:access_log", args=[history.pk])
    for user in (worker, head):
        client = client_for(user)
        older = BeautifulSoup(client.get(url).content, "html.parser").select_one(
            'section[aria-labelledby="log-title"] nav.pagination a[rel="next"]'
        )["href"]

        def grow():
            start = next(grown)
            people = readers(60, start=start)
            reads(history, people, per_person=12, shift=start)
            reads(history, people[:10], per_person=3, verb=AuditEvent.Verb.UPDATE, shift=start)

        for address in (url, url + "?lecteurs=2", url + older):
            assert_constant_queries(lambda address=address, client=client: client.get(address), grow)
            page = BeautifulSoup(client.get(address).content, "html.parser")
            assert len(shown_readers(page)) == AccessLogView.readers_per_page
            log = page.find(attrs={"aria-labelledby": "log-title"}).select("tbody tr")
            assert len(log) == AccessLogView.per_page
