"""The documents intake: every upload that may hold several documents (a scanner batch, a phone photo, a file
from the watched folder) is kept as it came and queued; a background job reads it (documents.batch_split),
counting its pages as they are read, and files each part: a cover sheet's part becomes a document in the
file, request and type the sheet names; a part starting with another app's code (a returned letter's) goes
to the consumer that app registered; the rest waits in "Documents à classer" (UnsortedPages). A watchdog job
queues the reading again when the worker that ran it died; run again, the job files nothing twice."""

from __future__ import annotations

import datetime
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from access.policy import Action, can
from audit.services import Verb, record
from documents import batch_split, content_store, page_reading, services, thumbnails
from documents.batch_split import LETTER, SHEET
from documents.models import (
    DELETED_PART,
    Document,
    DocumentType,
    Intake,
    IntakePart,
    StoredContent,
    UnsortedPages,
)
from files.models import AidRequest, SocialFile


@dataclass(frozen=True)
class CodeConsumer:
    """An app that files the parts starting with its own codes (letters: a returned letter's QR code).

    is_code: whether a QR code's text is one of its codes; known: of the codes read, those naming something
    the user may file into; file(actor, code, pdf, known, *, at, by_hand, request): files the pages and
    returns what they became (a `model`, "app_label.model"), raising ValidationError (French) for a code
    naming nothing or IntegrityError when these very pages are filed already; already_kept(sha256): a French
    message saying where these pages already are, else ""; normalise(typed): the code as printed, however
    typed; describe(user, pks): for those of the pks filed that still exist, {pk: (French label, URL)}, the
    URL empty unless `user` may open it, in a fixed number of queries (the intake page lists every part)."""

    is_code: Callable[[str], bool]
    known: Callable[..., set[str]]
    file: Callable[..., models.Model]
    already_kept: Callable[[str], str]
    normalise: Callable[[str], str]
    model: str
    describe: Callable[..., dict[int, tuple[str, str]]]


_consumers: list[CodeConsumer] = []


def register(consumer: CodeConsumer) -> None:
    """Called from an app's ready(): documents never imports the apps that consume its intake."""
    if consumer not in _consumers:
        _consumers.append(consumer)


def consumer_of_model(label: str) -> CodeConsumer | None:
    """The consumer that files what `label` ("app_label.model") names, if any."""
    return next((consumer for consumer in _consumers if consumer.model == label), None)


def _consumer_of(code: str) -> CodeConsumer | None:
    return next((consumer for consumer in _consumers if consumer.is_code(code)), None)


def _consumer_of_typed(typed: str) -> CodeConsumer | None:
    return next((c for c in _consumers if c.is_code(c.normalise(typed))), None)


def as_printed(typed: str) -> str:
    """A code typed by a clerk as its consumer prints it (a letter's: upper case, no spaces)."""
    consumer = _consumer_of_typed(typed)
    return consumer.normalise(typed) if consumer else typed.strip()


# Queueing -------------------------------------------------------------------------------------------------


@transaction.atomic
def queue(*, actor, uploads, source: str = Document.Source.SCANNER, request=None) -> list[Intake]:
    """Keep each file as it came and queue its reading (OCR and codes take seconds a page, too long for a
    request): only an empty or too large file is refused while the clerk waits."""
    _check(actor)
    kept = []
    for upload in uploads:
        name = os.path.basename(upload.name)[:255]
        row = Intake(original_name=name, uploaded_by=actor, source=source)
        try:
            page_reading.check_size(name, upload.size)
        except page_reading.UnreadableScan as error:
            row.status, row.error = Intake.Status.FAILED, str(error)
        else:
            row.original.save(name, upload, save=False)
        row.save()
        record(
            actor=actor,
            verb=Verb.CREATE,
            target=row,
            detail={"original_name": name, "bytes": upload.size, "status": row.status, "source": source},
            request=request,
        )
        kept.append(row)
    queued = [row.pk for row in kept if row.status == Intake.Status.QUEUED]
    transaction.on_commit(lambda: [_enqueue_read(pk) for pk in queued])
    return kept


READ_TASK = "documents.tasks.read_intake"


class AbandonedRead(Exception):
    """The worker reading an upload stopped (killed, machine restarted) before the job ended."""


def _enqueue_read(intake_id: int) -> None:
    """Queue the reading and, where jobs wait in a queue, its watchdog (a backend that runs a job at once,
    as the tests' IMMEDIATE one, cannot leave it half done)."""
    from documents.tasks import read_intake, watch_intake

    read_intake.enqueue(intake_id)
    if watch_intake.get_backend().supports_defer:
        watch_intake.using(run_after=_watch_time(timezone.now())).enqueue(intake_id)


def _watch_time(since: datetime.datetime) -> datetime.datetime:
    return since + datetime.timedelta(seconds=settings.SCAN_JOB_TIMEOUT)


def watch_job(*, model, pk: int, task_path: str, watch_later: Callable, enqueue: Callable) -> None:
    """The watchdog of a row read by a background job (an Intake): a job still waiting for a worker, or
    running for less than SCAN_JOB_TIMEOUT, is looked at again later (`watch_later(since)`); a job running
    for longer was left by a worker that died (no reading takes that long): it is closed as failed and the
    row queued again (`enqueue()`). The new job files only the parts the dead one had not filed."""
    now = timezone.now()
    with transaction.atomic():
        row = model.objects.select_for_update().filter(pk=pk).first()
        if row is None or not row.in_progress:
            return
        jobs = [
            job
            for job in DBTaskResult.objects.select_for_update().filter(
                task_path=task_path, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
            )
            if job.args_kwargs["args"] == [pk]
        ]
        started = [job.started_at for job in jobs if job.status == TaskResultStatus.RUNNING]
        timeout = datetime.timedelta(seconds=settings.SCAN_JOB_TIMEOUT)
        if any(job.status == TaskResultStatus.READY for job in jobs):
            watch_later(now)
        elif started and max(started) > now - timeout:
            watch_later(max(started))
        else:
            for job in jobs:
                job.set_failed(AbandonedRead(f"{model._meta.label} {pk}: worker gone after {timeout}"))
            model.objects.filter(pk=pk).update(status=model.Status.QUEUED, pages_done=0)
            enqueue()


def watch(intake_id: int) -> None:
    from documents.tasks import watch_intake

    watch_job(
        model=Intake,
        pk=intake_id,
        task_path=READ_TASK,
        watch_later=lambda since: watch_intake.using(run_after=_watch_time(since)).enqueue(intake_id),
        enqueue=lambda: _enqueue_read(intake_id),
    )


# The job --------------------------------------------------------------------------------------------------


def file_intake(intake_id: int) -> None:
    """The background job: read one intake, counting its pages as they are read, and file its parts. A file
    that cannot be read ends failed with the reason in French; run again after a crash, it files nothing
    twice."""
    running = Intake.Status.RUNNING
    claimed = Intake.objects.filter(pk=intake_id, status__in=[Intake.Status.QUEUED, running]).update(
        status=running
    )
    if not claimed:
        return
    intake = Intake.objects.select_related("uploaded_by").get(pk=intake_id)
    # Only a reading still running ends it: another job queued again by the watchdog may have ended it first.
    still_running = Intake.objects.filter(pk=intake.pk, status=running)
    try:
        refused = _read_and_file(intake)
    except page_reading.UnreadableScan as error:
        still_running.update(status=Intake.Status.FAILED, error=str(error))
        return
    except Exception:
        message = _(
            "La lecture de « %(name)s » a échoué de façon inattendue. Le fichier est conservé : signalez-le "
            "à l'administrateur."
        ) % {"name": intake.original_name}
        still_running.update(status=Intake.Status.FAILED, error=message)
        raise
    with transaction.atomic():
        if still_running.update(status=Intake.Status.DONE, refused=refused, original=""):
            # Every part is now filed or waiting to be sorted (or was already): the original goes.
            storage, name = intake.original.storage, intake.original.name
            transaction.on_commit(lambda: storage.delete(name))


def _read_and_file(intake: Intake) -> list[str]:
    def progress(done: int, total: int) -> None:
        Intake.objects.filter(pk=intake.pk).update(pages_done=done, pages_total=total)

    def is_code(text: str) -> bool:
        return _consumer_of(text) is not None

    with intake.original.open("rb") as stored:
        data = stored.read()
    scan = batch_split.read(intake.original_name, data, is_letter_code=is_code, progress=progress)
    read = {code for on_page in scan.codes for code in on_page if is_code(code)}
    known: set[str] = set()
    for consumer in _consumers:
        known |= consumer.known(intake.uploaded_by, {code for code in read if consumer.is_code(code)})
    refused = []
    for part, pdf in batch_split.split(intake.original_name, scan, known):
        codes = scan.codes[part.sheet_page if part.kind == SHEET else part.first]
        refusal = _file_part(intake, part, pdf, code_read=" ".join(codes)[:200])
        if refusal:
            refused.append(refusal)
    return refused


def _file_part(intake: Intake, part: batch_split.BatchPart, pdf: bytes, *, code_read: str) -> str:
    """File one part unless this intake filed it already (a job run again after a crash); the French reason
    when these very pages are filed elsewhere already, else ""."""
    sha256 = hashlib.sha256(pdf).hexdigest()
    if IntakePart.objects.filter(intake=intake, sha256=sha256).exists():
        return ""
    known = {
        "name": intake.original_name,
        "first_page": part.first + 1,
        "pages": part.count,
        "sha256": sha256,
    }
    refusal = _already_kept(intake, sha256, known)
    if refusal:
        return refusal
    try:
        with transaction.atomic():
            filed = _file(intake, part, pdf, known, code_read=code_read)
            IntakePart.objects.create(
                intake=intake,
                sha256=sha256,
                filed_as=_label(filed),
                first_page=known["first_page"],
                pages=known["pages"],
            )
    except IntegrityError:  # the same pages kept at the same moment by another job
        if IntakePart.objects.filter(intake=intake, sha256=sha256).exists():
            return ""  # this intake's, queued again while the first job was slow
        refusal = _already_kept(intake, sha256, known)
        if not refusal:
            raise
        return refusal
    return ""


def _file(intake: Intake, part: batch_split.BatchPart, pdf: bytes, known: dict, *, code_read: str):
    actor, at = intake.uploaded_by, intake.uploaded_at
    if part.kind == LETTER:
        consumer = _consumer_of(part.letter_code)
        return consumer.file(actor, part.letter_code, pdf, known, at=at, by_hand=False, request=None)
    if part.kind == SHEET:
        target = _sheet_target(actor, part.sheet)
        if target is not None:
            file, request, doc_type = target
            try:
                with transaction.atomic():
                    return services.add_document(
                        user=actor,
                        file=file,
                        type=doc_type,
                        data=pdf,
                        original_name=_part_name(known),
                        request=request,
                        source=intake.source,
                    )
            except (PermissionDenied, ValidationError):  # not the uploader's to file, or refused: by hand
                pass
    return _new_unsorted(intake, pdf, known, code_read=code_read)


def _sheet_target(actor, sheet) -> tuple[SocialFile, AidRequest | None, DocumentType] | None:
    """The file, request and type a cover sheet names, or None when one of them no longer exists."""
    try:
        file = SocialFile.objects.get(pk=sheet.file_id)
        request = None if sheet.request_id is None else file.requests.get(pk=sheet.request_id)
        doc_type = DocumentType.objects.get(code=sheet.type_code, active=True)
    except ObjectDoesNotExist:
        return None
    return file, request, doc_type


def _part_name(known: dict) -> str:
    stem = os.path.splitext(known["name"])[0]
    return f"{stem}-p{known['first_page']}.pdf"[-255:]


def _new_unsorted(intake: Intake | None, pdf: bytes, known: dict, *, code_read: str) -> UnsortedPages:
    pages = UnsortedPages.objects.create(
        content=content_store.store(pdf, mime_type="application/pdf"),
        thumbnail=_thumbnail(pdf),
        pages=known["pages"],
        sha256=known["sha256"],
        original_name=known["name"],
        first_page=known["first_page"],
        code_read=code_read,
        intake=intake,
        uploaded_by=intake.uploaded_by,
        uploaded_at=intake.uploaded_at,
    )
    record(
        actor=intake.uploaded_by,
        verb=Verb.CREATE,
        target=pages,
        detail={"pages": pages.pages, "sha256": pages.sha256, "original_name": pages.original_name},
    )
    return pages


def _thumbnail(pdf: bytes) -> StoredContent:
    return content_store.store(thumbnails.first_page_png(pdf), mime_type="image/png")


def thumbnail_of(pages: UnsortedPages) -> StoredContent:
    """The thumbnail of pages waiting to be sorted, made now and kept for pages kept without one."""
    if pages.thumbnail_id is None:
        pages.thumbnail = _thumbnail(content_store.read(pages.content))
        pages.save(update_fields=["thumbnail"])
    return pages.thumbnail


def _already_kept(intake: Intake, sha256: str, known: dict) -> str:
    """A French message when these very pages were filed from another intake, wait to be sorted, or a
    consumer holds them already, else ""."""
    where = _pages_of(known["name"], known["first_page"], known["pages"])
    unsorted = UnsortedPages.objects.filter(sha256=sha256).first()
    if unsorted:
        return _(
            "%(where)s : déjà parmi les documents à classer depuis le %(day)s ; elles n'y sont pas ajoutées "
            "une seconde fois."
        ) % {"where": where, "day": date_format(timezone.localtime(unsorted.uploaded_at))}
    elsewhere = (
        IntakePart.objects.filter(sha256=sha256)
        .exclude(intake=intake)
        .exclude(filed_as=DELETED)
        .select_related("intake")
        .first()
    )
    if elsewhere:
        return _(
            "%(where)s : déjà classées le %(day)s depuis « %(name)s » ; elles ne sont pas classées une "
            "seconde fois."
        ) % {
            "where": where,
            "day": date_format(timezone.localtime(elsewhere.intake.uploaded_at)),
            "name": elsewhere.intake.original_name,
        }
    for consumer in _consumers:
        message = consumer.already_kept(sha256)
        if message:
            return f"{where} : {message}"
    return ""


def _pages_of(name: str, first_page: int, pages: int) -> str:
    if pages == 1:
        return _("Page %(first)d de « %(name)s »") % {"first": first_page, "name": name}
    return _("Pages %(first)d à %(last)d de « %(name)s »") % {
        "first": first_page,
        "last": first_page + pages - 1,
        "name": name,
    }


def _label(filed: models.Model) -> str:
    return f"{filed._meta.label_lower}:{filed.pk}"


DELETED = DELETED_PART


def parse_label(filed_as: str) -> tuple[str, int | None]:
    """("app_label.model", pk) of an IntakePart's filed_as; (DELETED, None) for deleted pages."""
    model, _sep, pk = filed_as.partition(":")
    return model, int(pk) if pk.isdigit() else None


# Triage: "Documents à classer" ----------------------------------------------------------------------------


@transaction.atomic
def file_unsorted(
    *,
    actor,
    pages: UnsortedPages,
    file: SocialFile,
    type: DocumentType,
    request=None,
    person=None,  # noqa: A002
) -> Document:
    """File pages waiting to be sorted as a document of `file` (the clerk found it by search)."""
    _check(actor)
    document = services.add_document(
        user=actor,
        file=file,
        type=type,
        data=content_store.read(pages.content),
        original_name=_part_name({"name": pages.original_name, "first_page": pages.first_page}),
        request=request,
        person=person,
        source=pages.intake.source if pages.intake else Document.Source.SCANNER,
    )
    filed_as = _label(document)
    _leave_triage(actor, pages, became=filed_as, file_id=file.pk, detail={"filed_as": filed_as})
    return document


@transaction.atomic
def file_unsorted_by_code(*, actor, pages: UnsortedPages, code: str, request=None) -> models.Model:
    """File pages waiting to be sorted with what the code typed by the clerk names (a returned letter's code,
    as printed under its QR code)."""
    _check(actor)
    consumer = _consumer_of_typed(code)
    if consumer is None:
        raise ValidationError(_("« %(code)s » n'est pas un code reconnu.") % {"code": code.strip()})
    known = {
        "name": pages.original_name,
        "first_page": pages.first_page,
        "pages": pages.pages,
        "sha256": pages.sha256,
        "uploaded_by": pages.uploaded_by,
    }
    pdf = content_store.read(pages.content)
    filed = consumer.file(
        actor, consumer.normalise(code), pdf, known, at=pages.uploaded_at, by_hand=True, request=request
    )
    _leave_triage(actor, pages, became=_label(filed), file_id=None, detail={"code": consumer.normalise(code)})
    return filed


@transaction.atomic
def delete_unsorted(*, actor, pages: UnsortedPages, reason: str, request=None) -> None:
    """Delete pages that need no filing (a blank page, a stranger's mail), saying why in the audit trail."""
    _check(actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Indiquez pourquoi ces pages sont supprimées."))
    record(
        actor=actor,
        verb=Verb.DELETE,
        target=pages,
        purpose=reason,
        detail={
            "original_name": pages.original_name,
            "first_page": pages.first_page,
            "pages": pages.pages,
            "sha256": pages.sha256,
            "code": pages.code_read,
        },
        request=request,
    )
    _became(pages, DELETED)
    pages.delete()


def _leave_triage(actor, pages: UnsortedPages, *, became: str, file_id, detail: dict) -> None:
    detail = {**detail, "sha256": pages.sha256}
    record(actor=actor, verb=Verb.DELETE, target=pages, file_id=file_id, detail=detail)
    _became(pages, became)
    pages.delete()


def _became(pages: UnsortedPages, filed_as: str) -> None:
    """The intake's part now says what the pages became, so that the uploader sees it under the upload."""
    IntakePart.objects.filter(intake=pages.intake_id, filed_as=_label(pages)).update(filed_as=filed_as)


def _check(actor) -> None:
    if not can(actor, Action.FILE_SCANS):
        raise PermissionDenied
