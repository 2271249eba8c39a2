"""Documents in a Mons-Centre file: real PDFs and images made here and read back, contents in a temporary
media directory, background jobs run at once.

Tests that ask for `reader` have documents.ocr and documents.images stood in for by `StandInReader`, which
keeps to their interface without tesseract (a few milliseconds instead of seconds, and failures on demand);
test_real_reading.py runs the real ones.
"""

from __future__ import annotations

import dataclasses
import io
import sys
import types

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from PIL import Image, ImageDraw
from pypdf import PdfReader

from access.roles import Role
from documents import intake, services
from documents.models import DocumentType, Intake
from files.models import AidRequest
from tests.documents import scans
from tests.factories import UserFactory
from tests.files.conftest import (  # noqa: F401
    client_for,
    colleague,
    head,
    other_team,
    outsider,
    page_text,
    payment_clerk,
    reception,
    team,
    worker,
)
from tests.files.conftest import file as social_file  # noqa: F401

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.TASKS = IMMEDIATE


@pytest.fixture
def file(social_file):  # noqa: F811
    return social_file


_PDFS: dict[str, bytes] = {}


def born_digital_pdf(
    text: str = "Contrat de bail : loyer mensuel de 650 euros, rue de la Station 12, Mons",
) -> bytes:
    """A one-page PDF with its own text layer, written by WeasyPrint (made once per text)."""
    if text not in _PDFS:
        from weasyprint import HTML

        _PDFS[text] = HTML(
            string=f"<html lang='fr'><body><h1>Document</h1><p>{text}</p></body></html>"
        ).write_pdf()
    return _PDFS[text]


def photo_png(text: str = "Fiche de paie janvier") -> bytes:
    """A photo-like PNG of a page with a line of text."""
    image = Image.new("RGB", (620, 877), "white")
    ImageDraw.Draw(image).text((60, 80), text, fill="black")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@dataclasses.dataclass
class Reading:
    archived_pdf: bytes
    text: str
    pages: int
    ocr_done: bool


class OcrFailed(Exception):
    pass


class StandInReader:
    """documents.ocr and documents.images as agreed, without tesseract: the PDF's own text, or a failure."""

    def __init__(self):
        self.fail_with = ""
        self.calls = 0

    def read_pdf(self, pdf: bytes, *, languages: str = "fra+nld+deu") -> Reading:
        self.calls += 1
        if self.fail_with:
            raise OcrFailed(self.fail_with)
        reader = PdfReader(io.BytesIO(pdf))
        text = "\f".join(page.extract_text() or "" for page in reader.pages)
        return Reading(archived_pdf=pdf, text=text, pages=len(reader.pages), ocr_done=not text.strip())

    @staticmethod
    def image_to_pdf(data: bytes) -> bytes:
        out = io.BytesIO()
        Image.open(io.BytesIO(data)).convert("RGB").save(out, format="PDF")
        return out.getvalue()


@pytest.fixture
def reader(monkeypatch):
    """The OCR as the processing sees it: the stand-in."""
    stand_in = StandInReader()
    ocr = types.ModuleType("documents.ocr")
    ocr.read_pdf, ocr.OcrFailed, ocr.Reading = stand_in.read_pdf, OcrFailed, Reading
    images = types.ModuleType("documents.images")
    images.image_to_pdf = stand_in.image_to_pdf
    monkeypatch.setitem(sys.modules, "documents.ocr", ocr)
    monkeypatch.setitem(sys.modules, "documents.images", images)
    import documents

    monkeypatch.setattr(documents, "ocr", ocr, raising=False)
    monkeypatch.setattr(documents, "images", images, raising=False)
    return stand_in


@pytest.fixture
def lease_type(db):
    return DocumentType.objects.get(code="lease")


@pytest.fixture
def medical_type(db):
    return DocumentType.objects.get(code="medical_certificate")


@pytest.fixture
def legal(db):
    return UserFactory(first_name="Léa", last_name="Juriste", role=Role.LEGAL_OFFICER)


@pytest.fixture
def mail_clerk(db):
    return UserFactory(first_name="Marc", last_name="Courrier", role=Role.MAIL_CLERK)


@pytest.fixture
def request_(file, worker):
    return AidRequest.objects.create(file=file, aid=AidRequest.Aid.OTHER, registered_by=worker)


@pytest.fixture(scope="module")
def stray_page():
    return scans.text_page(["Page glissée dans la pile, sans feuille de garde"])


def sheet(file, type_code: str, request=None):
    """The cover sheet of `file`, `request` and the type `type_code`, as printed."""
    return scans.cover_sheet_page(
        file_reference=file.reference,
        file_id=file.pk,
        request_id=request.pk if request else None,
        type_code=type_code,
        type_label=type_code,
        person_name="Sophie MARTIN",
    )


def send(user, pages, name="pile.pdf") -> Intake:
    """Send pages (images, or a PDF's bytes) to the intake as `user`; the job runs as the upload commits."""
    data = pages if isinstance(pages, bytes) else scans.scan_pdf(pages)
    with committed():
        (row,) = intake.queue(actor=user, uploads=[SimpleUploadedFile(name, data)])
    row.refresh_from_db()
    return row


def committed():
    """Run what the code queues for after its commit (the reading of a new version) when the block ends, as
    the commit would: the test's own transaction never commits."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def add(user, file, doc_type, *, data: bytes | None = None, name: str = "bail.pdf", **kwargs):
    with committed():
        return services.add_document(
            user=user, file=file, type=doc_type, data=data or born_digital_pdf(), original_name=name, **kwargs
        )
