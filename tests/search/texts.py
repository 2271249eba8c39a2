"""Reports and documents of two antennes, each holding a word of its own, and a user of every role."""

from __future__ import annotations

import datetime
import hashlib
import itertools

from access.confidentiality import Level
from access.models import AccessGrant, BodySeat
from access.roles import Role
from documents.models import Document, DocumentType, DocumentVersion, StoredContent
from files.models import Report
from tests.factories import SocialFileFactory, TeamFactory, UserFactory

_contents = itertools.count(1)


def document_type(code: str = "bail", label: str = "Bail") -> DocumentType:
    return DocumentType.objects.get_or_create(code=code, defaults={"label": label})[0]


def add_document(file, *, author, title: str, text: str, confidentiality=Level.TEAM, readers=(), **fields):
    """A document whose current version's text has been read (as documents' processing leaves it)."""
    content = StoredContent.objects.create(
        sha256=hashlib.sha256(str(next(_contents)).encode()).hexdigest(), size=1, mime_type="application/pdf"
    )
    document = Document.objects.create(
        file=file,
        type=fields.pop("type", None) or document_type(),
        title=title,
        author=author,
        confidentiality=confidentiality,
        **fields,
    )
    document.sealed_readers.set(readers)
    version = DocumentVersion.objects.create(
        document=document,
        number=1,
        original=content,
        original_name="scan.pdf",
        text=text,
        ocr_state=DocumentVersion.OcrState.DONE,
        uploaded_by=author,
    )
    document.current = version
    document.save(update_fields=["current"])
    return document


def add_report(file, *, author, title: str, body: str, confidentiality=Level.TEAM, readers=(), **fields):
    report = Report.objects.create(
        file=file,
        kind=fields.pop("kind", Report.Kind.NOTE),
        title=title,
        body=body,
        author=author,
        confidentiality=confidentiality,
        **fields,
    )
    report.sealed_readers.set(readers)
    return report


def many_reports(file, *, author, count: int, body: str, first: datetime.date, **fields) -> list[Report]:
    """`count` reports holding `body`, one a day from `first` (the last is the newest), then indexed."""
    from search.fulltext import indexing

    reports = Report.objects.bulk_create(
        Report(
            file=file,
            kind=Report.Kind.NOTE,
            title=f"Note {n}",
            body=body,
            author=author,
            written_on=first + datetime.timedelta(days=n),
            **fields,
        )
        for n in range(count)
    )
    indexing.reindex(documents=False, progress=lambda *args: None)
    return reports


def world() -> dict:
    """Two antennes' files, users of every role (with an agenda and a break-glass grant), and in each file a
    report and a document at every confidentiality level, each with a word found nowhere else."""
    nimy, cuesmes = TeamFactory(name="Antenne Nimy"), TeamFactory(name="Antenne Cuesmes")
    users = {role.value: UserFactory(role=role.value, teams=[nimy]) for role in Role}
    users["colleague"] = UserFactory(role=Role.SOCIAL_WORKER.value, teams=[nimy])
    users["outsider"] = UserFactory(role=Role.SOCIAL_WORKER.value, teams=[cuesmes])
    users["outside head"] = UserFactory(role=Role.HEAD_SOCIAL_WORKER.value, teams=[cuesmes])
    users["break-glass"] = UserFactory(role=Role.SOCIAL_WORKER.value, teams=[cuesmes])
    users["nobody"] = UserFactory()
    files = {"nimy": SocialFileFactory(team=nimy), "cuesmes": SocialFileFactory(team=cuesmes)}
    files["nimy"].primary_worker = users[Role.SOCIAL_WORKER.value]
    files["nimy"].save(update_fields=["primary_worker"])
    BodySeat.objects.create(user=users[Role.COMMITTEE_MEMBER.value], body="cspss")
    AccessGrant.objects.create(
        body="cspss", file=files["nimy"], kind=AccessGrant.Kind.AGENDA, source="meeting:1"
    )
    AccessGrant.objects.create(
        user=users["break-glass"], file=files["nimy"], kind=AccessGrant.Kind.BREAK_GLASS, source="test"
    )
    author, reader = users[Role.SOCIAL_WORKER.value], users["colleague"]
    items = {}
    for place, file in files.items():
        writer = author if place == "nimy" else users["outsider"]
        named = reader if place == "nimy" else users["outside head"]
        for level in Level:
            readers = [named] if level == Level.SEALED else []
            word = f"mot{place}{level.value}"
            items[("report", place, level.value)] = add_report(
                file,
                author=writer,
                title=f"Note {level.label}",
                body=f"<p>Visite : le loyer est payé. {word}rapport</p>",
                confidentiality=level,
                readers=readers,
            )
            items[("document", place, level.value)] = add_document(
                file,
                author=writer,
                title=f"Bail {level.label}",
                text=f"Contrat de bail, loyers mensuels.\f{word}document",
                confidentiality=level,
                readers=readers,
            )
    return {"users": users, "files": files, "items": items}
