"""French documents scanned for the tests: text drawn on an A4 page at 300 dpi with DejaVu Sans, then through
the simulated office scanner of the returned-letter tests (turned by 1 to 2 degrees, grey, noisy, JPEG)."""

from __future__ import annotations

import random

import pypdfium2
from PIL import Image, ImageDraw, ImageFont

from printouts.pdf import html_to_pdf
from tests.letters.scanner import A4, DPI, blank, scan_image, scan_pdf, scanned

__all__ = ["A4", "DPI", "blank", "scan_image", "scan_pdf", "scanned"]

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
MARGIN = 240  # 2 cm at 300 dpi
LINE_HEIGHT = 70

LEASE = [
    "CONTRAT DE BAIL DE RÉSIDENCE PRINCIPALE",
    "Entre le bailleur, Monsieur Jean Dupont, rue des Écoles 12, 7000 Mons,",
    "et la locataire, Madame Sophie Martin, il a été convenu ce qui suit.",
    "Article 1. Le bien loué est un appartement situé au deuxième étage.",
    "Article 2. Le loyer mensuel est fixé à six cent cinquante euros,",
    "payable avant le cinq de chaque mois sur le compte du bailleur.",
    "Article 3. La garantie locative s'élève à deux mois de loyer.",
    "Fait à Mons, le 3 septembre 2026, en deux exemplaires.",
]
PAY_SLIP = [
    "FICHE DE PAIE - SEPTEMBRE 2026",
    "Employeur : Boulangerie du Beffroi, Grand-Place 4, 7000 Mons",
    "Travailleur : Sophie Martin, ouvrière",
    "Rémunération brute : mille huit cents euros",
    "Cotisations sociales et précompte professionnel déduits",
    "Rémunération nette versée le trente septembre",
]


def font(size: int = 44) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT, size)


def text_page(lines: list[str], *, size: int = 44, top: int = MARGIN) -> Image.Image:
    """A white A4 page (grey levels, 300 dpi) with the lines printed from the top, about 11 points high."""
    page = blank()
    draw = ImageDraw.Draw(page)
    face = font(size)
    for index, line in enumerate(lines):
        draw.text((MARGIN, top + index * LINE_HEIGHT * size // 44), line, fill=0, font=face)
    return page


def upside_down(page: Image.Image) -> Image.Image:
    """A page put in the scanner the wrong way round."""
    return page.rotate(180)


def scanned_pages(pages: list[Image.Image], seed: int = 7) -> list[Image.Image]:
    """The pages as the scanner gives them back, each an image."""
    rng = random.Random(seed)
    return [scanned(page, rng) for page in pages]


def born_digital_pdf(lines: list[str]) -> bytes:
    """A PDF written by software (WeasyPrint): its text is in the file, no OCR needed."""
    paragraphs = "".join(f"<p>{line}</p>" for line in lines)
    return html_to_pdf(f'<html lang="fr"><body style="font-family: DejaVu Sans">{paragraphs}</body></html>')


def rasterised(pdf: bytes, dpi: int = DPI) -> list[Image.Image]:
    """A PDF's pages printed on paper (grey, at `dpi`), ready to be scanned back."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in document]
    finally:
        document.close()


def cover_sheet_page(**sheet) -> Image.Image:
    """The cover sheet (documents.cover_sheets.cover_sheet_pdf's arguments) as printed."""
    from documents.cover_sheets import cover_sheet_pdf

    return rasterised(cover_sheet_pdf(**sheet))[0]


def smudged_qr(page: Image.Image) -> Image.Image:
    """The page with ink spilt over the middle of its QR code: the code is seen, but cannot be decoded."""
    import zxingcpp

    (found,) = zxingcpp.read_barcodes(page, formats=zxingcpp.BarcodeFormat.QRCode)
    corners = [found.position.top_left, found.position.bottom_right]
    left, top = min(c.x for c in corners), min(c.y for c in corners)
    side = max(c.x for c in corners) - left
    page = page.copy()
    ImageDraw.Draw(page).rectangle(
        [left + side * 0.25, top + side * 0.25, left + side * 0.7, top + side * 0.7], fill=0
    )
    return page


def page_with_qr(text: str, lines: list[str] = ()) -> Image.Image:
    """A page with a QR code in its top right corner (a letter's code, or any other) and some text."""
    import qrcode

    page = text_page(list(lines), top=MARGIN + 400)
    code = qrcode.make(text, box_size=10, border=2).get_image().convert("L")
    page.paste(code, (page.width - MARGIN - code.width, MARGIN))
    return page
