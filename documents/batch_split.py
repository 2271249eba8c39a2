"""Cutting a scanned batch (a pile of documents scanned in one go) into its documents, at the codes printed on
its pages: a cover sheet (documents.cover_sheets) starts the document it names, a returned letter's own code
starts that letter's copy. The pages are read by documents.page_reading.

Pages before any sheet or letter, and pages from a code that cannot be read or names nothing known, form
"unsorted" parts that a clerk files by hand ("Documents à classer"): a page is never filed on a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from documents import page_reading
from documents.cover_sheets import SheetCode, parse_sheet_code
from documents.page_reading import UNREADABLE, Progress, Scan, Wanted

SHEET, LETTER, UNSORTED = "sheet", "letter", "unsorted"


@dataclass(frozen=True)
class BatchPart:
    kind: str  # SHEET (filed where its sheet says), LETTER (a returned letter) or UNSORTED (filed by hand)
    first: int  # index in the batch of its first page (a cover sheet is not a page of its part)
    count: int
    sheet: SheetCode | None = None  # what the part's cover sheet says
    sheet_page: int | None = None  # index in the batch of that cover sheet
    letter_code: str = ""


def read(
    name: str, data: bytes, *, is_letter_code: Wanted = lambda text: False, progress: Progress | None = None
) -> Scan:
    """The batch's pages as a PDF and the codes read on each: cover sheets', letters' (as `is_letter_code`
    tells them) and page_reading.UNREADABLE for a QR code seen but not decoded. Raises
    page_reading.UnreadableScan."""

    def wanted(text: str) -> bool:
        return text == UNREADABLE or is_letter_code(text) or parse_sheet_code(text) is not None

    return page_reading.read(name, data, wanted, progress)


def parts(codes: list[tuple[str, ...]], letter_codes: set[str]) -> list[BatchPart]:
    """The parts the pages fall into, from the codes read on each page and the codes of the letters known.

    A page with one sheet code is a cover sheet: the pages after it, up to the next code, are its part (a
    sheet with no page after it gives no part). A page with one known letter's code starts that letter's
    part, unless it continues it (the code is printed on every page of a letter). A page without a code
    belongs to the part before it. Pages before any code, and from a page whose code is unreadable, unknown
    or ambiguous (two codes on one page), form an unsorted part."""
    found: list[BatchPart] = []
    for index, on_page in enumerate(codes):
        sheets = [code for code in map(parse_sheet_code, on_page) if code is not None]
        if len(sheets) == 1 and len(on_page) == 1:
            found.append(BatchPart(kind=SHEET, first=index + 1, count=0, sheet=sheets[0], sheet_page=index))
            continue
        if len(on_page) == 1 and on_page[0] in letter_codes:
            code = on_page[0]
            if found and found[-1].kind == LETTER and found[-1].letter_code == code:
                found[-1] = replace(found[-1], count=found[-1].count + 1)
            else:
                found.append(BatchPart(kind=LETTER, first=index, count=1, letter_code=code))
            continue
        if on_page or not found:  # unreadable, unknown, two codes on one page, or no code yet: by hand
            found.append(BatchPart(kind=UNSORTED, first=index, count=1))
            continue
        found[-1] = replace(found[-1], count=found[-1].count + 1)
    return [part for part in found if part.count]


def split(name: str, scan: Scan, letter_codes: set[str]) -> list[tuple[BatchPart, bytes]]:
    """Each part of the batch and its pages as a PDF of their own (cover sheets left out)."""
    found = parts(scan.codes, letter_codes)
    pdfs = page_reading.pages_pdf(name, scan.pdf, [(part.first, part.count) for part in found])
    return list(zip(found, pdfs, strict=True))
