"""A scanned batch is cut at its cover sheets (and returned letters' codes); pages without a readable sheet
are left to file by hand."""

import io

import pytest
from pypdf import PdfReader

from documents import batch_split
from documents.batch_split import LETTER, SHEET, UNSORTED, BatchPart
from documents.cover_sheets import SheetCode
from documents.page_reading import UNREADABLE
from tests.documents import scans

LETTER_CODE = "ABCDEFGH"
LEASE = {"file_reference": "MONS-2026-00042", "file_id": 42, "request_id": 7, "type_code": "bail"}
IDENTITY = {
    "file_reference": "MONS-2026-00042",
    "file_id": 42,
    "request_id": None,
    "type_code": "carte-identite",
}
PAY_SLIP = {"file_reference": "MONS-2026-00043", "file_id": 43, "request_id": 9, "type_code": "fiche-paie"}


def sheet(code: dict) -> object:
    return scans.cover_sheet_page(**code, type_label=code["type_code"], person_name="Sophie MARTIN")


def is_letter_code(text: str) -> bool:
    return len(text) == 8 and text.isalpha() and text.isupper()


@pytest.fixture(scope="module")
def batch():
    pages = [
        scans.text_page(["Page glissée dans la pile, sans feuille de garde"]),  # 0
        sheet(LEASE),  # 1
        scans.text_page(scans.LEASE),  # 2
        scans.text_page(["Bail, page 2 : signatures des parties"]),  # 3
        sheet(IDENTITY),  # 4
        scans.text_page(["CARTE D'IDENTITÉ - copie recto verso"]),  # 5
        sheet(PAY_SLIP),  # 6
        scans.text_page(scans.PAY_SLIP),  # 7
        scans.page_with_qr(LETTER_CODE, ["Accusé de réception, signé et renvoyé"]),  # 8
        scans.smudged_qr(sheet(LEASE)),  # 9: a sheet nobody can read
        scans.text_page(["Facture d'énergie"]),  # 10
    ]
    return batch_split.read("pile.pdf", scans.scan_pdf(pages), is_letter_code=is_letter_code)


def test_a_batch_is_cut_at_each_sheet_and_letter(batch):
    assert batch_split.parts(batch.codes, {LETTER_CODE}) == [
        BatchPart(kind=UNSORTED, first=0, count=1),
        BatchPart(kind=SHEET, first=2, count=2, sheet=SheetCode(42, 7, "bail"), sheet_page=1),
        BatchPart(kind=SHEET, first=5, count=1, sheet=SheetCode(42, None, "carte-identite"), sheet_page=4),
        BatchPart(kind=SHEET, first=7, count=1, sheet=SheetCode(43, 9, "fiche-paie"), sheet_page=6),
        BatchPart(kind=LETTER, first=8, count=1, letter_code=LETTER_CODE),
        BatchPart(kind=UNSORTED, first=9, count=2),  # the smudged sheet and its page: by hand
    ]


def test_each_part_is_a_pdf_of_its_own_pages_without_its_sheet(batch):
    pieces = batch_split.split("pile.pdf", batch, {LETTER_CODE})
    assert [len(PdfReader(io.BytesIO(pdf)).pages) for _part, pdf in pieces] == [1, 2, 1, 1, 1, 2]


def test_a_letter_code_naming_no_known_letter_is_filed_by_hand(batch):
    assert batch_split.parts(batch.codes, set())[4] == BatchPart(kind=UNSORTED, first=8, count=1)


def test_a_batch_whose_only_sheet_is_unreadable_is_all_filed_by_hand():
    pages = [scans.smudged_qr(sheet(LEASE)), scans.text_page(scans.LEASE)]
    scan = batch_split.read("pile.pdf", scans.scan_pdf(pages, seed=11))
    assert batch_split.parts(scan.codes, set()) == [BatchPart(kind=UNSORTED, first=0, count=2)]


def test_how_pages_fall_into_parts():
    lease, identity = "DSG1|F42|R7|Tbail", "DSG1|F42|R-|Tcarte-identite"
    codes = [(), (lease,), (), (identity,), (lease,), (), (LETTER_CODE,), (LETTER_CODE,), ()]
    codes += [(lease, identity), (), (UNREADABLE,), (lease, UNREADABLE)]
    assert batch_split.parts(codes, {LETTER_CODE}) == [
        BatchPart(kind=UNSORTED, first=0, count=1),
        BatchPart(kind=SHEET, first=2, count=1, sheet=SheetCode(42, 7, "bail"), sheet_page=1),
        # the identity sheet with no page after it gives no part
        BatchPart(kind=SHEET, first=5, count=1, sheet=SheetCode(42, 7, "bail"), sheet_page=4),
        BatchPart(kind=LETTER, first=6, count=3, letter_code=LETTER_CODE),  # its code on each page, then one
        BatchPart(kind=UNSORTED, first=9, count=2),  # two sheets on one page
        BatchPart(kind=UNSORTED, first=11, count=1),
        BatchPart(kind=UNSORTED, first=12, count=1),  # a sheet and an unreadable code
    ]
