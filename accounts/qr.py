"""The enrolment QR code as inline SVG: no image request, no external resource, nothing for the CSP."""

import qrcode
import qrcode.image.svg
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def qr_svg(data: str, *, label: str) -> SafeString:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, border=4)
    svg = image.to_string(encoding="unicode")
    # qrcode's own markup (the data is drawn as squares, never written as text); the label is escaped.
    attributes = f'<svg class="qr-code" role="img" aria-label="{escape(label)}" '
    return mark_safe(svg.replace("<svg ", attributes, 1))  # noqa: S308
