"""In a real browser, with a real background worker: the mail clerk sends the morning's scans, the page
answers at once and follows their reading until it shows what filed itself, then the clerk files the letter
whose QR code was torn off by typing the code printed under it; the page meets WCAG 2.1 AA, errors included.

A `db_worker` process reads the scans, as in production, rather than the IMMEDIATE backend of the other
letters tests: only then does the page wait for the job, and its polling and its update of the scans to file
are exercised."""

import pytest
from playwright.sync_api import expect

from access.roles import Role
from letters import services
from letters.models import Kind, ReturnedCopy, UnfiledScan
from tests.browser.test_accessibility import assert_accessible
from tests.factories import UserFactory
from tests.letters import scanner
from tests.letters.conftest import ship_templates
from tests.login import browser_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def shipped_templates():
    ship_templates()


def test_the_mail_clerk_files_a_pile_of_scans(page, live_server, file, request_, worker, db_worker, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    polls = []
    page.on("response", lambda r: polls.append(r) if r.request.headers.get("hx-request") else None)
    clerk = UserFactory(username="courrier", role=Role.MAIL_CLERK)
    letter = services.generate(actor=worker, kind=Kind.ACKNOWLEDGEMENT, file=file, request=request_)
    torn = services.generate(actor=worker, kind=Kind.ACKNOWLEDGEMENT, file=file, request=request_)
    pile = [*[scanner.without_qr(p) for p in scanner.printed(torn)], *scanner.printed(letter)]
    browser_log_in(page, live_server.url, clerk.username)
    page.get_by_role("link", name="Classer des scans").click()
    blank = scanner.scan_image([scanner.blank()], "PNG")
    page.get_by_label("Fichiers scannés").set_input_files(
        [
            {"name": "matin.pdf", "mimeType": "application/pdf", "buffer": scanner.scan_pdf(pile)},
            {"name": "vierge.png", "mimeType": "image/png", "buffer": blank},
        ]
    )
    page.get_by_role("button", name="Lire et classer").click()
    expect(page.get_by_role("heading", name="« matin.pdf »")).to_be_visible()
    read = "Terminé : 1 lettre classée, 1 partie à classer à la main"
    expect(page.get_by_text(read)).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Terminé : aucune lettre classée, 1 partie à classer à la main")).to_be_visible()
    expect(page.get_by_role("heading", name="Scans à classer 2")).to_be_visible()
    assert polls, "the result came by htmx polling, not by reloading the page"
    assert ReturnedCopy.objects.get().letter == letter
    assert_accessible(page, "scans")

    torn_row = page.get_by_role("row").filter(has_text="matin.pdf")
    torn_row.get_by_label("Identifiant imprimé sous le QR code").fill("pas un code")
    torn_row.get_by_role("button", name="Classer").click()
    expect(page.get_by_text("n'est pas un identifiant de lettre")).to_be_visible()
    assert_accessible(page, "scans, code refusé")
    torn_row = page.get_by_role("row").filter(has_text="matin.pdf")
    torn_row.get_by_label("Identifiant imprimé sous le QR code").fill(torn.code.lower())
    torn_row.get_by_role("button", name="Classer").click()
    expect(page.get_by_text(f"Pages classées avec la lettre {torn.code}")).to_be_visible()

    blank_row = page.get_by_role("row").filter(has_text="vierge.png")
    blank_row.get_by_label("Motif de la suppression").fill("Page blanche du chargeur.")
    blank_row.get_by_role("button", name="Supprimer").click()
    expect(page.get_by_text("Pages supprimées.")).to_be_visible()
    expect(page.get_by_text("Aucun scan à classer.")).to_be_visible()
    assert not UnfiledScan.objects.exists()
    assert ReturnedCopy.objects.get(letter=torn).by_hand
