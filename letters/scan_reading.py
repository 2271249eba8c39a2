"""Reading returned letters in scanned pages: the letter codes on each page (read by documents.page_reading),
and the parts the pages fall into (a returned letter, or pages to file by hand)."""

from __future__ import annotations

from dataclasses import dataclass

from documents import page_reading
from documents.page_reading import Progress, Scan, UnreadableScan, check_size
from letters.rendering import CODE_ALPHABET, CODE_LENGTH

__all__ = [
    "Part",
    "Scan",
    "UnreadableScan",
    "check_size",
    "is_letter_code",
    "normalise_code",
    "parts",
    "read",
]


@dataclass(frozen=True)
class Part:
    first: int  # index of its first page in the scan
    count: int
    code: str  # the code read on its first page, "" if none
    is_letter: bool  # the code is a letter's: the part is that letter's returned copy


def is_letter_code(text: str) -> bool:
    return len(text) == CODE_LENGTH and all(char in CODE_ALPHABET for char in text)


def normalise_code(typed: str) -> str:
    """The code as printed under the QR code, however typed: any case, spaces or dashes between groups.
    No letter is changed for another: the alphabet has no look-alikes left to confuse."""
    return "".join(typed.split()).replace("-", "").upper()


def read(name: str, data: bytes, progress: Progress | None = None) -> Scan:
    """The upload's pages as a PDF and the letter codes read on each; UnreadableScan says in French what is
    wrong."""
    return page_reading.read(name, data, is_letter_code, progress)


def parts(codes: list[tuple[str, ...]], letter_codes: set[str]) -> list[Part]:
    """A page with one letter's code starts that letter's part, unless it continues it (the code is printed on
    every page of a letter); pages without a code belong to the part before (a signed last page). Pages before
    any code, or from an unknown code on, form a part to file by hand."""
    found: list[Part] = []
    for index, on_page in enumerate(codes):
        letters = [code for code in on_page if code in letter_codes]
        if len(letters) == 1:
            code, is_letter = letters[0], True
        elif on_page:  # an unknown code, or two letters' codes on one page: the clerk decides
            code, is_letter = on_page[0] if len(on_page) == 1 else "", False
        elif found:
            found[-1] = _longer(found[-1])
            continue
        else:
            code, is_letter = "", False
        if found and on_page and found[-1].code == code and found[-1].is_letter == is_letter:
            found[-1] = _longer(found[-1])
        else:
            found.append(Part(first=index, count=1, code=code, is_letter=is_letter))
    return found


def split(name: str, scan: Scan, letter_codes: set[str]) -> list[tuple[Part, bytes]]:
    """Each part of the scan and its pages as a PDF of their own (the same pages give the same bytes)."""
    found = parts(scan.codes, letter_codes)
    return list(
        zip(found, page_reading.pages_pdf(name, scan.pdf, [(p.first, p.count) for p in found]), strict=True)
    )


def _longer(part: Part) -> Part:
    return Part(first=part.first, count=part.count + 1, code=part.code, is_letter=part.is_letter)
