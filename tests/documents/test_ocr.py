"""documents.ocr on real French scans: a text layer on scanned pages, born-digital text kept, PDF/A always,
and every failure told in French."""

import io
import time

import pytest
from pypdf import PdfWriter

from documents import ocr
from tests.documents import scans
from tests.documents.pdfs import joined, pdfa_part, without_pdfa_claim


@pytest.fixture(scope="module")
def mixed_reading():
    """A letter written by software, then a scanned lease and a pay slip put in upside down: one OCR run."""
    born = scans.born_digital_pdf(["Courrier du propriétaire concernant la garantie locative"])
    scanned = scans.scan_pdf(
        [scans.text_page(scans.LEASE), scans.upside_down(scans.text_page(scans.PAY_SLIP))]
    )
    return ocr.read_pdf(joined(born, scanned))


def test_scanned_pages_get_a_text_layer_and_the_written_page_keeps_its_own_text(mixed_reading):
    assert mixed_reading.ocr_done
    assert mixed_reading.pages == 3
    written, lease, pay_slip = mixed_reading.text.split("\f")
    assert written.strip() == "Courrier du propriétaire concernant la garantie locative"
    assert "loyer" in lease
    assert "Mons" in lease
    assert "Rémunération" in pay_slip  # read the right way up
    assert pdfa_part(mixed_reading.archived_pdf) == "2"


def test_a_born_digital_pdfa_is_kept_as_it_is_and_not_ocred():
    letter = scans.born_digital_pdf(scans.LEASE)
    reading = ocr.read_pdf(letter)
    assert (reading.ocr_done, reading.pages) == (False, 1)
    assert reading.archived_pdf == letter
    assert "Le loyer mensuel est fixé à six cent cinquante euros" in reading.text


def test_a_born_digital_pdf_that_is_not_pdfa_is_converted_without_ocr():
    written = without_pdfa_claim(scans.born_digital_pdf(scans.PAY_SLIP))
    assert pdfa_part(written) == ""
    reading = ocr.read_pdf(written)
    assert not reading.ocr_done
    assert pdfa_part(reading.archived_pdf) == "2"
    assert "Boulangerie du Beffroi" in reading.text


def test_a_page_is_read_when_it_is_an_image_with_at_most_a_stamp_of_text():
    assert ocr._is_scan("Scanné le 02/12/2026", has_image=True)
    assert not ocr._is_scan("Le loyer mensuel est fixé à six cent cinquante euros", has_image=True)
    assert not ocr._is_scan("", has_image=False)  # a blank or drawn page: nothing to read


def test_only_the_scanned_pages_are_rasterised(tmp_path):
    some = ocr.ocrmypdf_options(tmp_path / "a", tmp_path / "b", "fra", to_read=[2, 3], pages=4)
    assert (some["mode"], some["pages"]) == ("force", "2,3")
    assert "pages" not in ocr.ocrmypdf_options(tmp_path / "a", tmp_path / "b", "fra", to_read=[1], pages=1)
    assert ocr.ocrmypdf_options(tmp_path / "a", tmp_path / "b", "fra", to_read=[], pages=2)["mode"] == "skip"


def test_an_encrypted_pdf_is_refused_in_french():
    writer = PdfWriter(clone_from=io.BytesIO(scans.born_digital_pdf(["Secret"])))
    writer.encrypt("motdepasse")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ocr.OcrFailed, match="protégé par un mot de passe"):
        ocr.read_pdf(out.getvalue())


def test_a_damaged_pdf_is_refused_in_french():
    with pytest.raises(ocr.OcrFailed, match="il est peut-être endommagé"):
        ocr.read_pdf(b"%PDF-1.7\n1 0 obj << /Type /Catalog")


def test_too_many_pages_are_refused_in_french(settings):
    settings.OCR_MAX_PAGES = 1
    two = joined(scans.born_digital_pdf(["un"]), scans.born_digital_pdf(["deux"]))
    with pytest.raises(ocr.OcrFailed, match="Le fichier compte 2 pages ; au plus 1 sont lues"):
        ocr.read_pdf(two)


def test_a_missing_language_is_told_to_the_clerk_in_french():
    with pytest.raises(ocr.OcrFailed, match="langues demandées .* n'est pas installée") as failed:
        ocr.read_pdf(scans.scan_pdf([scans.text_page(["Loyer"])]), languages="fra+xyz")
    assert "xyz" in failed.value.detail


def test_a_reading_that_takes_too_long_is_stopped(settings):
    settings.OCR_TIMEOUT = 1
    three_pages = scans.scan_pdf([scans.text_page(scans.LEASE)] * 3)
    started = time.monotonic()
    with pytest.raises(ocr.OcrFailed, match="a pris plus de 1 minute et a été arrêtée"):
        ocr.read_pdf(three_pages)
    assert time.monotonic() - started < 10  # stopped, not left to finish
