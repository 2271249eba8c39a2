"""Returned letters' scans join the documents intake (issue 13): one pipeline for every scan.

- Each ScanUpload becomes an Intake (source scanner) with the same status, pages read, error, refusals,
  uploader and time; an original still kept (a reading failed or not done) stays where it is in storage and
  the Intake names it.
- Each UnfiledScan becomes UnsortedPages ("Documents à classer"): its PDF is read from storage, checked
  against its SHA-256 and stored as a StoredContent named by that hash, as documents.content_store does; its
  old file is deleted once the migration has committed. Pages already waiting there are not added twice.
- Each returned copy or unfiled scan that an upload's job filed becomes an IntakePart of that upload's
  Intake, so that a reading queued again files nothing twice.
- Jobs of the removed letters tasks still waiting or running would make a worker look for a function that no
  longer exists: each becomes the same job of the documents intake (read_intake, watch_intake) for the
  migrated Intake, so a reading queued before the upgrade goes on after it. (Stop the workers while
  migrating, as for any upgrade.)

Backwards, nothing is moved back: the intakes, pages to sort and parts stay in documents, where the code of
before this migration reads and files them too (it had the documents intake already); the letters tables
come back empty. The data is handled here with the historical models and the storage API, never with the
apps' code.
"""

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import migrations, transaction
from django.utils import timezone

OLD_TASKS = {
    "letters.tasks.read_scan_upload": "documents.tasks.read_intake",
    "letters.tasks.watch_scan_upload": "documents.tasks.watch_intake",
}


def content_name(sha256: str) -> str:
    """Where documents.content_store keeps a content (StoredContent.storage_name)."""
    return f"contents/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def move_scans(apps, schema_editor):
    ScanUpload = apps.get_model("letters", "ScanUpload")
    ReturnedCopy = apps.get_model("letters", "ReturnedCopy")
    UnfiledScan = apps.get_model("letters", "UnfiledScan")
    Intake = apps.get_model("documents", "Intake")
    IntakePart = apps.get_model("documents", "IntakePart")
    UnsortedPages = apps.get_model("documents", "UnsortedPages")
    StoredContent = apps.get_model("documents", "StoredContent")

    intakes = {upload.pk: _intake(Intake, upload) for upload in ScanUpload.objects.order_by("pk")}
    for copy in ReturnedCopy.objects.exclude(upload=None):
        IntakePart.objects.get_or_create(
            intake=intakes[copy.upload_id],
            sha256=copy.sha256,
            defaults={"filed_as": f"letters.returnedcopy:{copy.pk}"},
        )
    moved = []
    for scan in UnfiledScan.objects.order_by("pk"):
        pages = UnsortedPages.objects.filter(sha256=scan.sha256).first()
        if pages is None:
            pages = UnsortedPages.objects.create(
                content=_stored(StoredContent, scan),
                pages=scan.pages,
                sha256=scan.sha256,
                original_name=scan.original_name,
                first_page=scan.first_page,
                code_read=scan.code_read,
                intake=intakes.get(scan.upload_id),
                uploaded_by_id=scan.uploaded_by_id,
                uploaded_at=scan.uploaded_at,
            )
        if scan.upload_id:
            IntakePart.objects.get_or_create(
                intake=intakes[scan.upload_id],
                sha256=scan.sha256,
                defaults={"filed_as": f"documents.unsortedpages:{pages.pk}"},
            )
        moved.append(scan.pdf.name)
    _hand_over_jobs(apps, intakes)
    # The bytes now live in the content store; the old copies go only once the rows that moved are committed.
    transaction.on_commit(lambda: [default_storage.delete(name) for name in moved])


def _intake(Intake, upload):
    return Intake.objects.create(
        original=upload.original.name,
        original_name=upload.original_name,
        source="scanner",
        uploaded_by_id=upload.uploaded_by_id,
        uploaded_at=upload.uploaded_at,
        status=upload.status,  # the same four: queued, running, done, failed
        pages_done=upload.pages_done,
        pages_total=upload.pages_total,
        error=upload.error,
        refused=upload.refused,
    )


def _stored(StoredContent, scan):
    """The StoredContent of the scan's PDF, written under its hash unless the same bytes are there already."""
    name = scan.pdf.name
    try:
        with default_storage.open(name, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise RuntimeError(
            f"letters.UnfiledScan {scan.pk}: its PDF {name!r} is missing from storage. Restore it from the "
            "backup and migrate again (or, once it is known to be lost, delete that row first)."
        ) from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != scan.sha256:
        raise RuntimeError(
            f"letters.UnfiledScan {scan.pk}: its PDF {name!r} no longer matches its SHA-256 (damaged). Restore "
            "it from the backup and migrate again (or, once it is known to be lost, delete that row first)."
        )
    target = content_name(digest)
    if default_storage.exists(target):
        with default_storage.open(target, "rb") as handle:
            if hashlib.sha256(handle.read()).hexdigest() != digest:
                default_storage.delete(target)  # damaged: written again below, as the content store does
    if not default_storage.exists(target) and default_storage.save(target, ContentFile(data)) != target:
        raise RuntimeError(f"{target!r} could not be written in storage; migrate again.")
    content, _ = StoredContent.objects.get_or_create(
        sha256=digest, defaults={"size": len(data), "mime_type": "application/pdf"}
    )
    return content


def _hand_over_jobs(apps, intakes):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    waiting = DBTaskResult.objects.filter(task_path__in=list(OLD_TASKS), status__in=["READY", "RUNNING"])
    for job in waiting:
        intake = intakes.get((job.args_kwargs.get("args") or [None])[0])
        if intake is None:  # no upload of that number: nothing left to read
            job.status, job.finished_at = "FAILED", timezone.now()
            job.exception_class_path = "builtins.LookupError"
            job.traceback = "The scan upload of this job is gone (letters migration 0009)."
            job.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
            continue
        job.task_path = OLD_TASKS[job.task_path]
        job.args_kwargs = {**job.args_kwargs, "args": [intake.pk]}
        job.save(update_fields=["task_path", "args_kwargs"])


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0008_legal_texts_and_templates"),
        ("documents", "0004_intake"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        # Backwards is a no-op on purpose: see the module's docstring.
        migrations.RunPython(move_scans, migrations.RunPython.noop),
    ]
