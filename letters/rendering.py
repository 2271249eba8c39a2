"""A letter's HTML from its template and the file's data, and its PDF/A with the QR code of its identifier."""

from __future__ import annotations

import base64
import secrets

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.template import engines
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from weasyprint import HTML

from letters.models import Kind, LetterTemplate
from printouts.pdf import PDF_VARIANT
from workflow import deadlines, notification

# No 0/O, 1/I/L, 5/S, U: a code typed back from a torn copy is read without doubt.
CODE_ALPHABET = "ABCDEFGHJKMNPQRTVWXYZ2346789"
CODE_LENGTH = 8


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def qr_data_uri(code: str) -> str:
    """The QR code of the letter's identifier as an SVG image (vector: sharp at any print resolution)."""
    image = qrcode.make(code, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()


def context_for(kind: str, *, file, request=None, proposal=None, decision=None) -> dict:
    """What every template may use: file, person, address, team, and what this kind of letter is about."""
    person = file.beneficiary
    worker = file.primary_worker
    context = {
        "cpas_name": settings.CPAS_NAME,
        "file": file,
        "person": person,
        "address": notification.current_address(person),
        "team": file.team,
        "worker_name": (worker.get_full_name() or worker.get_username()) if worker else "",
        "today": timezone.localdate(),
        "request": request,
        "proposal": proposal,
        "decision": decision,
    }
    if kind == Kind.ACKNOWLEDGEMENT:
        context["decision_due"] = deadlines.decision_due(request.requested_on)
    if kind == Kind.NOTIFICATION:
        context["notification"] = notification.render_notification(proposal, decision=decision)
    return context


def recipient_of(context: dict) -> str:
    address = context["address"]
    return f"{context['person'].full_name}, {address}" if address else context["person"].full_name


def render_html(template: LetterTemplate, context: dict, code: str) -> str:
    body = engines["django"].from_string(template.html).render(context)
    return render_to_string(
        "letters/page.html",
        {"body": mark_safe(body), "css": mark_safe(template.css), "code": code, "qr": qr_data_uri(code)},  # noqa: S308 - the template's own escaping already applied; the admin writes the CSS
    )


def render_pdf(html: str) -> bytes:
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant=PDF_VARIANT)
