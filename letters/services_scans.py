"""Writes of scanned returned letters: keep each upload and queue it; the background job files its pages by
their QR code and keeps the rest to be filed by hand (by the code printed under the QR code) or deleted with a
reason. A watchdog job queues the reading again when the worker that ran it died."""

from __future__ import annotations

import datetime
import hashlib
import os

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from access.policy import Action, can, visible_files
from audit.services import Verb, record
from files.models import FileEvent
from files.timeline import record_event
from letters import scan_reading
from letters.models import Letter, ReturnedCopy, ScanUpload, UnfiledScan


@transaction.atomic
def queue_uploads(*, actor, uploads, request=None) -> list[ScanUpload]:
    """Keep each file as it came and queue its reading (about 0.1 s a page, too long for a request): only an
    empty or too large file is refused while the clerk waits."""
    _check(actor)

    kept = []
    for upload in uploads:
        name = os.path.basename(upload.name)[:255]
        row = ScanUpload(original_name=name, uploaded_by=actor)
        try:
            scan_reading.check_size(name, upload.size)
        except scan_reading.UnreadableScan as error:
            row.status, row.error = ScanUpload.Status.FAILED, str(error)
        else:
            row.original.save(name, upload, save=False)
        row.save()
        record(
            actor=actor,
            verb=Verb.CREATE,
            target=row,
            detail={"original_name": name, "bytes": upload.size, "status": row.status},
            request=request,
        )
        kept.append(row)
    queued = [row.pk for row in kept if row.status == ScanUpload.Status.QUEUED]
    transaction.on_commit(lambda: [_enqueue_read(pk) for pk in queued])
    return kept


READ_TASK = "letters.tasks.read_scan_upload"


def _enqueue_read(upload_id: int) -> None:
    """Queue the reading and, where jobs wait in a queue, its watchdog (a backend that runs a job at once,
    as the tests' IMMEDIATE one, cannot leave it half done)."""
    from letters.tasks import read_scan_upload, watch_scan_upload

    read_scan_upload.enqueue(upload_id)
    if watch_scan_upload.get_backend().supports_defer:
        _watch_later(upload_id, timezone.now())


def _watch_later(upload_id: int, since: datetime.datetime) -> None:
    from letters.tasks import watch_scan_upload

    after = since + datetime.timedelta(seconds=settings.SCAN_JOB_TIMEOUT)
    watch_scan_upload.using(run_after=after).enqueue(upload_id)


def watch_upload(upload_id: int) -> None:
    """The watchdog of an upload being read (documents.intake.watch_job)."""
    from documents.intake import watch_job

    watch_job(
        model=ScanUpload,
        pk=upload_id,
        task_path=READ_TASK,
        watch_later=lambda since: _watch_later(upload_id, since),
        enqueue=lambda: _enqueue_read(upload_id),
    )


def file_upload(upload_id: int) -> None:
    """The background job: read one upload, counting its pages as they are read, and file its parts. A file
    that cannot be read ends failed with the reason in French; run again after a crash, it files nothing
    twice."""
    running = ScanUpload.Status.RUNNING
    claimed = ScanUpload.objects.filter(pk=upload_id, status__in=[ScanUpload.Status.QUEUED, running]).update(
        status=running
    )
    if not claimed:
        return
    upload = ScanUpload.objects.select_related("uploaded_by").get(pk=upload_id)
    # Only a reading still running ends it: another job queued again by the watchdog may have ended it first.
    still_running = ScanUpload.objects.filter(pk=upload.pk, status=running)
    try:
        refused = _read_and_keep(upload)
    except scan_reading.UnreadableScan as error:
        still_running.update(status=ScanUpload.Status.FAILED, error=str(error))
        return
    except Exception:
        message = _(
            "La lecture de « %(name)s » a échoué de façon inattendue. Le fichier est conservé : signalez-le "
            "à l'administrateur."
        ) % {"name": upload.original_name}
        still_running.update(status=ScanUpload.Status.FAILED, error=message)
        raise
    with transaction.atomic():
        if still_running.update(status=ScanUpload.Status.DONE, refused=refused, original=""):
            # Every page is now kept in a returned copy or a scan to file (or was already): the original goes.
            _delete_after_commit(upload.original.storage, upload.original.name)


def _read_and_keep(upload: ScanUpload) -> list[str]:
    actor, name = upload.uploaded_by, upload.original_name

    def progress(done: int, total: int) -> None:
        ScanUpload.objects.filter(pk=upload.pk).update(pages_done=done, pages_total=total)

    with upload.original.open("rb") as stored:
        scan = scan_reading.read(name, stored.read(), progress)
    codes = {code for on_page in scan.codes for code in on_page}
    letters = {
        letter.code: letter for letter in _letters_for(actor).filter(code__in=codes).select_related("file")
    }
    pieces = scan_reading.split(name, scan, set(letters))
    return _keep(upload, pieces, letters)


def _keep(upload: ScanUpload, pieces, letters: dict[str, Letter]) -> list[str]:
    """Each part as a returned copy or pages to file, unless these very pages are kept already: the French
    reasons of the parts not kept again."""
    actor, refused = upload.uploaded_by, []
    for part, pdf in pieces:
        sha256 = hashlib.sha256(pdf).hexdigest()
        known = {
            "name": upload.original_name,
            "first_page": part.first + 1,
            "pages": part.count,
            "sha256": sha256,
        }
        if _kept_by(upload, sha256):  # a job run again after a crash
            continue
        refusal = _already_kept(**known)
        if refusal:
            refused.append(refusal)
            continue
        at = upload.uploaded_at
        try:
            with transaction.atomic():
                if part.is_letter:
                    _new_copy(actor, letters[part.code], pdf, known, at=at, request=None, upload=upload)
                else:
                    _new_unfiled(actor, pdf, known, part.code, at=at, upload=upload)
        except IntegrityError:  # the same pages kept at the same moment by another job
            if _kept_by(upload, sha256):  # this upload's, queued again while the first was slow
                continue
            refusal = _already_kept(**known)
            if not refusal:
                raise
            refused.append(refusal)
    return refused


def _kept_by(upload: ScanUpload, sha256: str) -> bool:
    return (
        ReturnedCopy.objects.filter(sha256=sha256, upload=upload).exists()
        or UnfiledScan.objects.filter(sha256=sha256, upload=upload).exists()
    )


def _already_kept(*, sha256: str, name: str, first_page: int, pages: int) -> str:
    """A French message when these very pages are already filed or waiting to be filed, else ""."""
    where = _pages_of(name, first_page, pages)
    copy = ReturnedCopy.objects.filter(sha256=sha256).select_related("letter").first()
    if copy:
        return _(
            "%(where)s : déjà classées le %(day)s avec la lettre %(code)s ; elles ne sont pas classées une "
            "seconde fois."
        ) % {
            "where": where,
            "day": date_format(timezone.localtime(copy.uploaded_at)),
            "code": copy.letter.code,
        }
    unfiled = UnfiledScan.objects.filter(sha256=sha256).first()
    if unfiled:
        return _(
            "%(where)s : déjà parmi les scans à classer depuis le %(day)s ; elles n'y sont pas ajoutées une "
            "seconde fois."
        ) % {"where": where, "day": date_format(timezone.localtime(unfiled.uploaded_at))}
    return ""


def _pages_of(name: str, first_page: int, pages: int) -> str:
    if pages == 1:
        return _("Page %(first)d de « %(name)s »") % {"first": first_page, "name": name}
    return _("Pages %(first)d à %(last)d de « %(name)s »") % {
        "first": first_page,
        "last": first_page + pages - 1,
        "name": name,
    }


def _new_copy(
    actor, letter: Letter, pdf: bytes, known: dict, *, at, request, by_hand=False, upload=None
) -> ReturnedCopy:
    copy = ReturnedCopy(
        letter=letter,
        upload=upload,
        pages=known["pages"],
        sha256=known["sha256"],
        original_name=known["name"],
        first_page=known["first_page"],
        by_hand=by_hand,
        uploaded_by=known.get("uploaded_by", actor),
        uploaded_at=at,
    )
    copy.pdf.save(f"{letter.code}-{known['sha256'][:12]}.pdf", ContentFile(pdf), save=False)
    copy.save()
    # The social worker sees on the timeline that the signed or returned copy came back, and when.
    record_event(
        file=letter.file,
        kind=FileEvent.Kind.LETTER_RETURNED,
        summary=_("%(kind)s %(code)s : copie reçue et classée (%(pages)d page(s))")
        % {"kind": letter.get_kind_display(), "code": letter.code, "pages": copy.pages},
        author=actor,
    )
    record(
        actor=actor,
        verb=Verb.CREATE,
        target=copy,
        file_id=letter.file_id,
        person_id=letter.file.beneficiary_id,
        detail={
            "letter": letter.code,
            "pages": copy.pages,
            "sha256": copy.sha256,
            "original_name": copy.original_name,
            "by_hand": by_hand,
        },
        request=request,
    )
    return copy


def _new_unfiled(actor, pdf: bytes, known: dict, code: str, *, at, upload) -> UnfiledScan:
    scan = UnfiledScan(
        upload=upload,
        pages=known["pages"],
        sha256=known["sha256"],
        original_name=known["name"],
        first_page=known["first_page"],
        code_read=code,
        uploaded_by=actor,
        uploaded_at=at,
    )
    scan.pdf.save(f"scan-{known['sha256'][:12]}.pdf", ContentFile(pdf), save=False)
    scan.save()
    record(
        actor=actor,
        verb=Verb.CREATE,
        target=scan,
        detail={
            "pages": scan.pages,
            "sha256": scan.sha256,
            "original_name": scan.original_name,
            "code": code,
        },
    )
    return scan


@transaction.atomic
def file_by_hand(*, actor, scan: UnfiledScan, code: str, request=None) -> ReturnedCopy:
    """File pages to be filed with the letter whose code the clerk typed (as printed under its QR code)."""
    _check(actor)
    letter = _letter_typed(actor, code)
    with scan.pdf.open("rb") as stored:
        pdf = stored.read()
    known = {
        "name": scan.original_name,
        "first_page": scan.first_page,
        "pages": scan.pages,
        "sha256": scan.sha256,
        "uploaded_by": scan.uploaded_by,
    }
    # The pages leave the list to file: recorded under the letter's file, as the copy they become.
    record(
        actor=actor,
        verb=Verb.DELETE,
        target=scan,
        file_id=letter.file_id,
        person_id=letter.file.beneficiary_id,
        detail={"filed_with": letter.code, "sha256": scan.sha256},
        request=request,
    )
    stored_name, uploaded_at = scan.pdf.name, scan.uploaded_at
    scan.delete()
    _delete_after_commit(scan.pdf.storage, stored_name)
    return _new_copy(actor, letter, pdf, known, at=uploaded_at, request=request, by_hand=True)


@transaction.atomic
def delete_unfiled(*, actor, scan: UnfiledScan, reason: str, request=None) -> None:
    """Delete pages that need no filing (a blank page, a stranger's mail), saying why in the audit trail."""
    _check(actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Indiquez pourquoi ces pages sont supprimées."))
    record(
        actor=actor,
        verb=Verb.DELETE,
        target=scan,
        purpose=reason,
        detail={
            "original_name": scan.original_name,
            "first_page": scan.first_page,
            "pages": scan.pages,
            "sha256": scan.sha256,
            "code": scan.code_read,
        },
        request=request,
    )
    stored_name = scan.pdf.name
    scan.delete()
    _delete_after_commit(scan.pdf.storage, stored_name)


def _letter_typed(actor, code: str) -> Letter:
    """The letter whose code the clerk typed, or a ValidationError saying in French what is wrong."""
    code = scan_reading.normalise_code(code)
    if not scan_reading.is_letter_code(code):
        raise ValidationError(
            _(
                "« %(code)s » n'est pas un identifiant de lettre : 8 caractères, lettres et chiffres, "
                "tels qu'imprimés sous le QR code."
            )
            % {"code": code}
        )
    letter = _letters_for(actor).filter(code=code).select_related("file").first()
    if letter is None:
        raise ValidationError(_("Aucune lettre ne porte l'identifiant %(code)s.") % {"code": code})
    return letter


# Letters as a consumer of the documents intake (documents.intake): a part starting with a letter's QR code
# becomes its returned copy; pages in "Documents à classer" are filed with the letter whose code is typed.


def known_codes(actor, codes: set[str]) -> set[str]:
    return set(_letters_for(actor).filter(code__in=codes).values_list("code", flat=True))


def file_pages(actor, code: str, pdf: bytes, known: dict, *, at, by_hand: bool, request=None) -> ReturnedCopy:
    """The pages as the returned copy of the letter `code` names (IntegrityError: these pages are filed)."""
    letter = _letter_typed(actor, code)
    return _new_copy(actor, letter, pdf, known, at=at, request=request, by_hand=by_hand)


def copy_kept(sha256: str) -> str:
    """Where these very pages are filed already as a returned copy, in French, else ""."""
    copy = ReturnedCopy.objects.filter(sha256=sha256).select_related("letter").first()
    if copy is None:
        return ""
    return _(
        "déjà classées le %(day)s avec la lettre %(code)s ; elles ne sont pas classées une seconde fois."
    ) % {
        "day": date_format(timezone.localtime(copy.uploaded_at)),
        "code": copy.letter.code,
    }


def _check(actor) -> None:
    if not can(actor, Action.FILE_SCANS):
        raise PermissionDenied


def _letters_for(actor):
    return Letter.objects.filter(file__in=visible_files(actor, Action.FILE_SCANS))


def _delete_after_commit(storage, name: str) -> None:
    transaction.on_commit(lambda: storage.delete(name))
