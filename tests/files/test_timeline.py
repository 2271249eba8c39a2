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


def test_the_timeline_is_paginated_by_hundred(file, worker):
    add_events(file, worker, 150)
    url = reverse("files:timeline", args=[file.pk])
    soup = BeautifulSoup(client_for(worker).get(url).content, "html.parser")
    assert len(soup.select(".timeline li")) == 100
    assert "Page 1 sur 2" in soup.text
    second = client_for(worker).get(url + "?page=2").text
    assert "Événement numéro 0" in second


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
