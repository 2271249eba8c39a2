"""Synthetic files, documents and letters at chosen dates, for the retention tests."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from access.roles import Role
from documents import content_store
from documents.models import Document, DocumentType, DocumentVersion
from files.models import SocialFile
from letters.models import Letter
from tests.factories import SocialFileFactory, TeamFactory, UserFactory
from tests.workflow.conftest import ri_type
from workflow.models import BackOfficeTask, Decision, Proposal

D = datetime.date


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def team(db):
    return TeamFactory(name="Antenne Jemappes")


@pytest.fixture
def worker(team):
    return UserFactory(username="as.retention", role=Role.SOCIAL_WORKER, teams=[team])


def closed_file(team, closed_on: datetime.date | None, **kwargs) -> SocialFile:
    return SocialFileFactory(
        team=team,
        status=SocialFile.Status.CLOSED if closed_on else SocialFile.Status.OPEN,
        closed_on=closed_on,
        **kwargs,
    )


def document_type(code: str, years: int | None, start: str) -> DocumentType:
    return DocumentType.objects.create(
        code=f"test-{code}", label=f"Type {code}", retention_years=years, retention_start=start
    )


def add_document(file, doc_type, author, *, data: bytes, document_date=None, created=None) -> Document:
    """A document with one version whose original is `data` (stored by its hash, as the intake does)."""
    document = Document.objects.create(
        file=file,
        type=doc_type,
        title="Fiche de paie de Mme Exemple",
        document_date=document_date,
        author=author,
        created_at=created or timezone.now(),
    )
    original = content_store.store(data, mime_type="application/pdf")
    version = DocumentVersion.objects.create(
        document=document,
        number=1,
        original=original,
        original_name="fiche.pdf",
        text="Salaire net 1.234,56 € Mme Exemple",
        uploaded_by=author,
    )
    document.current = version
    document.save(update_fields=["current"])
    return document


_codes = iter(range(100000, 999999))


def add_letter(file, kind, author, *, created: datetime.datetime, notified_on=None) -> Letter:
    letter = Letter(
        code=f"R{next(_codes)}",
        kind=kind,
        file=file,
        recipient="Madame Exemple, rue de la Station 1, 7000 Mons",
        created_at=created,
        created_by=author,
        notified_on=notified_on,
    )
    letter.pdf.save("lettre.pdf", ContentFile(b"%PDF-1.7 lettre"), save=False)
    letter.save()
    return letter


def open_recovery(file, author) -> BackOfficeTask:
    from files.models import AidRequest

    request = AidRequest.objects.create(file=file, aid=AidRequest.Aid.RI, registered_by=author)
    proposal = Proposal.objects.create(file=file, request=request, aid_type=ri_type(), author=author)
    decision = Decision.objects.create(proposal=proposal, outcome="granted", recorded_by=author)
    return BackOfficeTask.objects.create(
        decision=decision, kind=BackOfficeTask.Kind.RECOVERY, due_on=D(2020, 1, 1)
    )


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
