"""Issue 14: the top-bar suggestions are an ARIA combobox driven by the keyboard, and a pause in typing is one
search in the audit trail, not one per keystroke."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from access.roles import Role
from audit.models import AuditEvent
from tests.browser.test_accessibility import WCAG_21_AA
from tests.factories import PersonFactory, SocialFileFactory, TeamFactory, UserFactory
from tests.login import browser_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def files():
    centre = TeamFactory(name="Antenne Mons-Centre")
    aline = UserFactory(username="as.centre", role=Role.SOCIAL_WORKER.value, teams=[centre])
    for first in ("Hélène", "Marie"):
        person = PersonFactory(last_name="Lefèvre", first_names=first, search_name=f"lefevre {first.lower()}")
        SocialFileFactory(team=centre, beneficiary=person, primary_worker=aline)
    return aline


def live_searches() -> list[str]:
    events = AuditEvent.objects.filter(verb=AuditEvent.Verb.SEARCH, detail__live=True).order_by("pk")
    return [e.detail["query"] for e in events]


def test_arrows_choose_a_suggestion_enter_opens_it_escape_closes_the_list(page, live_server, files):
    browser_log_in(page, live_server.url, "as.centre")
    field = page.get_by_role("combobox", name="Rechercher un bénéficiaire")
    # Typed at a steady 350 ms a key, slower than the former 300 ms debounce: still one search.
    field.press_sequentially("lefevre", delay=350)
    options = page.get_by_role("listbox", name="Dossiers suggérés").get_by_role("option")
    expect(options).to_have_count(2)
    expect(field).to_have_attribute("aria-expanded", "true")
    page.wait_for_timeout(800)
    assert live_searches() == ["lefevre"]
    expect(page.get_by_role("status").filter(has_text="2 dossiers suggérés")).to_be_attached()
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()

    field.press("ArrowDown")
    expect(field).to_have_attribute("aria-activedescendant", "suggestion-1")
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    field.press("ArrowDown")
    field.press("ArrowDown")  # past the last one, back to the first
    expect(field).to_have_attribute("aria-activedescendant", "suggestion-1")
    field.press("ArrowUp")
    expect(field).to_have_attribute("aria-activedescendant", "suggestion-2")
    field.press("Escape")
    expect(options).to_have_count(0)
    expect(field).to_have_attribute("aria-expanded", "false")
    expect(field).not_to_have_attribute("aria-activedescendant", re.compile(".+"))

    field.press("End")
    field.press_sequentially(" h", delay=50)
    expect(options).to_have_count(1)
    field.press("ArrowDown")
    field.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("LEFÈVRE Hélène")
