"""QR codes printed on PDFs (a letter's identifier, a cover sheet's payload), as SVG: sharp at any size."""

import base64

import qrcode
import qrcode.constants
import qrcode.image.svg


def qr_data_uri(text: str, *, error_correction: int = qrcode.constants.ERROR_CORRECT_M) -> str:
    """The QR code of `text` as an SVG image in a data: URL, for an <img> that WeasyPrint renders."""
    image = qrcode.make(
        text,
        image_factory=qrcode.image.svg.SvgPathImage,
        box_size=10,
        border=2,
        error_correction=error_correction,
    )
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()
