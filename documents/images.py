"""An image received (a photo taken with a phone or a tablet, a page scanned to JPEG, PNG or TIFF) as a PDF,
one page per frame of the image, ready for OCR and the archive.

A scanner writes its resolution in the file: the page keeps the paper's size. A phone writes 72 dpi or none:
its photo is fitted on an A4 page (turned to landscape for a landscape photo), which gives it the resolution
of a scan (a 12-megapixel photo lands at about 340 dpi).

Nothing the camera wrote about the picture (EXIF: GPS position, device; XMP; comments) reaches the PDF: an
upright JPEG is embedded without its metadata segments (documents.jpeg_metadata), the others are encoded again
without it.
"""

from __future__ import annotations

import io

import img2pdf
from django.conf import settings
from django.utils.translation import gettext as _
from PIL import ExifTags, Image, ImageOps

from documents.jpeg_metadata import without_metadata

FORMATS = ("JPEG", "PNG", "TIFF")
SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*")
A4 = (img2pdf.mm_to_pt(210), img2pdf.mm_to_pt(297))
SCANNER_DPI = (100, 1200)  # a resolution a scanner writes; anything else is a photo's (72) or missing
PHOTO_LAYOUT = img2pdf.get_layout_fun(pagesize=A4, fit=img2pdf.FitMode.into, auto_orient=True)
PARSE_ERRORS = (
    OSError,
    ValueError,
    SyntaxError,
    EOFError,
    Image.DecompressionBombError,
    img2pdf.ImageOpenError,
)


class UnreadableImage(ValueError):
    """An image that cannot become a PDF; str() says why in French."""


def image_to_pdf(data: bytes) -> bytes:
    """The image as a PDF: its EXIF orientation applied, a transparent background made white, one page per
    frame (a multi-page TIFF gives several pages). Raises UnreadableImage."""
    if not data.startswith(SIGNATURES):
        raise UnreadableImage(_("Ce fichier n'est pas une image JPEG, PNG ou TIFF."))
    try:
        image = Image.open(io.BytesIO(data), formats=FORMATS)
        frames = [_frame(image, data, index) for index in range(getattr(image, "n_frames", 1))]
        layout = _layout(image)
        return img2pdf.convert(frames, layout_fun=layout, rotation=img2pdf.Rotation.none)
    except UnreadableImage:
        raise
    except PARSE_ERRORS:
        raise UnreadableImage(_("L'image n'a pas pu être lue : elle est peut-être endommagée.")) from None


def _frame(image: Image.Image, data: bytes, index: int) -> bytes:
    """One frame as JPEG or PNG bytes img2pdf embeds as they are, without metadata: an upright JPEG is not
    encoded again."""
    image.seek(index)
    width, height = image.size
    if width * height > settings.SCAN_MAX_PIXELS:
        raise UnreadableImage(
            _("L'image est trop grande (%(width)d × %(height)d pixels) : envoyez-la moins grande.")
            % {"width": width, "height": height}
        )
    upright = image.getexif().get(ExifTags.Base.Orientation, 1) == 1
    if image.format == "JPEG" and upright and image.mode in ("L", "RGB"):
        return without_metadata(data)
    frame = ImageOps.exif_transpose(image) if index == 0 else image.copy()
    frame = _flattened(frame)
    frame.info.pop("comment", None)  # Pillow writes a JPEG's comment again unless told otherwise
    out = io.BytesIO()
    dpi = image.info.get("dpi")
    if image.format == "JPEG":
        frame.save(out, "JPEG", quality=90, **({"dpi": dpi} if dpi else {}))
    else:
        frame.save(out, "PNG", **({"dpi": dpi} if dpi else {}))
    return out.getvalue()


def _flattened(frame: Image.Image) -> Image.Image:
    """The frame in a mode a PDF holds as is (black and white, grey, colour), transparency on white paper."""
    if frame.mode in ("1", "L", "RGB"):
        return frame
    if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
        rgba = frame.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("RGB")
    return frame.convert("RGB")


def _layout(image: Image.Image):
    """A scan's pages at their resolution, a photo fitted on A4. The resolution is the original's: a JPEG may
    have written it only in the EXIF its embedded copy no longer has."""
    image.seek(0)
    dpi = image.info.get("dpi")
    if not dpi or not all(SCANNER_DPI[0] <= float(value) <= SCANNER_DPI[1] for value in dpi):
        return PHOTO_LAYOUT
    if image.format == "JPEG":
        return img2pdf.get_fixed_dpi_layout_fun(tuple(float(value) for value in dpi))
    return img2pdf.default_layout_fun
