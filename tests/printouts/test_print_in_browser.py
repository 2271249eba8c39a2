"""Ctrl+P in the browser: the paper shows who printed it and when, and the print reaches the audit trail."""

import re
import time

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from access.roles import Role
from audit.models import AuditEvent
from tests.factories import PersonFactory, SocialFileFactory, TeamFactory, UserFactory
from tests.login import browser_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_printed_page_bears_the_mention_and_is_recorded(page, live_server):
    team = TeamFactory(name="Antenne Mons-Centre")
    aline = UserFactory(
        username="as.centre", first_name="Aline", last_name="Dupont", role=Role.SOCIAL_WORKER, teams=[team]
    )
    file = SocialFileFactory(team=team, beneficiary=PersonFactory(last_name="Lefèvre", first_names="Hélène"))
    browser_log_in(page, live_server.url, "as.centre")
    page.goto(live_server.url + reverse("files:detail", args=[file.pk]))

    mention = page.locator(".print-mention")
    expect(mention).to_be_hidden()
    page.emulate_media(media="print")
    expect(mention).to_be_visible()
    expect(mention).to_contain_text(f"Copie imprimée par Aline Dupont le {timezone.localdate():%d/%m/%Y} à")
    expect(mention).to_contain_text("document confidentiel")
    expect(page.locator(".topbar")).to_be_hidden()

    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    expect(mention).to_have_text(
        re.compile(r"Copie imprimée par Aline Dupont le \d\d/\d\d/\d{4} à \d\d:\d\d - ")
    )
    deadline = time.monotonic() + 5
    while not AuditEvent.objects.filter(verb=AuditEvent.Verb.PRINT, user=aline).exists():
        assert time.monotonic() < deadline, "the beacon did not reach the audit trail"
        time.sleep(0.1)
    event = AuditEvent.objects.get(verb=AuditEvent.Verb.PRINT, user=aline)
    assert (event.file_id, event.detail["path"]) == (file.pk, reverse("files:detail", args=[file.pk]))
