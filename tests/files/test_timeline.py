"""Historique: every event of the file, newest first, at a cost that does not depend on its length."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from files import selectors, services
from files.models import FileEvent, Report
from tests.files.conftest import client_for
from tests.files.long_file import add_reports
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db
START = timezone.make_aware(datetime.datetime(2026, 1, 5, 9, 30))


def add_events(file, author, count, start=0):
    FileEvent.objects.bulk_create(
        FileEvent(
            file=file,
            kind=FileEvent.Kind.HOUSEHOLD if n % 2 else FileEvent.Kind.ADDRESS,
            summary=f"Événement numéro {n}",
            author=author,
            occurred_at=START + datetime.timedelta(hours=n),
        )
        for n in range(start, start + count)
    )


def test_events_are_listed_newest_first_with_kind_author_and_time(file, worker):
    add_events(file, worker, 3)
    page = client_for(worker).get(reverse("files:timeline", args=[file.pk])).text
    assert (
        page.index("Événement numéro 2") < page.index("Événement numéro 1") < page.index("Événement numéro 0")
    )
    assert "11:30" in page
    assert "Ménage" in page and "Adresse" in page
    assert "Amélie Lambert" in page
    assert "Lundi 5 janvier 2026" in page


def test_a_report_event_links_to_the_report(file, report, worker):
    page = client_for(worker).get(reverse("files:timeline", args=[file.pk])).text
    assert reverse("files:report_detail", args=[file.pk, report.pk]) in page
    assert "Visite à domicile" in page


def test_report_events_are_not_shown_to_who_may_not_read_reports(file, report, payment_clerk):
    page = client_for(payment_clerk).get(reverse("files:timeline", args=[file.pk])).text
    assert report.title not in page
    assert "Rapport social" not in page  # not even offered in the filter


def test_the_timeline_can_be_filtered_by_kind(file, worker):
    add_events(file, worker, 4)
    page = client_for(worker).get(reverse("files:timeline", args=[file.pk]) + "?type=household").text
    assert "Événement numéro 1" in page and "Événement numéro 3" in page
    assert "Événement numéro 2" not in page


def test_the_timeline_is_shown_fifty_at_a_time_without_counting_the_events(file, worker):
    add_events(file, worker, 120)
    url = reverse("files:timeline", args=[file.pk])
    client = client_for(worker)
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    assert len(soup.select(".timeline li")) == 50
    assert "Événement numéro 119" in soup.text and "Événement numéro 69" not in soup.text
    older = soup.select_one('.pagination a[rel="next"]')["href"]
    second = BeautifulSoup(client.get(url + older).content, "html.parser")
    assert len(second.select(".timeline li")) == 50
    assert "Événement numéro 69" in second.text and "Événement numéro 70" not in second.text
    newer = second.select_one('.pagination a[rel="prev"]')["href"]
    assert "Événement numéro 119" in client.get(url + newer).text


def walk(client, url: str, query: str) -> list[list[int]]:
    """The ids of the events of every page, from the newest, following the links to older pages."""
    pages = []
    while query is not None:
        page = client.get(f"{url}?{query}").context["page"]
        pages.append([event.pk for event in page.object_list])
        query = page.older_query
    return pages


@pytest.mark.parametrize("who", ["worker", "colleague", "head", "payment_clerk"])
@pytest.mark.parametrize("kind", ["", "household"])
def test_the_pages_hold_every_event_the_viewer_may_see_once_in_order(
    who, kind, file, worker, colleague, head, request
):
    """Events of every level and many at one moment (the order then falls back on the id): walking the pages
    gives exactly the selector's list, as each role sees it."""
    add_reports(file, [worker, colleague, head], 160, sealed_reader=worker)
    add_events(file, worker, 140)
    user = request.getfixturevalue(who)
    url = reverse("files:timeline", args=[file.pk])
    pages = walk(client_for(user), url, f"type={kind}" if kind else "")
    assert all(len(page) == 50 for page in pages[:-1])
    expected = selectors.timeline(user, file)
    if kind:
        expected = expected.filter(kind=kind)
    assert [pk for page in pages for pk in page] == [event.pk for event in expected]


def test_the_keyset_pages_make_the_same_queries_whatever_the_files_history(file, worker, colleague, head):
    add_reports(file, [worker, colleague, head], 9, sealed_reader=worker)
    add_events(file, worker, 120)
    client = client_for(head)
    url = reverse("files:timeline", args=[file.pk])
    first = client.get(url).context["page"]
    second = client.get(url + "?" + first.older_query).context["page"]
    pages = [url + "?" + first.older_query, url + "?" + second.newer_query]

    def grow():
        add_reports(file, [worker, colleague, head], 1500, sealed_reader=worker, start=9)
        add_events(file, head, 1500, start=-1500)

    for page in pages:
        assert_constant_queries(lambda page=page: client.get(page), grow)


def test_query_count_is_the_same_for_ten_and_two_hundred_events(file, worker, head):
    services.write_report(actor=worker, file=file, kind="note", title="Note", body="Texte")
    client = client_for(head)
    url = reverse("files:timeline", args=[file.pk])

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    add_events(file, worker, 9)
    ten = count_queries()
    add_events(file, head, 190, start=9)
    assert count_queries() == ten


def test_a_report_written_earlier_takes_its_place_at_its_own_date(file, worker):
    today = timezone.localdate()
    services.write_report(
        actor=worker, file=file, kind=Report.Kind.NOTE, title="Appel d'aujourd'hui", body="Appel."
    )
    services.write_report(
        actor=worker,
        file=file,
        kind=Report.Kind.HOME_VISIT,
        title="Visite du mois passé, encodée ce jour",
        body="Visite.",
        written_on=today - datetime.timedelta(days=30),
    )
    titles = [e.summary for e in selectors.timeline(worker, file) if e.report_id]
    assert titles == ["Appel d'aujourd'hui", "Visite du mois passé, encodée ce jour"]
