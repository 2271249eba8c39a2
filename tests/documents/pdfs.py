"""Looking into PDFs the tests produce: their pages, their text, whether they claim PDF/A."""

import io

import pikepdf
import pypdfium2
from PIL import Image
from pypdf import PdfReader, PdfWriter


def pdfa_part(pdf: bytes) -> str:
    """The PDF/A part its XMP metadata claims (pdfaid:part), "" if none."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return str(document.open_metadata().get("pdfaid:part", ""))


def page_sizes_mm(pdf: bytes) -> list[tuple[int, int]]:
    return [
        (round(float(page.mediabox.width) * 25.4 / 72), round(float(page.mediabox.height) * 25.4 / 72))
        for page in PdfReader(io.BytesIO(pdf)).pages
    ]


def joined(*pdfs: bytes) -> bytes:
    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(io.BytesIO(pdf))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def without_pdfa_claim(pdf: bytes) -> bytes:
    """The same PDF with no XMP metadata: born-digital, but not (claimed) PDF/A."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        del document.Root["/Metadata"]
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def rendered(pdf: bytes, page: int = 0, dpi: int = 50) -> Image.Image:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return document[page].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
