"""Long lists in pages: reports by fifty, requests by twenty-five, Mes dossiers by fifty. Walking the pages
shows every row the user may read exactly once, in order, as the slow path (the policy asked row by row)."""

import re
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from access.policy import Action, can
from access.roles import Role
from files.models import Report, SocialFile
from tests.factories import UserFactory
from tests.files.conftest import client_for
from tests.files.long_file import add_files, add_reports, add_requests
from workflow.selectors import open_proposal

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def walk(client, url: str) -> list[BeautifulSoup]:
    """Every page of a list, following its « Plus anciens » link from the first."""
    pages = [soup_of(client.get(url))]
    while link := pages[-1].select_one('.pagination a[rel="next"]'):
        assert "Plus anciens" in link.text
        url = urljoin(url, link["href"])
        pages.append(soup_of(client.get(url)))
    return pages


def report_ids(page: BeautifulSoup) -> list[int]:
    return [int(re.search(r"/rapports/(\d+)/", a["href"])[1]) for a in page.select("table.list tbody th a")]


def readable(user, file, kind=None) -> list[int]:
    """The slow path: the file's reports newest first, the policy asked for each one."""
    reports = Report.objects.filter(file=file).order_by("-written_on", "-id")
    return [r.pk for r in reports if (kind is None or r.kind == kind) and can(user, Action.VIEW_REPORTS, r)]


@pytest.fixture
def legal(db):
    """Reads every file's reports open to the team, none restricted or sealed unless named."""
    return UserFactory(first_name="Léa", last_name="Juriste", role=Role.LEGAL_OFFICER)


@pytest.fixture
def long_file(file, worker, colleague, head):
    add_reports(file, [worker, colleague, head], 200, sealed_reader=colleague)
    add_requests(file, worker, 60)
    return file


@pytest.mark.parametrize("who", ["worker", "colleague", "head", "legal", "outsider", "payment_clerk"])
def test_the_reports_pages_hold_every_readable_report_once_newest_first(who, long_file, request):
    user = request.getfixturevalue(who)
    client = client_for(user)
    url = reverse("files:reports", args=[long_file.pk])
    if not can(user, Action.VIEW_REPORTS, long_file):
        assert client.get(url).status_code in (403, 404)
        return
    pages = walk(client, url)
    expected = readable(user, long_file)
    assert [len(report_ids(p)) for p in pages[:-1]] == [50] * (len(pages) - 1)
    assert [pk for page in pages for pk in report_ids(page)] == expected
    assert f"Page 1 sur {len(pages)}" in pages[0].text
    chips = {a.get_text(" ", strip=True) for a in pages[0].select(".chips a")}
    assert f"Tous {len(expected)}" in chips
    for kind, label in Report.Kind.choices:
        assert f"{label} {len(readable(user, long_file, kind))}" in chips


def test_a_kind_keeps_its_filter_from_page_to_page(long_file, head):
    client = client_for(head)
    pages = walk(client, reverse("files:reports", args=[long_file.pk]) + "?type=note")
    assert len(pages) > 1
    assert all("type=note" in a["href"] for p in pages for a in p.select(".pagination a"))
    assert [pk for page in pages for pk in report_ids(page)] == readable(head, long_file, Report.Kind.NOTE)


def test_a_page_number_out_of_range_shows_the_last_page_and_a_bad_one_the_first(long_file, worker):
    client = client_for(worker)
    url = reverse("files:reports", args=[long_file.pk])
    last = walk(client, url)[-1]
    assert report_ids(soup_of(client.get(url + "?page=999"))) == report_ids(last)
    assert report_ids(soup_of(client.get(url + "?page=abc"))) == readable(worker, long_file)[:50]
    requests = reverse("files:requests", args=[long_file.pk])
    assert "Page 3 sur 3" in soup_of(client.get(requests + "?page=999")).text


def test_the_requests_pages_hold_every_request_once_with_its_proposals(long_file, worker):
    client = client_for(worker)
    pages = walk(client, reverse("files:requests", args=[long_file.pk]))
    rows = [row for page in pages for row in page.select("table.list tbody tr")]
    assert [len(p.select("table.list tbody tr")) for p in pages] == [25, 25, 10]
    expected = list(long_file.requests.order_by("-requested_on", "-id"))
    assert [row.select("td")[2].text for row in rows] == [r.details for r in expected]
    may_write = can(worker, Action.WRITE_PROPOSAL, long_file)
    for row, aid_request in zip(rows, expected, strict=True):
        shown = {a["href"] for a in row.select("ul a")}
        assert shown == {
            reverse("workflow:detail", args=[long_file.pk, p.pk]) for p in aid_request.proposals.all()
        }
        assert aid_request.proposals.get().get_state_display() in row.text
        offers = reverse("workflow:create", args=[long_file.pk, aid_request.pk]) in str(row)
        assert offers == (may_write and open_proposal(aid_request) is None)


def test_my_files_pages_hold_each_file_once_with_its_request_count(team, worker, head):
    add_files(team, worker, 120, registered_by=head)
    # The same last activity for all: only the id then orders them, and no file may slip between two pages.
    SocialFile.objects.update(last_activity_at=timezone.now())
    client = client_for(worker)
    rows = [
        row
        for number in (1, 2, 3)
        for row in soup_of(client.get(reverse("files:my_files") + f"?page={number}")).select("tbody tr")
    ]
    expected = list(SocialFile.objects.filter(primary_worker=worker).order_by("-last_activity_at", "-id"))
    assert [row.select_one("td").text for row in rows] == [f.reference for f in expected]
    assert [int(row.select_one("td.num").text) for row in rows] == [f.requests.count() for f in expected]
