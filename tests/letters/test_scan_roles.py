"""Scan filing, for every role: exactly what the access policy grants to FILE_SCANS, and the returned copy
only to those who may see the letter's file (404 otherwise, as a copy that does not exist)."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter

from access.policy import POLICY, Action, can
from access.roles import Role
from letters import services
from letters.models import Kind, ReturnedCopy, ScanUpload, UnfiledScan
from letters.views_scans import ReturnedCopyPdfView, ScanMixin
from tests.factories import UserFactory
from tests.files.conftest import client_for, page_text

pytestmark = pytest.mark.django_db


def one_page_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def kept(file, request_, worker):
    """A returned copy of a Mons-Centre letter, and pages still to file."""
    letter = services.generate(actor=worker, kind=Kind.ACKNOWLEDGEMENT, file=file, request=request_)
    copy = ReturnedCopy(
        letter=letter, pages=1, sha256="a" * 64, original_name="retour.pdf", first_page=1, uploaded_by=worker
    )
    copy.pdf.save("retour.pdf", ContentFile(one_page_pdf()))
    unfiled = UnfiledScan(pages=1, sha256="b" * 64, original_name="lot.pdf", first_page=1, uploaded_by=worker)
    unfiled.pdf.save("lot.pdf", ContentFile(one_page_pdf()))
    return {"copy": copy, "unfiled": unfiled, "file": file}


def test_the_scan_views_declare_their_actions():
    assert ScanMixin.action is Action.FILE_SCANS
    assert ReturnedCopyPdfView.action is Action.VIEW_FILE


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_each_role_gets_exactly_what_the_policy_grants(role, kept, team):
    user = UserFactory(role=role.value, teams=[team])
    client = client_for(user)
    unfiled = kept["unfiled"]
    allowed = can(user, Action.FILE_SCANS)
    page = client.get(reverse("letters:scans"))
    assert page.status_code == (200 if allowed else 403)
    poll = client.get(reverse("letters:scans"), headers={"HX-Request": "true"})  # uploads being read
    assert poll.status_code == (200 if allowed else 403)
    assert ("Classer des scans" in page_text(client.get(reverse("files:my_files")))) is allowed
    assert client.get(reverse("letters:unfiled_pdf", args=[unfiled.pk])).status_code == (
        200 if allowed else 403
    )
    if not allowed:
        blank = SimpleUploadedFile("lot.pdf", one_page_pdf())
        assert client.post(reverse("letters:scans"), {"scans": [blank]}).status_code == 403
        assert not ScanUpload.objects.exists()
        prefix = f"scan{unfiled.pk}"
        filing = client.post(
            reverse("letters:unfiled_file", args=[unfiled.pk]), {f"{prefix}-code": "ABCDEFGH"}
        )
        deleting = client.post(
            reverse("letters:unfiled_delete", args=[unfiled.pk]), {f"{prefix}-reason": "x"}
        )
        assert (filing.status_code, deleting.status_code) == (403, 403)
        assert UnfiledScan.objects.count() == 1
    copy = client.get(reverse("letters:copy_pdf", args=[kept["copy"].pk]))
    assert copy.status_code == (200 if can(user, Action.VIEW_FILE, kept["file"]) else 404)


def test_reception_does_not_file_scans_the_mail_cell_and_the_legal_service_do():
    granted = {role for role in Role if Action.FILE_SCANS in POLICY[role]}
    assert granted == {Role.MAIL_CLERK, Role.LEGAL_OFFICER}
