"""Reading scanned pages: an upload (PDF or image) as one PDF, and the QR codes printed on each page (a
returned letter's code, a cover sheet's), every page checked against the pixel budget before it is decoded.
documents.batch_split decides what the codes mean (cover sheets, and the codes of the apps that consume the
intake, as letters.codes for returned letters)."""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass

import pypdfium2
import zxingcpp
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdfium2 import raw as pdfium_c

IMAGE_FORMATS = ["PNG", "JPEG", "TIFF"]
DEFAULT_IMAGE_DPI = 200
# What a damaged file may raise while pypdf, pdfium or Pillow parse it.
PARSE_ERRORS = (PyPdfError, pypdfium2.PdfiumError, OSError, ValueError, KeyError, TypeError, SyntaxError)


class UnreadableScan(ValueError):
    """An upload that cannot be filed; its message says why, in French."""


@dataclass(frozen=True)
class Scan:
    pdf: bytes  # the PDF uploaded, or the images converted to PDF
    codes: list[tuple[str, ...]]  # the codes read on each page that the reader was asked to keep


# Said for a QR code seen on a page but not decoded (smudged, torn): kept only if wanted.
UNREADABLE = "?"
Progress = Callable[[int, int], None]  # told the pages read so far and the pages in all
Wanted = Callable[[str], bool]  # which codes read on a page are kept (others, a bill's payment QR code…, not)


def check_size(name: str, size: int) -> None:
    """The only checks made while the clerk waits: the file is neither empty nor too large."""
    if not size:
        raise UnreadableScan(_("Le fichier « %(name)s » est vide.") % {"name": name})
    if size > settings.SCAN_MAX_BYTES:
        raise UnreadableScan(
            _("Le fichier « %(name)s » dépasse %(limit)s : scannez-le en plusieurs fichiers.")
            % {"name": name, "limit": filesizeformat(settings.SCAN_MAX_BYTES)}
        )


def read(name: str, data: bytes, wanted: Wanted, progress: Progress | None = None) -> Scan:
    """The upload's pages as a PDF and the wanted codes read on each; UnreadableScan says in French what is
    wrong."""
    check_size(name, len(data))
    pdf = _checked_pdf(name, data) if b"%PDF-" in data[:1024] else _image_as_pdf(name, data)
    try:
        return Scan(pdf=pdf, codes=_page_codes(name, pdf, wanted, progress or _unfollowed))
    except UnreadableScan:  # a ValueError, but one that already says why
        raise
    except PARSE_ERRORS:
        raise UnreadableScan(_damaged(name)) from None


def pages_pdf(name: str, pdf: bytes, ranges: list[tuple[int, int]]) -> list[bytes]:
    """For each (first page index, page count), those pages of the PDF as a PDF of their own (the same pages
    give the same bytes)."""
    try:
        reader = PdfReader(io.BytesIO(pdf))
        return [_extract(reader, first, count) for first, count in ranges]
    except PARSE_ERRORS:
        raise UnreadableScan(_damaged(name)) from None


def _extract(reader: PdfReader, first: int, count: int) -> bytes:
    writer = PdfWriter()
    for index in range(first, first + count):
        writer.add_page(reader.pages[index])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _damaged(name: str) -> str:
    return _(
        "Le fichier « %(name)s » n'a pas pu être lu : il est peut-être endommagé. Scannez-le à nouveau."
    ) % {"name": name}


def _too_many_pages(name: str, pages: int) -> UnreadableScan:
    return UnreadableScan(
        _(
            "Le fichier « %(name)s » compte %(pages)d pages ; au plus %(limit)d par fichier : "
            "scannez-le en plusieurs fichiers."
        )
        % {"name": name, "pages": pages, "limit": settings.SCAN_MAX_PAGES}
    )


def _checked_pdf(name: str, data: bytes) -> bytes:
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
        pages = 0 if encrypted else len(reader.pages)
    except PARSE_ERRORS:
        raise UnreadableScan(_damaged(name)) from None
    if encrypted:
        raise UnreadableScan(
            _("Le PDF « %(name)s » est protégé par un mot de passe : enregistrez-le sans protection.")
            % {"name": name}
        )
    if pages == 0:
        raise UnreadableScan(_("Le PDF « %(name)s » ne contient aucune page.") % {"name": name})
    if pages > settings.SCAN_MAX_PAGES:
        raise _too_many_pages(name, pages)
    return data


def _image_as_pdf(name: str, data: bytes) -> bytes:
    """Each frame of the image (a multi-page TIFF has several) as a page, at the resolution it was scanned;
    each frame's size is checked before it is decoded, and only one frame is decoded at a time."""
    image = _open_image(name, data)
    try:
        pages = getattr(image, "n_frames", 1)  # a TIFF's directories are read, no pixel is decoded
        if pages > settings.SCAN_MAX_PAGES:
            raise _too_many_pages(name, pages)
        writer = PdfWriter()
        for index in range(pages):
            image.seek(index)
            _check_pixels(name, index + 1, *image.size)
            writer.add_page(PdfReader(io.BytesIO(_frame_as_pdf(image))).pages[0])
        out = io.BytesIO()
        writer.write(out)
    except UnreadableScan:
        raise
    except PARSE_ERRORS:
        raise UnreadableScan(_damaged(name)) from None
    return out.getvalue()


def _open_image(name: str, data: bytes) -> Image.Image:
    """The image with its headers read and no pixel decoded. Image.open would also refuse a large first frame,
    but without saying its size; and it never looks at the other frames of a TIFF: _check_pixels does both."""
    Image.init()
    for kind in IMAGE_FORMATS:
        factory, accept = Image.OPEN[kind]
        if accept is not None and accept(data[:16]) is not True:
            continue
        try:
            return factory(io.BytesIO(data))
        except PARSE_ERRORS:
            raise UnreadableScan(_damaged(name)) from None
    raise UnreadableScan(
        _("Le fichier « %(name)s » n'est ni un PDF ni une image PNG, JPEG ou TIFF.") % {"name": name}
    )


def _frame_as_pdf(frame: Image.Image) -> bytes:
    dpi = frame.info.get("dpi", (DEFAULT_IMAGE_DPI,))[0]
    out = io.BytesIO()
    _printable(frame).save(out, "PDF", resolution=float(dpi) if 50 <= dpi <= 1200 else DEFAULT_IMAGE_DPI)
    return out.getvalue()


def _check_pixels(name: str, page: int, width: float, height: float, what: str = "") -> None:
    """Refuse a page that would take more than SCAN_MAX_PIXELS once decoded or rendered (a decompression
    bomb: a few kilobytes that declare 50000 x 50000 pixels), before any pixel is decoded."""
    if width * height <= settings.SCAN_MAX_PIXELS:
        return
    raise UnreadableScan(
        _(
            "Page %(page)d de « %(name)s » : image trop grande (%(what)s%(width)s × %(height)s pixels ; "
            "au plus %(limit)s pixels par page). Scannez-la à une résolution plus basse : 300 points par "
            "pouce suffisent."
        )
        % {
            "page": page,
            "name": name,
            "what": what,
            "width": number_format(math.ceil(width), force_grouping=True),
            "height": number_format(math.ceil(height), force_grouping=True),
            "limit": number_format(settings.SCAN_MAX_PIXELS, force_grouping=True),
        }
    )


def _printable(frame: Image.Image) -> Image.Image:
    """The frame itself when a PDF holds its mode as is (black and white, grey or colour), else converted."""
    return frame if frame.mode in ("1", "L", "RGB") else frame.convert("RGB")


def _unfollowed(done: int, total: int) -> None:
    pass


def _page_codes(name: str, pdf: bytes, wanted: Wanted, progress: Progress) -> list[tuple[str, ...]]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        total = len(document)
        progress(0, total)
        codes = []
        for index in range(total):
            page = document[index]
            try:
                _check_page(name, index + 1, page)
                codes.append(_codes_on(page, wanted))
            finally:
                page.close()
            progress(len(codes), total)
        return codes
    finally:
        document.close()


def _check_page(name: str, number: int, page) -> None:
    """The page as rendered, and every image drawn on it as decoded, fit the pixel budget."""
    scale = settings.SCAN_DPI / 72
    width, height = page.get_size()
    _check_pixels(
        name,
        number,
        width * scale,
        height * scale,
        _("page de %(width)s × %(height)s mm, soit ")
        % {"width": round(width * 25.4 / 72), "height": round(height * 25.4 / 72)},
    )
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
        _check_pixels(name, number, *image.get_px_size(), _("image de "))


def _codes_on(page, wanted: Wanted) -> tuple[str, ...]:
    image = page.render(scale=settings.SCAN_DPI / 72, grayscale=True).to_pil()
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode, return_errors=True)
    texts = {barcode.text if barcode.valid else UNREADABLE for barcode in found}
    return tuple(sorted(text for text in texts if wanted(text)))
