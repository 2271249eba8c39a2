"""In a real browser: the mail clerk sends a page that came without a cover sheet, follows the link under the
upload to it among the "Documents à classer", recognises it by its first page and files it in two clicks (the
file suggested as part of its beneficiary's name is typed, then the type; the file's request too); printing
a cover sheet from the file's Documents tab; the new pages meet WCAG 2.1 AA, errors and suggestions included.
Jobs run at once (IMMEDIATE backend); tests/letters/test_scans_browser.py exercises a real worker and the
page's polling."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from access.roles import Role
from documents.models import Document, DocumentType, UnsortedPages
from files.models import AidRequest
from tests.browser.test_accessibility import assert_accessible
from tests.documents import scans
from tests.factories import PersonFactory, SocialFileFactory, TeamFactory, UserFactory
from tests.login import browser_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def immediate_jobs(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_the_mail_clerk_sorts_a_page_without_cover_sheet(page, live_server):
    # The live server's tests flush the database, default catalogue included: the type is made here.
    DocumentType.objects.get_or_create(code="letter_received", defaults={"label": "Courrier reçu"})
    person = PersonFactory(last_name="Lefèvre", first_names="Hélène", birth_date=datetime.date(1981, 3, 14))
    file = SocialFileFactory(team=TeamFactory(), beneficiary=person)
    clerk = UserFactory(username="courrier", role=Role.MAIL_CLERK)
    rent = AidRequest.objects.create(file=file, aid=AidRequest.Aid.FINANCIAL, registered_by=clerk)
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
    # Under the upload, where its page went; in the list, its first page.
    page.get_by_role("link", name="à classer ci-dessous").click()
    row = page.locator("article.unsorted").filter(has_text="matin.pdf")
    thumbnail = row.get_by_role("img", name="Aperçu de la page 1 de « matin.pdf »")
    expect(thumbnail).to_be_visible()
    assert thumbnail.evaluate("image => image.complete && image.naturalWidth") == 240
    assert_accessible(page, "documents reçus")

    row.get_by_label("Dossier (référence, NISS ou nom)").fill("inconnu")
    row.get_by_role("button", name="Classer").click()
    expect(page.locator("article.unsorted").get_by_text("Indiquez le dossier et le type")).to_be_visible()
    assert_accessible(page, "documents reçus, classement refusé")

    # Part of the name, without its accent: the file is suggested, chosen with a click.
    row = page.locator("article.unsorted").filter(has_text="matin.pdf")
    field = row.get_by_label("Dossier (référence, NISS ou nom)")
    field.fill("")
    field.press_sequentially("lefev")
    suggestion = row.get_by_role("button", name="LEFÈVRE Hélène né(e) le 14/03/1981")
    expect(suggestion).to_be_visible()
    assert_accessible(page, "documents reçus, dossiers proposés")
    suggestion.click()
    expect(field).to_have_value(file.reference)
    expect(row.get_by_label("Type de document")).to_be_focused()
    row.get_by_label("Type de document").select_option(label="Courrier reçu")
    requests = row.get_by_label("Demande (si le document en concerne une)")
    expect(requests.locator("option")).to_have_count(2)  # the chosen file's request, brought by htmx
    requests.select_option(str(rent.pk))
    row.get_by_role("button", name="Classer").click()
    expect(page.get_by_text(f"Pages classées dans le dossier {file.reference}")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Aucun document à classer.")).to_be_visible()
    expect(page.locator("ul.outcomes")).to_have_text(
        f"Page 1 : Courrier reçu — dossier {file.reference}, "
        f"demande Aide sociale financière du {rent.requested_on:%d/%m/%Y}"
    )
    assert not UnsortedPages.objects.exists()
    document = Document.objects.get()
    assert (document.file, document.request) == (file, rent)


def test_the_cover_sheet_page_is_accessible(page, live_server):
    team = TeamFactory()
    worker = UserFactory(username="as.test", role=Role.SOCIAL_WORKER, teams=[team])
    file = SocialFileFactory(team=team, primary_worker=worker)
    browser_log_in(page, live_server.url, worker.username)
    page.goto(live_server.url + reverse("documents:file", args=[file.pk]))
    page.get_by_role("link", name="Imprimer une feuille de garde").click()
    expect(page.get_by_role("heading", name="Imprimer une feuille de garde")).to_be_visible()
    assert_accessible(page, "feuille de garde")
