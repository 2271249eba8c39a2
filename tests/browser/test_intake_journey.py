"""In a real browser: the mail clerk sends a page that came without a cover sheet, finds it among the
"Documents à classer" and files it in two clicks (the file by its reference, the type); printing a cover
sheet from the file's Documents tab; the new pages meet WCAG 2.1 AA, errors included. Jobs run at once
(IMMEDIATE backend); tests/letters/test_scans_browser.py exercises a real worker and the page's polling."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from access.roles import Role
from documents.models import Document, DocumentType, UnsortedPages
from tests.browser.test_accessibility import assert_accessible
from tests.documents import scans
from tests.factories import SocialFileFactory, TeamFactory, UserFactory
from tests.login import browser_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def immediate_jobs(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_the_mail_clerk_sorts_a_page_without_cover_sheet(page, live_server):
    # The live server's tests flush the database, default catalogue included: the type is made here.
    DocumentType.objects.get_or_create(code="letter_received", defaults={"label": "Courrier reçu"})
    file = SocialFileFactory(team=TeamFactory())
    clerk = UserFactory(username="courrier", role=Role.MAIL_CLERK)
    # Filing reads the page with the real OCR in the request (IMMEDIATE backend): seconds on a busy machine.
    page.set_default_timeout(60_000)
    stray = scans.scan_pdf([scans.text_page(["Courrier du propriétaire : loyer de mars"])])
    browser_log_in(page, live_server.url, clerk.username)
    page.get_by_role("link", name="Documents à classer").click()
    page.get_by_label("Fichiers scannés ou photographiés").set_input_files(
        [{"name": "matin.pdf", "mimeType": "application/pdf", "buffer": stray}]
    )
    page.get_by_role("button", name="Lire et classer").click()
    expect(page.get_by_role("heading", name="Documents à classer 1")).to_be_visible(timeout=60_000)
    assert_accessible(page, "documents reçus")

    row = page.locator("article.unsorted").filter(has_text="matin.pdf")
    row.get_by_label("Dossier (référence, NISS ou nom)").fill("inconnu")
    row.get_by_role("button", name="Classer").click()
    expect(page.locator("article.unsorted").get_by_text("Indiquez le dossier et le type")).to_be_visible()
    assert_accessible(page, "documents reçus, classement refusé")

    row = page.locator("article.unsorted").filter(has_text="matin.pdf")
    row.get_by_label("Dossier (référence, NISS ou nom)").fill(file.reference)
    row.get_by_label("Type de document").select_option(label="Courrier reçu")
    row.get_by_role("button", name="Classer").click()
    expect(page.get_by_text(f"Pages classées dans le dossier {file.reference}")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Aucun document à classer.")).to_be_visible()
    assert not UnsortedPages.objects.exists()
    assert Document.objects.get().file == file


def test_the_cover_sheet_page_is_accessible(page, live_server):
    team = TeamFactory()
    worker = UserFactory(username="as.test", role=Role.SOCIAL_WORKER, teams=[team])
    file = SocialFileFactory(team=team, primary_worker=worker)
    browser_log_in(page, live_server.url, worker.username)
    page.goto(live_server.url + reverse("documents:file", args=[file.pk]))
    page.get_by_role("link", name="Imprimer une feuille de garde").click()
    expect(page.get_by_role("heading", name="Imprimer une feuille de garde")).to_be_visible()
    assert_accessible(page, "feuille de garde")
