"""Cover sheets: an A4 sheet whose QR code names the file, the request and the document type, and whose text
says the same to a clerk."""

import io
import random

import pytest
import zxingcpp
from pypdf import PdfReader

from documents.cover_sheets import SheetCode, cover_sheet_pdf, parse_sheet_code
from tests.documents import scans
from tests.documents.pdfs import pdfa_part

SHEET = {
    "file_reference": "MONS-2026-00042",
    "file_id": 42,
    "request_id": 7,
    "type_code": "bail",
    "type_label": "Contrat de bail",
    "person_name": "Sophie MARTIN",
}


def test_the_payload_names_the_file_the_request_and_the_type_and_reads_back():
    assert SheetCode(42, 7, "bail").payload == "DSG1|F42|R7|Tbail"
    assert SheetCode(42, None, "carte-identite").payload == "DSG1|F42|R-|Tcarte-identite"
    for code in (SheetCode(42, 7, "bail"), SheetCode(1, None, "fiche_de_paie-2")):
        assert parse_sheet_code(code.payload) == code


@pytest.mark.parametrize(
    "text",
    [
        "ABCDEFGH",  # a letter's code
        "DSG2|F42|R7|Tbail",  # a later format
        "DSG1|F0|R7|Tbail",
        "DSG1|F42|R|Tbail",
        "DSG1|F42|R7|T",
        "DSG1|F42|R7|Tbail|X",
        "DSG1|F42|R7|Tbaïl",
        "BCD\n002\n1\nSCT\n",  # a bill's payment QR code
    ],
)
def test_what_is_not_a_sheet_code_is_not_taken_for_one(text):
    assert parse_sheet_code(text) is None


def test_the_sheet_is_an_a4_pdfa_a_clerk_can_file_by_hand():
    pdf = cover_sheet_pdf(**SHEET)
    (page,) = PdfReader(io.BytesIO(pdf)).pages
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = page.extract_text()
    for words in ("FEUILLE DE GARDE", "MONS-2026-00042", "Sophie MARTIN", "Demande n° 7", "Contrat de bail"):
        assert words in text
    assert pdfa_part(pdf) == "3"


def test_a_sheet_for_the_file_itself_says_so():
    text = PdfReader(io.BytesIO(cover_sheet_pdf(**(SHEET | {"request_id": None})))).pages[0].extract_text()
    assert "Aucune : pièce du dossier" in text


def test_the_code_of_a_scanned_sheet_is_read_back():
    page = scans.scanned(scans.cover_sheet_page(**SHEET), random.Random(3))
    found = zxingcpp.read_barcodes(page.reduce(2), formats=zxingcpp.BarcodeFormat.QRCode)  # 150 dpi
    assert [parse_sheet_code(barcode.text) for barcode in found] == [SheetCode(42, 7, "bail")]


def test_a_type_code_the_payload_cannot_hold_is_refused():
    with pytest.raises(ValueError, match="not a sheet code"):
        cover_sheet_pdf(**(SHEET | {"type_code": "bail|R9"}))
