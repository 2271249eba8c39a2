"""Thumbnails of a document's first page, for the Documents tab."""

from __future__ import annotations

import io

import pypdfium2

# Width in pixels: sharp in the list's column on a screen of twice the density.
WIDTH = 240


def first_page_png(pdf: bytes) -> bytes:
    """A PNG of the first page of `pdf`, WIDTH pixels wide."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        try:
            width, _height = page.get_size()
            image = page.render(scale=WIDTH / width).to_pil()
        finally:
            page.close()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def page_count(pdf: bytes) -> int:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()
