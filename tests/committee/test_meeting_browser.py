"""In a real browser: the secretary takes a meeting from agenda to closing, deciding from the keyboard."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from committee.models import Meeting
from tests.browser.test_accessibility import WCAG_21_AA
from tests.login import browser_log_in
from tests.meetings import meeting_today

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def on_item(page, number: int) -> None:
    """The item's page is shown and its keyboard script (deferred) is running: keys are no longer lost."""
    expect(page.get_by_role("heading", name=re.compile(f"Point {number}"))).to_be_visible()
    page.wait_for_load_state("load")


def test_a_meeting_from_agenda_to_closing(page, live_server, board, ready):
    meeting = meeting_today(board["body"], hour=14)  # the browser's clock is real: the meeting is today
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    browser_log_in(page, live_server.url, board["secretary"].username)
    page.get_by_role("link", name="Séances").click()
    # Typed dd/mm/yyyy like every date, not a picker in the browser's own locale order (issue 14).
    expect(page.get_by_label("Date et heure")).to_have_attribute("type", "text")
    expect(page.get_by_label("Date et heure")).to_have_attribute("placeholder", "jj/mm/aaaa hh:mm")
    page.get_by_role("link", name=f"{timezone.localdate():%d/%m/%Y} 14:00").click()
    page.get_by_role("button", name="Composer l'ordre du jour").click()
    expect(page.get_by_text("3 point(s) ajouté(s) à l'ordre du jour.")).to_be_visible()
    page.get_by_role("button", name="Arrêter l'ordre du jour").click()
    page.get_by_role("button", name="Ouvrir la séance").click()
    page.get_by_label("Paul Président").check()
    page.get_by_label("Marc Hubert").check()
    page.get_by_role("button", name="Enregistrer les présences").click()
    expect(page.get_by_text("Présences notées : 2 sur 3 (quorum atteint).")).to_be_visible()

    page.get_by_role("link", name="Commencer la séance").click()
    on_item(page, 1)
    # Single-key shortcuts are off until turned on (WCAG 2.1.4): a stray "o" decides nothing.
    page.keyboard.press("o")
    page.keyboard.press("j")
    page.keyboard.press("ArrowRight")  # not a character key: always on
    on_item(page, 2)
    page.keyboard.press("ArrowLeft")
    on_item(page, 1)
    page.get_by_label(re.compile("Raccourcis d'une touche")).check()
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("j")
    on_item(page, 2)
    page.keyboard.press("k")  # the choice is kept in this browser
    on_item(page, 1)
    page.keyboard.press("o")  # octroyer: asks for Enter, then the next item opens
    expect(page.locator("#decision-form button[data-key=o]")).to_be_focused()
    expect(page.get_by_text("Entrée pour confirmer « Octroyer », Échap pour annuler.")).to_be_visible()
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
    page.keyboard.press("Escape")
    expect(page.locator("#decision-form button[data-key=o]")).not_to_be_focused()
    assert meeting.items.get(number=1).decision is None
    page.keyboard.press("o")
    page.keyboard.press("Enter")
    on_item(page, 2)
    page.keyboard.press("r")
    page.keyboard.press("Enter")
    on_item(page, 3)

    page.get_by_role("link", name="Ordre du jour").click()
    page.get_by_role("button", name="Décider le reste comme proposé").click()
    expect(page.get_by_text("1 point(s) décidé(s) comme proposé.")).to_be_visible()
    page.get_by_role("button", name="Clôturer la séance").click()
    # No signing key in this test: the page does not pretend the minutes are signed.
    expect(page.get_by_role("link", name="Procès-verbal non signé (PDF)")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CLOSED
    assert [i.decision.outcome for i in meeting.items.order_by("number")] == ["granted", "refused", "granted"]
    assert not [e for e in errors if "Content Security Policy" in e], errors
