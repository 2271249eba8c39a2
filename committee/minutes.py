"""The procès-verbal: rendered at closing (attendance, every item and its decision), then signed PAdES for the
president and the secretary with pyHanko; its public version names no beneficiary."""

from __future__ import annotations

import io
import string

from django.conf import settings
from django.template.loader import render_to_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from committee import selectors, signing
from committee.models import Meeting
from printouts.pdf import STYLESHEET, html_to_pdf


def pseudonyms(meeting: Meeting) -> dict[int, str]:
    """« Bénéficiaire A », « B »… by order of first appearance on the agenda (file id → pseudonym)."""
    names: dict[int, str] = {}
    for item in meeting.items.order_by("number"):
        if item.proposal.file_id not in names:
            index = len(names)
            letters = string.ascii_uppercase[index % 26] * (index // 26 + 1)
            names[item.proposal.file_id] = f"Bénéficiaire {letters}"
    return names


def render_minutes(meeting: Meeting, *, public: bool) -> bytes:
    """The procès-verbal, saying on its face who does not sign it electronically (keys not configured)."""
    unsigned = [str(signing.ROLE_LABELS[role]) for role in signing.unsigned_roles()]
    context = {
        **selectors.minutes_data(meeting),
        "public": public,
        "cpas_name": settings.CPAS_NAME,
        "unsigned": unsigned,
    }
    names = pseudonyms(meeting) if public else {}
    for item in context["items"]:
        file = item.proposal.file
        item.beneficiary = names[file.pk] if public else file.beneficiary.full_name
    html = render_to_string("committee/pdf/minutes.html", context)
    return html_to_pdf(html, stylesheets=[STYLESHEET])


REASONS = {"president": "Pour le président", "secretary": "Pour le secrétaire"}


def sign(pdf: bytes, *, role: str, name: str) -> bytes:
    """Add one PAdES signature (an incremental update: earlier signatures stay valid); none when the role has
    no key configured. A configured key that cannot sign raises signing.SigningKeyError."""
    signer = signing.load(role)
    if signer is None:
        return pdf
    metadata = signers.PdfSignatureMetadata(
        field_name=f"Signature_{role}",
        reason=REASONS[role],
        name=name,
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), metadata, signer=signer)
    return out.getvalue()


def signed_minutes(meeting: Meeting, *, public: bool) -> bytes:
    pdf = render_minutes(meeting, public=public)
    body = meeting.body
    for role, user in (("president", body.president), ("secretary", body.secretary)):
        pdf = sign(pdf, role=role, name=user.get_full_name() or user.get_username())
    return pdf
