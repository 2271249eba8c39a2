"""Scans that cannot exhaust a worker: every page of an image or a PDF sent to the intake is checked against
the pixel budget (SCAN_MAX_PIXELS) before a pixel of it is decoded or rendered; a decompression bomb ends
refused with the page and its size, in French, never as a reading that "failed unexpectedly"."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from documents import page_reading
from documents.models import Intake, IntakePart, UnsortedPages
from tests.documents import bombs, scans
from tests.documents.conftest import client_for, committed, page_text

pytestmark = pytest.mark.django_db
HUGE = 40_000  # 40 000 x 40 000 pixels: 1.6 billion, 1.6 GB in grey once decoded


def test_bombs_are_refused_as_too_large_with_their_page_and_size(mail_clerk):
    scanned = [scans.blank(), scans.text_page(["Lu et approuvé"])]
    files = [
        ("bombe.png", bombs.png(HUGE, HUGE)),
        ("pile.tif", bombs.tiff(scanned, 3, HUGE, HUGE)),
        ("affiche.pdf", bombs.pdf_page(14_400, 14_400)),
        ("image.pdf", bombs.pdf_image(HUGE, HUGE)),
    ]
    mail = client_for(mail_clerk)
    with committed():
        response = mail.post(
            reverse("intake:page"), {"scans": [SimpleUploadedFile(name, data) for name, data in files]}
        )
    intakes = {row.original_name: row for row in Intake.objects.all()}
    assert {row.status for row in intakes.values()} == {Intake.Status.FAILED}
    for name, page, size in (
        ("bombe.png", 1, "40 000 × 40 000 pixels"),
        ("pile.tif", 3, "40 000 × 40 000 pixels"),  # the first two pages are fine: the third is not
        ("affiche.pdf", 1, "page de 5080 × 5080 mm, soit 40 000 × 40 000 pixels"),
        ("image.pdf", 1, "image de 40 000 × 40 000 pixels"),
    ):
        error = intakes[name].error.replace("\xa0", " ").replace("\u202f", " ")
        assert error.startswith(f"Page {page} de « {name} » : image trop grande ({size} ; au plus 35")
        assert "inattendue" not in error
    assert "Page 3 de « pile.tif » : image trop grande" in page_text(mail.get(response.url))
    assert not IntakePart.objects.exists() and not UnsortedPages.objects.exists()
    for row in intakes.values():  # nothing sent is lost
        assert row.original


def test_the_budget_is_a_setting_and_a_page_within_it_is_read(settings):
    page = scans.scan_image([scans.blank()], "PNG")  # A4 at 300 dpi: 2480 x 3508 pixels
    assert len(page_reading.read("a4.png", page, lambda code: True).codes) == 1
    settings.SCAN_MAX_PIXELS = 2480 * 3508 - 1
    with pytest.raises(page_reading.UnreadableScan, match="Page 1 de « a4.png » : image trop grande"):
        page_reading.read("a4.png", page, lambda code: True)


def test_pillow_refuses_the_same_budget_everywhere(settings):
    assert Image.MAX_IMAGE_PIXELS == settings.SCAN_MAX_PIXELS
