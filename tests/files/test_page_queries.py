"""Query-count guards: every tab of a social file, and Mes dossiers, make as many queries for a long file
(1,500 more reports, 30 more requests with their proposals) or a long list of files as for a short one."""

import datetime

import pytest
from django.urls import reverse

from access.policy import can
from audit.paging import OLDER, cursor_text
from files.sections import TABS
from files.views.home import UNASSIGNED_SHOWN
from tests.files.conftest import client_for
from tests.files.long_file import add_files, add_reports, add_requests
from tests.querycount import assert_constant_queries, count_queries

pytestmark = pytest.mark.django_db

# Beyond the first page of each long list, and one kind of report; the timeline from a cursor (keyset pages),
# one later than every event so that the page is full.
LATER = cursor_text(datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC), 2**62)
MORE = {
    "requests": ["?page=2"],
    "reports": ["?page=2", "?type=note&page=3"],
    "timeline": [f"?{OLDER}={LATER}", f"?type=note&{OLDER}={LATER}"],
}


def tab_urls(user, file) -> list[str]:
    urls = []
    for key, _label, name, action in TABS:
        if can(user, action, file):
            url = reverse(name, args=[file.pk])
            urls += [url] + [url + query for query in MORE.get(key, [])]
    return urls


@pytest.fixture
def started(file, worker, colleague, head):
    """The file with a few reports of every kind and level and a few requests with proposals, so that every
    query a long file needs is made already."""
    add_reports(file, [worker, colleague, head], 9, sealed_reader=worker)
    add_requests(file, worker, 3)
    return file


@pytest.mark.parametrize("who", ["worker", "colleague", "head"])
def test_every_tab_makes_the_same_queries_for_a_long_file(who, started, worker, colleague, head, request):
    user = request.getfixturevalue(who)
    client = client_for(user)
    urls = tab_urls(user, started)
    assert len(urls) >= 10
    for url in urls:  # warms per-process caches (templates, labels)
        client.get(url)
    before = {url: count_queries(lambda url=url: client.get(url))[0] for url in urls}

    add_reports(started, [worker, colleague, head], 1500, sealed_reader=worker, start=9)
    add_requests(started, worker, 30, start=3)

    after = {url: count_queries(lambda url=url: client.get(url))[0] for url in urls}
    grown = {url: (before[url], after[url]) for url in urls if before[url] != after[url]}
    assert not grown, f"queries (before, after) of the pages that grew with the data: {grown}"


def test_the_requests_tab_makes_a_handful_of_queries(started, worker):
    """Each request shows its proposals with their aid and state: loaded with the page, not per request."""
    client = client_for(worker)
    url = reverse("files:requests", args=[started.pk])
    count = assert_constant_queries(
        lambda: client.get(url), lambda: add_requests(started, worker, 30, start=3)
    )
    assert count <= 20


def test_my_files_makes_the_same_queries_for_many_files(team, worker, head):
    add_files(team, worker, 3, registered_by=head)
    client = client_for(worker)
    url = reverse("files:my_files")
    assert_constant_queries(lambda: client.get(url), lambda: add_files(team, worker, 60, registered_by=head))
    assert_constant_queries(
        lambda: client.get(url + "?page=2"), lambda: add_files(team, worker, 60, registered_by=head)
    )


def test_the_head_s_home_with_files_to_assign_makes_the_same_queries(team, worker, head):
    add_files(team, head, 3, registered_by=worker)
    # A full list to assign from the start: its total is then counted (a short list is its own total).
    add_files(team, None, UNASSIGNED_SHOWN + 1, registered_by=worker)
    client = client_for(head)
    url = reverse("files:my_files")

    def grow():
        add_files(team, head, 60, registered_by=worker)
        add_files(team, None, 60, registered_by=worker)

    assert_constant_queries(lambda: client.get(url), grow)
