"""In a real browser: a social worker fills a request's checklist. The aid asks for three documents, all
"Manquante"; the worker adds them from the request (one chosen in the file input, one dropped on the zone, a
phone photo), each with its type since the form gives one type to all the files sent together, and comes back
to the request's page each time, where the line becomes "Présente" with a link; and opening a document shows
the viewer and a read in Consultations. The pages
meet WCAG 2.1 AA. Jobs run at once (IMMEDIATE backend): the born-digital PDFs are not OCRed, the photo is."""

import base64
import datetime
import io
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from access.roles import Role
from aid.models import AidType, RequiredDocument
from documents.models import Document, DocumentType, DocumentVersion
from files.models import AidRequest
from tests.browser.test_accessibility import assert_accessible
from tests.documents import scans
from tests.factories import SocialFileFactory, TeamFactory, UserFactory
from tests.login import browser_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The JavaScript of a file dropped from the desktop: a DataTransfer holding it, dispatched on the zone.
DROP = """([zone, name, type, data]) => {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], name, { type }));
  for (const kind of ["dragenter", "dragover", "drop"]) {
    zone.dispatchEvent(new DragEvent(kind, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }
}"""


@pytest.fixture(autouse=True)
def immediate_jobs(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def request_with_three_pieces():
    team = TeamFactory()
    worker = UserFactory(username="as.pieces", role=Role.SOCIAL_WORKER, teams=[team])
    file = SocialFileFactory(team=team, primary_worker=worker)
    aid_type = AidType.objects.create(code="test-loyer", label="Aide au loyer")
    for position, (code, label) in enumerate(
        [("identity_card", "Carte d'identité"), ("lease", "Bail"), ("pay_slip", "Fiche de paie")], start=1
    ):
        document_type = DocumentType.objects.get_or_create(code=code, defaults={"label": label})[0]
        RequiredDocument.objects.create(
            aid_type=aid_type, document_type=document_type, position=position, per_request=True
        )
    aid_request = AidRequest.objects.create(
        file=file, aid=aid_type.code, requested_on=datetime.date(2026, 11, 2), registered_by=worker
    )
    return worker, file, aid_request


def photo_png() -> bytes:
    """A payslip photographed with a phone: a PNG image, which the upload turns into a PDF page."""
    out = io.BytesIO()
    scans.text_page(["Fiche de paie", "Salaire net : 1 450,00 EUR"]).save(out, format="PNG")
    return out.getvalue()


def add_documents(page, type_label: str, choose) -> None:
    """From the request's page: Ajouter des documents, the files put in by `choose`, their type, Ajouter; back
    on the request's page."""
    page.get_by_role("link", name="Ajouter des documents").click()
    # The zone takes drops and lists the chosen files once documents.js (deferred) has run.
    expect(page.locator("[data-dropzone].enhanced")).to_be_visible()
    choose(page)
    page.get_by_label("Type de document").select_option(label=type_label)
    page.get_by_role("button", name="Ajouter", exact=True).click()
    expect(page.get_by_text("1 document ajouté")).to_be_visible(timeout=120_000)
    expect(page.get_by_role("heading", name=re.compile("^Demande :"))).to_be_visible()


def test_three_documents_fill_the_request_checklist(page, live_server, request_with_three_pieces):
    worker, file, aid_request = request_with_three_pieces
    # The photo is OCRed in the request (IMMEDIATE backend): seconds, more on a busy machine.
    page.set_default_timeout(60_000)
    request_url = live_server.url + reverse("files:request", args=[file.pk, aid_request.pk])
    browser_log_in(page, live_server.url, worker.username)
    page.goto(request_url)
    checklist = page.locator("ul.checklist > li")
    expect(checklist).to_have_count(3)
    expect(checklist.filter(has_text="Manquante")).to_have_count(3)
    assert_accessible(page, "demande, pièces manquantes")

    identity = scans.born_digital_pdf(["Carte d'identité", "Nom : Dupont"])

    def choose_identity(page):
        page.get_by_label("Fichiers").set_input_files(
            [{"name": "carte-identite.pdf", "mimeType": "application/pdf", "buffer": identity}]
        )
        expect(page.locator(".dropzone-list li")).to_have_text(["carte-identite.pdf"])
        assert_accessible(page, "ajout de documents")

    add_documents(page, "Carte d'identité", choose_identity)
    expect(checklist.filter(has_text="Présente")).to_have_count(1)
    assert_accessible(page, "demande, une pièce ajoutée")

    lease = scans.born_digital_pdf(["Contrat de bail", "Loyer mensuel : 650 EUR"])

    def drop_lease(page):
        zone = page.locator("[data-dropzone]").element_handle()
        page.evaluate(DROP, [zone, "bail.pdf", "application/pdf", base64.b64encode(lease).decode()])
        expect(page.locator(".dropzone-list li")).to_have_text(["bail.pdf"])

    add_documents(page, "Bail", drop_lease)
    expect(checklist.filter(has_text="Présente")).to_have_count(2)

    def choose_photo(page):
        page.get_by_label("Fichiers").set_input_files(
            [{"name": "fiche-de-paie.png", "mimeType": "image/png", "buffer": photo_png()}]
        )

    add_documents(page, "Fiche de paie", choose_photo)

    expect(checklist.filter(has_text="Présente")).to_have_count(3)
    for label in ("Carte d'identité", "Bail", "Fiche de paie"):
        expect(checklist.filter(has_text=label).get_by_role("link")).to_have_count(1)
    assert_accessible(page, "demande, pièces présentes")
    assert set(Document.objects.values_list("request", flat=True)) == {aid_request.pk}
    # Read in the background (here at once): the PDFs keep their own text, the photo became a PDF page and
    # was OCRed; each has its thumbnail.
    readings = {
        d.type.code: (d.current.original.mime_type, d.current.ocr_state, d.current.thumbnail_id is not None)
        for d in Document.objects.select_related("type", "current__original")
    }
    assert readings == {
        "identity_card": ("application/pdf", DocumentVersion.OcrState.NOT_NEEDED, True),
        "lease": ("application/pdf", DocumentVersion.OcrState.NOT_NEEDED, True),
        "pay_slip": ("application/pdf", DocumentVersion.OcrState.DONE, True),
    }

    checklist.filter(has_text="Bail").get_by_role("link").click()
    expect(page.get_by_role("heading", name="Versions")).to_be_visible()
    expect(page.frame_locator("iframe[title='Aperçu du document']").locator("body")).to_be_attached()
    assert_accessible(page, "document")

    page.goto(live_server.url + reverse("files:access_log", args=[file.pk]))
    expect(page.get_by_role("heading", name="Consultations du dossier")).to_be_visible()
    # The journal names a document by its number, never by its title.
    lease_document = Document.objects.get(type__code="lease")
    reads = page.locator("#log-title + table tbody tr").filter(has_text="Consultation")
    what = page.locator("td", has_text=re.compile(rf"^Documents – .* n° {lease_document.pk}$"))
    expect(reads.filter(has=what)).not_to_have_count(0)


def test_a_refused_file_is_named_next_to_the_field(page, live_server, request_with_three_pieces):
    worker, file, aid_request = request_with_three_pieces
    browser_log_in(page, live_server.url, worker.username)
    page.goto(live_server.url + reverse("documents:add", args=[file.pk]) + f"?demande={aid_request.pk}")
    page.get_by_label("Fichiers").set_input_files(
        [{"name": "abime.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\nplus rien"}]
    )
    page.get_by_label("Type de document").select_option(label="Bail")
    page.get_by_role("button", name="Ajouter", exact=True).click()
    expect(page.locator(".field-error")).not_to_have_count(0)
    assert_accessible(page, "ajout de documents, fichier refusé")
    assert not Document.objects.exists()


def test_the_drop_zone_works_once_htmx_swaps_the_form_in(page, live_server, request_with_three_pieces):
    worker, file, aid_request = request_with_three_pieces
    browser_log_in(page, live_server.url, worker.username)
    page.goto(live_server.url + reverse("files:request", args=[file.pk, aid_request.pk]))
    form_url = reverse("documents:add", args=[file.pk]) + f"?demande={aid_request.pk}"
    # The form and its script arrive after the page has loaded, as an htmx swap brings them.
    page.evaluate("(url) => htmx.ajax('GET', url, {target: '#contenu', select: '#contenu > *'})", form_url)
    expect(page.locator("[data-dropzone].enhanced")).to_be_visible()
    zone = page.locator("[data-dropzone]").element_handle()
    lease = base64.b64encode(scans.born_digital_pdf(["Contrat de bail"])).decode()
    page.evaluate(DROP, [zone, "bail.pdf", "application/pdf", lease])
    expect(page.locator(".dropzone-list li")).to_have_text(["bail.pdf"])
