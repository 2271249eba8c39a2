"""Writes of documents: add one to a file, add a new version (a new scan replaces the document and keeps the
old one), change what it is about, and read it again after a failure. Each checks the access policy, runs in
one transaction, records the audit event and the file's timeline, and queues the reading of a new version
(documents.processing) once committed; the search index follows each write (search.fulltext)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from access.confidentiality import Level
from access.policy import Action, can
from audit.services import Verb, record
from documents import content_store, upload_checks
from documents.models import Document, DocumentType, DocumentVersion
from files.models import AidRequest, FileEvent, SocialFile
from files.timeline import record_event
from people import selectors as people_selectors
from people.models import Person
from search.fulltext import schedule_document

_UNCHANGED: Any = object()


def checked_upload(data: bytes, *, name: str) -> tuple[bytes, str]:
    """The bytes to keep and their MIME type (documents.upload_checks: recognised from the content, active
    PDF content removed); a refusal becomes a ValidationError with its French message."""
    try:
        checked = upload_checks.check_upload(data, name=name)
    except upload_checks.Refused as refusal:
        raise ValidationError(str(refusal)) from refusal
    return checked.data, checked.mime_type


def add_document(
    *,
    user,
    file: SocialFile,
    type: DocumentType,  # noqa: A002 - the agreed keyword
    data: bytes,
    original_name: str,
    request: AidRequest | None = None,
    person: Person | None = None,
    document_date: datetime.date | None = None,
    source: str = Document.Source.DESK,
    title: str = "",
    confidentiality: str | None = None,
) -> Document:
    """File a document (its first version) in `file`; its level is the type's default unless given."""
    if not can(user, Action.ADD_DOCUMENTS, file):
        raise PermissionDenied
    _check_links(file, request=request, person=person)
    data, mime_type = checked_upload(data, name=original_name)
    with transaction.atomic():
        document = Document.objects.create(
            file=file,
            person=person,
            request=request,
            type=type,
            title=(title or type.label)[:200],
            document_date=document_date,
            source=source,
            confidentiality=confidentiality or type.default_confidentiality,
            author=user,
        )
        version = _new_version(user, document, data, mime_type, original_name, number=1)
        record(
            actor=user,
            verb=Verb.CREATE,
            target=document,
            detail={"version": 1, "bytes": len(data), "mime_type": mime_type},
        )
        record_event(
            file=file, kind=FileEvent.Kind.DOCUMENT, summary=_summary(document, added=True), author=user
        )
        schedule_document(document.pk)
        transaction.on_commit(lambda: enqueue_processing(version.pk))
    return document


def add_version(*, user, document: Document, data: bytes, original_name: str) -> DocumentVersion:
    """A new scan or upload of `document`: it becomes the current version; the older ones are kept."""
    _check_may_change(user, document)
    data, mime_type = checked_upload(data, name=original_name)
    with transaction.atomic():
        # Locks the document's row (where the database can) so that two uploads get different numbers.
        locked = Document.objects.select_for_update().get(pk=document.pk)
        number = (locked.versions.aggregate(last=Max("number"))["last"] or 0) + 1
        version = _new_version(user, locked, data, mime_type, original_name, number=number)
        document.current = version
        record(
            actor=user,
            verb=Verb.UPDATE,
            target=document,
            detail={"version": number, "bytes": len(data), "mime_type": mime_type},
        )
        record_event(
            file=document.file,
            kind=FileEvent.Kind.DOCUMENT,
            summary=_summary(document, added=False),
            author=user,
        )
        schedule_document(document.pk)
        transaction.on_commit(lambda: enqueue_processing(version.pk))
    return version


def change_document(
    *,
    user,
    document: Document,
    type: DocumentType = _UNCHANGED,  # noqa: A002 - as add_document
    document_date: datetime.date | None = _UNCHANGED,
    person: Person | None = _UNCHANGED,
    request: AidRequest | None = _UNCHANGED,
    confidentiality: str = _UNCHANGED,
    title: str = _UNCHANGED,
) -> Document:
    """Correct what a document is about; only the fields given change. Its level is changed by its author or
    the head of service of the file's team, as for a report."""
    _check_may_change(user, document)
    new = {
        "type": type,
        "document_date": document_date,
        "person": person,
        "request": request,
        "confidentiality": confidentiality,
        "title": title,
    }
    new = {field: value for field, value in new.items() if value is not _UNCHANGED}
    if "confidentiality" in new and new["confidentiality"] != document.confidentiality:
        if new["confidentiality"] not in Level.values:
            raise ValidationError({"confidentiality": _("Niveau de confidentialité inconnu.")})
        if document.author_id != user.pk and not can(user, Action.ASSIGN_FILE, document.file):
            raise PermissionDenied
    if "title" in new and not new["title"].strip():
        raise ValidationError({"title": _("Donnez un intitulé au document.")})
    _check_links(document.file, request=new.get("request"), person=new.get("person"))
    changes = {
        field: (_plain(getattr(document, field)), _plain(value))
        for field, value in new.items()
        if getattr(document, field) != value
    }
    if not changes:
        return document
    with transaction.atomic():
        for field, value in new.items():
            setattr(document, field, value)
        document.save(update_fields=list(new))
        record(actor=user, verb=Verb.UPDATE, target=document, changes=changes)
        record_event(
            file=document.file,
            kind=FileEvent.Kind.DOCUMENT,
            summary=_("Document modifié : %(what)s") % {"what": _subject(document)},
            author=user,
        )
        schedule_document(document.pk)  # its level now, its title and type's label once re-indexed
    return document


def read_again(*, user, version: DocumentVersion) -> DocumentVersion:
    """Relancer la lecture: queue again the reading of a version whose reading failed."""
    _check_may_change(user, version.document)
    if version.ocr_state != DocumentVersion.OcrState.FAILED:
        raise ValidationError(_("La lecture de ce document n'a pas échoué : rien à relancer."))
    with transaction.atomic():
        DocumentVersion.objects.filter(pk=version.pk).update(
            ocr_state=DocumentVersion.OcrState.PENDING, ocr_error=""
        )
        version.ocr_state, version.ocr_error = DocumentVersion.OcrState.PENDING, ""
        record(
            actor=user,
            verb=Verb.UPDATE,
            target=version.document,
            detail={"version": version.number, "read": "again"},
        )
        transaction.on_commit(lambda: enqueue_processing(version.pk))
    return version


def enqueue_processing(version_id: int) -> None:
    from documents.tasks import process_version

    process_version.enqueue(version_id)


def _new_version(user, document: Document, data: bytes, mime_type: str, name: str, *, number: int):
    original = content_store.store(data, mime_type=mime_type)
    version = DocumentVersion.objects.create(
        document=document, number=number, original=original, original_name=name[:255], uploaded_by=user
    )
    Document.objects.filter(pk=document.pk).update(current=version)
    document.current = version
    return version


def _check_may_change(user, document: Document) -> None:
    """Changing a document needs the right to add documents to its file and to read this one."""
    if not can(user, Action.ADD_DOCUMENTS, document.file) or not can(user, Action.VIEW_DOCUMENTS, document):
        raise PermissionDenied


def _check_links(file: SocialFile, *, request: AidRequest | None, person: Person | None) -> None:
    if request is not None and request.file_id != file.pk:
        raise ValidationError({"request": _("Cette demande n'appartient pas à ce dossier.")})
    if person is not None and people_selectors.file_person(file, person.pk) is None:
        raise ValidationError(
            {"person": _("Cette personne n'est ni le demandeur ni un membre de son ménage.")}
        )


def _subject(document: Document) -> str:
    """What the timeline says of a document: its type only, never its title, and not even its type unless the
    whole team reads it (the timeline is read by roles that may not open documents, or this one)."""
    if document.confidentiality != Level.TEAM:
        return _("document confidentiel")
    return document.type.label


def _summary(document: Document, *, added: bool) -> str:
    if added:
        return _("Document ajouté : %(what)s") % {"what": _subject(document)}
    return _("Nouvelle version du document : %(what)s") % {"what": _subject(document)}


def _plain(value: Any) -> Any:
    return value.pk if hasattr(value, "pk") else value
