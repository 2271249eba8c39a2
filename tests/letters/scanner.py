"""A simulated office scanner: letters printed (rasterised with pdfium) and scanned back as a copier does it,
slightly turned, grey, noisy and JPEG-compressed, into one multi-page PDF or image."""

import io
import random

import pypdfium2
from PIL import Image, ImageDraw

DPI = 300
A4 = (round(210 / 25.4 * DPI), round(297 / 25.4 * DPI))


def printed(letter) -> list[Image.Image]:
    """The letter's pages as they come out of the printer."""
    with letter.pdf.open("rb") as pdf:
        document = pypdfium2.PdfDocument(pdf.read())
    pages = [page.render(scale=DPI / 72).to_pil().convert("L") for page in document]
    document.close()
    return pages


def blank() -> Image.Image:
    return Image.new("L", A4, 255)


def signature_page() -> Image.Image:
    """A page the person added and signed: no QR code."""
    page = blank()
    draw = ImageDraw.Draw(page)
    draw.text((300, 400), "Lu et approuve, le 12/11/2026", fill=0, font_size=60)
    draw.line([(300, 700), (900, 620), (1200, 720)], fill=0, width=6)
    return page


def without_qr(page: Image.Image) -> Image.Image:
    """A page whose QR code was torn off or smudged: the code printed under it is still there."""
    page = page.copy()
    ImageDraw.Draw(page).rectangle([page.width - 420, 60, page.width - 100, 320], fill=255)
    return page


def scanned(page: Image.Image, rng: random.Random) -> Image.Image:
    """The page through the scanner: turned by 1 to 2 degrees, grey paper, sensor noise, JPEG quality 60."""
    angle = rng.choice([-1, 1]) * rng.uniform(1, 2)
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=235)
    page = Image.blend(page, Image.effect_noise(page.size, 30), 0.08)
    out = io.BytesIO()
    page.save(out, "JPEG", quality=60)
    return Image.open(io.BytesIO(out.getvalue()))


def scan_pdf(pages: list[Image.Image], seed: int = 7) -> bytes:
    """The pile of pages scanned into one PDF, as the scanner of the mail cell sends it."""
    rng = random.Random(seed)
    images = [scanned(page, rng) for page in pages]
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=DPI)
    return out.getvalue()


def scan_image(pages: list[Image.Image], kind: str, seed: int = 7) -> bytes:
    """The pile scanned into an image file: PNG or JPEG (one page), TIFF (several pages)."""
    rng = random.Random(seed)
    images = [scanned(page, rng) for page in pages]
    out = io.BytesIO()
    images[0].save(out, kind, save_all=len(images) > 1, append_images=images[1:], dpi=(DPI, DPI))
    return out.getvalue()
