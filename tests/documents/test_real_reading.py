"""The whole intake with the real OCR (ocrmypdf, tesseract): a phone photo of a French lease becomes a
document with a text layer and a PDF/A copy; a born-digital PDF keeps its text."""

import io

import pytest
from django.urls import reverse

from documents import content_store
from tests.documents.conftest import add
from tests.documents.pdfs import pdfa_part
from tests.documents.scans import LEASE, born_digital_pdf, scanned_pages, text_page
from tests.files.conftest import client_for, page_text

pytestmark = pytest.mark.django_db


def jpeg(image) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, format="JPEG", quality=85)
    return out.getvalue()


def test_a_photo_is_read_and_archived(file, worker, lease_type):
    (photo,) = scanned_pages([text_page(LEASE)])
    document = add(worker, file, lease_type, data=jpeg(photo), name="IMG_0042.jpg")
    document.refresh_from_db()
    version = document.current
    assert version.ocr_state == "done", version.ocr_error
    assert "loyer" in version.text.lower() and version.pages == 1
    assert pdfa_part(content_store.read(version.archived)) in ("1", "2", "3")
    shown = page_text(client_for(worker).get(reverse("documents:detail", args=[file.pk, document.pk])))
    assert "Texte reconnu" in shown


def test_a_born_digital_pdf_keeps_its_text_without_ocr(file, worker, lease_type):
    document = add(worker, file, lease_type, data=born_digital_pdf(LEASE), name="bail.pdf")
    document.refresh_from_db()
    assert document.current.ocr_state == "not_needed" and "loyer mensuel" in document.current.text
