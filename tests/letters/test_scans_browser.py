"""In a real browser, with a real background worker: the mail clerk sends the morning's scans of returned
letters on "Documents à classer", the page answers at once and follows their reading until it is done; the
letter with its QR code has filed itself as its returned copy; what the clerk typed meanwhile in the list of
pages to sort is kept, and the new pages are added to it on demand; the clerk files the letter whose QR code
was torn off by typing the code printed under it, then deletes a blank page with its reason; the page meets
WCAG 2.1 AA, errors included.

A `db_worker` process reads the scans, as in production, rather than the IMMEDIATE backend of the other
tests: only then does the page wait for the job and follow it by polling. (Filing a page by its file and type
is tests/browser/test_intake_journey.py's.)"""

import pytest
from playwright.sync_api import expect

from access.roles import Role
from documents import content_store
from documents.models import UnsortedPages
from letters import services
from letters.models import Kind, ReturnedCopy
from tests.browser.test_accessibility import assert_accessible
from tests.factories import UserFactory
from tests.letters import scanner
from tests.letters.conftest import ship_templates
from tests.login import browser_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def shipped_templates():
    ship_templates()


def test_returned_letters_sent_to_the_intake_file_themselves(
    page, live_server, file, request_, worker, db_worker, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    polls = []
    page.on("response", lambda r: polls.append(r) if r.request.headers.get("hx-request") else None)
    clerk = UserFactory(username="courrier", role=Role.MAIL_CLERK)
    letter = services.generate(actor=worker, kind=Kind.ACKNOWLEDGEMENT, file=file, request=request_)
    torn = services.generate(actor=worker, kind=Kind.ACKNOWLEDGEMENT, file=file, request=request_)
    pile = [*[scanner.without_qr(p) for p in scanner.printed(torn)], *scanner.printed(letter)]
    blank_pdf = scanner.scan_pdf([scanner.blank()])
    content = content_store.store(blank_pdf, mime_type="application/pdf")
    UnsortedPages.objects.create(
        content=content,
        pages=1,
        sha256=content.sha256,
        original_name="hier.pdf",
        first_page=1,
        uploaded_by=clerk,
    )
    browser_log_in(page, live_server.url, clerk.username)
    page.get_by_role("link", name="Documents à classer").click()
    blank = scanner.scan_image([scanner.blank()], "PNG")
    page.get_by_label("Fichiers scannés ou photographiés").set_input_files(
        [
            {"name": "matin.pdf", "mimeType": "application/pdf", "buffer": scanner.scan_pdf(pile)},
            {"name": "vierge.png", "mimeType": "image/png", "buffer": blank},
        ]
    )
    page.get_by_role("button", name="Lire et classer").click()
    expect(page.get_by_role("heading", name="« matin.pdf »")).to_be_visible()
    # While the pile is read, the clerk goes on sorting what was there before.
    earlier_row = page.locator("article.unsorted").filter(has_text="hier.pdf")
    reason = earlier_row.get_by_label("Motif de la suppression")
    reason.fill("Doublon du pli d'hier.")
    read = "Terminé : 2 parties classées ou mises à classer."
    expect(page.get_by_text(read)).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Terminé : 1 partie classée ou mise à classer.")).to_be_visible(timeout=60_000)
    assert polls, "the result came by htmx polling, not by reloading the page"
    assert ReturnedCopy.objects.get().letter == letter
    # The page is not reloaded, so what was typed meanwhile stays: the pages left to sort are announced, and
    # added at the end of the list on demand.
    page.get_by_role("button", name="Afficher les 2 nouveaux documents à classer").click()
    expect(page.get_by_role("heading", name="Documents à classer 3")).to_be_visible()
    expect(page.locator("article.unsorted")).to_have_count(3)
    expect(page.get_by_role("status").filter(has_text="2 documents à classer ajoutés")).to_be_visible()
    expect(reason).to_have_value("Doublon du pli d'hier.")
    assert_accessible(page, "documents reçus, lettres retournées")
    earlier_row.get_by_role("button", name="Supprimer").click()
    expect(page.get_by_text("Pages supprimées.")).to_be_visible()

    torn_row = page.locator("article.unsorted").filter(has_text="matin.pdf")
    torn_row.get_by_label("ou identifiant d'une lettre retournée").fill("pas un code")
    torn_row.get_by_role("button", name="Classer").click()
    expect(page.get_by_text("« pas un code » n'est pas un code reconnu.")).to_be_visible()
    assert_accessible(page, "documents reçus, code refusé")
    torn_row = page.locator("article.unsorted").filter(has_text="matin.pdf")
    torn_row.get_by_label("ou identifiant d'une lettre retournée").fill(torn.code.lower())
    torn_row.get_by_role("button", name="Classer").click()
    expect(page.get_by_text(f"Pages classées avec la lettre {torn.code}.")).to_be_visible()

    blank_row = page.locator("article.unsorted").filter(has_text="vierge.png")
    blank_row.get_by_label("Motif de la suppression").fill("Page blanche du chargeur.")
    blank_row.get_by_role("button", name="Supprimer").click()
    expect(page.get_by_text("Pages supprimées.")).to_be_visible()
    expect(page.get_by_text("Aucun document à classer.")).to_be_visible()
    assert not UnsortedPages.objects.exists()
    assert ReturnedCopy.objects.get(letter=torn).by_hand
