"""Documents reçus, for every role: exactly what the access policy grants to FILE_SCANS (the mail cell and the
legal service send and sort scans, returned letters included; nobody else does, nor sees the pages)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter

from access.policy import POLICY, Action, can
from access.roles import Role
from documents import content_store
from documents.models import Intake, UnsortedPages
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
def waiting(worker):
    """Pages waiting to be sorted."""
    pdf = one_page_pdf()
    content = content_store.store(pdf, mime_type="application/pdf")
    return UnsortedPages.objects.create(
        content=content,
        pages=1,
        sha256=content.sha256,
        original_name="lot.pdf",
        first_page=1,
        uploaded_by=worker,
    )


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_each_role_gets_exactly_what_the_policy_grants(role, waiting, team):
    user = UserFactory(role=role.value, teams=[team])
    client = client_for(user)
    allowed = can(user, Action.FILE_SCANS)
    assert client.get(reverse("intake:page")).status_code == (200 if allowed else 403)
    poll = client.get(reverse("intake:page"), headers={"HX-Request": "true"})  # intakes being read
    assert poll.status_code == (200 if allowed else 403)
    assert ("Documents à classer" in page_text(client.get(reverse("files:my_files")))) is allowed
    for name in ("pdf", "thumbnail", "suggestions", "requests"):
        response = client.get(reverse(f"intake:{name}", args=[waiting.pk]), {f"p{waiting.pk}-file": "2026/1"})
        assert response.status_code == (200 if allowed else 403)
    assert client.get(reverse("intake:new_rows")).status_code == (200 if allowed else 403)
    if allowed:
        return
    blank = SimpleUploadedFile("lot.pdf", one_page_pdf())
    assert client.post(reverse("intake:page"), {"scans": [blank]}).status_code == 403
    assert not Intake.objects.exists()
    prefix = f"p{waiting.pk}"
    filing = client.post(reverse("intake:file", args=[waiting.pk]), {f"{prefix}-code": "ABCDEFGH"})
    deleting = client.post(reverse("intake:delete", args=[waiting.pk]), {f"{prefix}-reason": "x"})
    assert (filing.status_code, deleting.status_code) == (403, 403)
    assert UnsortedPages.objects.count() == 1


def test_reception_does_not_file_scans_the_mail_cell_and_the_legal_service_do():
    granted = {role for role in Role if Action.FILE_SCANS in POLICY[role]}
    assert granted == {Role.MAIL_CLERK, Role.LEGAL_OFFICER}
