"""Uploads that cannot exhaust a worker: every page of an image or a PDF is checked against the pixel budget
(SCAN_MAX_PIXELS) before a pixel of it is decoded or rendered; a decompression bomb ends refused with the page
and its size, in French, never as a reading that "failed unexpectedly"."""

import pytest
from PIL import Image

from access.roles import Role
from letters import scan_reading
from letters.models import ReturnedCopy, ScanUpload, UnfiledScan
from tests.factories import UserFactory
from tests.files.conftest import client_for, page_text
from tests.letters import bombs, scanner
from tests.letters.test_scans import upload

pytestmark = pytest.mark.django_db
HUGE = 40_000  # 40 000 x 40 000 pixels: 1.6 billion, 1.6 GB in grey once decoded


@pytest.fixture
def clerk(db):
    return UserFactory(role=Role.MAIL_CLERK)


def test_bombs_are_refused_as_too_large_with_their_page_and_size(clerk):
    scanned = [scanner.blank(), scanner.signature_page()]
    mail = client_for(clerk)
    response = upload(
        mail,
        ("bombe.png", bombs.png(HUGE, HUGE)),
        ("pile.tif", bombs.tiff(scanned, 3, HUGE, HUGE)),
        ("affiche.pdf", bombs.pdf_page(14_400, 14_400)),
        ("image.pdf", bombs.pdf_image(HUGE, HUGE)),
    )
    uploads = {row.original_name: row for row in ScanUpload.objects.all()}
    assert {row.status for row in uploads.values()} == {ScanUpload.Status.FAILED}
    for name, page, size in (
        ("bombe.png", 1, "40 000 × 40 000 pixels"),
        ("pile.tif", 3, "40 000 × 40 000 pixels"),  # the first two pages are fine: the third is not
        ("affiche.pdf", 1, "page de 5080 × 5080 mm, soit 40 000 × 40 000 pixels"),
        ("image.pdf", 1, "image de 40 000 × 40 000 pixels"),
    ):
        error = uploads[name].error.replace("\xa0", " ").replace("\u202f", " ")
        assert error.startswith(f"Page {page} de « {name} » : image trop grande ({size} ; au plus 35")
        assert "inattendue" not in error
    text = page_text(mail.get(response.url))
    assert "Page 3 de « pile.tif » : image trop grande" in text
    assert not ReturnedCopy.objects.exists() and not UnfiledScan.objects.exists()
    for row in uploads.values():  # nothing uploaded is lost
        assert row.original


def test_the_budget_is_a_setting_and_a_page_within_it_is_read(settings):
    page = scanner.scan_image([scanner.blank()], "PNG")  # A4 at 300 dpi: 2480 x 3508 pixels
    assert len(scan_reading.read("a4.png", page).codes) == 1
    settings.SCAN_MAX_PIXELS = 2480 * 3508 - 1
    with pytest.raises(scan_reading.UnreadableScan, match="Page 1 de « a4.png » : image trop grande"):
        scan_reading.read("a4.png", page)


def test_pillow_refuses_the_same_budget_everywhere(settings):
    assert Image.MAX_IMAGE_PIXELS == settings.SCAN_MAX_PIXELS
