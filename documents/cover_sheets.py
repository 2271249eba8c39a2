"""Feuille de garde: a sheet printed from a file or a request and put on top of a document's pages before they
are scanned. Its QR code says where the pages go; its text says the same to a clerk filing by hand.

The QR code holds a compact, versioned payload (ASCII, so a small code reads well on a poor copy):

    DSG1|F<file id>|R<request id, or "-" for none>|T<document type code>

for example "DSG1|F1234|R-|Tbail". "DSG1" names the format and its version: a later format gets "DSG2", and
the sheets already printed with "DSG1" are still read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.template.loader import render_to_string
from qrcode.constants import ERROR_CORRECT_H

from printouts.pdf import html_to_pdf
from printouts.qr import qr_data_uri

PREFIX = "DSG1"
ID = r"[1-9][0-9]{0,17}"
PAYLOAD = re.compile(rf"{PREFIX}\|F(?P<file>{ID})\|R(?P<request>{ID}|-)\|T(?P<type>[-a-zA-Z0-9_]{{1,40}})")


@dataclass(frozen=True)
class SheetCode:
    """What a cover sheet says: the file, the request (None: the file itself) and the document type."""

    file_id: int
    request_id: int | None
    type_code: str

    @property
    def payload(self) -> str:
        request = "-" if self.request_id is None else str(self.request_id)
        return f"{PREFIX}|F{self.file_id}|R{request}|T{self.type_code}"


def parse_sheet_code(text: str) -> SheetCode | None:
    """The sheet code in a QR code's text; None if it is not one (a letter's code, a bill's QR code…)."""
    found = PAYLOAD.fullmatch(text.strip())
    if found is None:
        return None
    request = found["request"]
    return SheetCode(
        file_id=int(found["file"]),
        request_id=None if request == "-" else int(request),
        type_code=found["type"],
    )


def cover_sheet_pdf(
    *,
    file_reference: str,
    file_id: int,
    request_id: int | None = None,
    type_code: str,
    type_label: str,
    person_name: str,
) -> bytes:
    """The A4 cover sheet (PDF/A) for a document of this type in this file (and request)."""
    code = SheetCode(file_id=file_id, request_id=request_id, type_code=type_code)
    if parse_sheet_code(code.payload) != code:
        raise ValueError(f"not a sheet code: {code.payload!r}")  # a type code the payload cannot hold
    html = render_to_string(
        "documents/cover_sheet.html",
        {
            # The highest error correction: a sheet is read even with a third of its code smudged.
            "qr": qr_data_uri(code.payload, error_correction=ERROR_CORRECT_H),
            "payload": code.payload,
            "file_reference": file_reference,
            "request_id": request_id,
            "type_label": type_label,
            "person_name": person_name,
        },
    )
    return html_to_pdf(html)
