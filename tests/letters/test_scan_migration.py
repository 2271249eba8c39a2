"""Letters migrations 0009 and 0010, run for real: the database is taken back to the state before them, rows
of the letters' own scan pipeline are written with the historical models (a real PDF in storage), and
migrating forward moves them into the documents intake, the pages' PDF into the content store, and the jobs
still queued for the removed letters tasks to the intake's own."""

import datetime
import hashlib
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader, PdfWriter

from documents import content_store
from documents.models import Intake, IntakePart, UnsortedPages
from tests.factories import SocialFileFactory, UserFactory

# Migrating the schema back and forth needs a database outside any transaction, flushed afterwards: SQLite's
# (PostgreSQL's tests run as the application's role, which may not alter tables nor empty the audit trail).
pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="migrates the schema back and forth"),
    pytest.mark.django_db(transaction=True),
]

BEFORE = [("letters", "0008_legal_texts_and_templates")]
AFTER = [("letters", "0010_remove_scan_uploads")]


def migrate(targets):
    """The database migrated to `targets`, and the historical models of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def pdf(pages: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def stored(name: str, data: bytes) -> str:
    return default_storage.save(name, ContentFile(data))


def job(task_path: str, pk: int, status: str = "READY") -> DBTaskResult:
    return DBTaskResult.objects.create(
        task_path=task_path,
        args_kwargs={"args": [pk], "kwargs": {}},
        status=status,
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path="",
        traceback="",
    )


def test_the_letters_scans_move_to_the_documents_intake():
    old = migrate(BEFORE)
    ScanUpload = old.get_model("letters", "ScanUpload")
    UnfiledScan = old.get_model("letters", "UnfiledScan")
    ReturnedCopy = old.get_model("letters", "ReturnedCopy")
    Letter = old.get_model("letters", "Letter")
    clerk, legal = UserFactory(), UserFactory()
    file = SocialFileFactory()
    sent_at = timezone.now() - datetime.timedelta(days=3)

    done = ScanUpload.objects.create(
        original_name="lot.pdf",
        uploaded_by_id=clerk.pk,
        uploaded_at=sent_at,
        status="done",
        pages_done=3,
        pages_total=3,
        refused=["Page 3 de « lot.pdf » : déjà classées le 20/11/2026 avec la lettre ABCDEFGH ; …"],
    )
    waiting_original = stored("letters/uploads/2026/11/pile.pdf", pdf(2))
    waiting = ScanUpload.objects.create(
        original=waiting_original, original_name="pile.pdf", uploaded_by_id=legal.pk, status="queued"
    )
    failed = ScanUpload.objects.create(
        original=stored("letters/uploads/2026/11/abime.pdf", b"%PDF-1.7 abime"),
        original_name="abime.pdf",
        uploaded_by_id=clerk.pk,
        status="failed",
        error="Le fichier « abime.pdf » n'a pas pu être lu : il est peut-être endommagé.",
    )
    letter = Letter.objects.create(
        code="ABCDEFGH", kind="acknowledgement", file_id=file.pk, recipient="X", created_by_id=clerk.pk
    )
    copy = ReturnedCopy.objects.create(
        letter=letter,
        pdf=stored("letters/returned/2026/11/ABCDEFGH.pdf", pdf(1)),
        pages=1,
        sha256="c" * 64,
        original_name="lot.pdf",
        first_page=1,
        upload=done,
        uploaded_by_id=clerk.pk,
    )
    unfiled_pdf, legacy_pdf = pdf(2), pdf(3)
    unfiled = UnfiledScan.objects.create(
        pdf=stored("letters/unfiled/2026/11/scan-a.pdf", unfiled_pdf),
        pages=2,
        sha256=hashlib.sha256(unfiled_pdf).hexdigest(),
        original_name="lot.pdf",
        first_page=2,
        code_read="ZZZZZZZZ",
        upload=done,
        uploaded_by_id=clerk.pk,
        uploaded_at=sent_at,
    )
    legacy = UnfiledScan.objects.create(  # kept before uploads were jobs: no upload
        pdf=stored("letters/unfiled/2026/10/scan-b.pdf", legacy_pdf),
        pages=3,
        sha256=hashlib.sha256(legacy_pdf).hexdigest(),
        original_name="ancien.pdf",
        first_page=1,
        uploaded_by_id=legal.pk,
    )
    read = job("letters.tasks.read_scan_upload", waiting.pk)
    watch = job("letters.tasks.watch_scan_upload", waiting.pk)
    orphan = job("letters.tasks.read_scan_upload", 987654, status="RUNNING")
    ended = job("letters.tasks.read_scan_upload", done.pk, status="SUCCESSFUL")

    migrate(AFTER)

    intakes = {row.original_name: row for row in Intake.objects.all()}
    assert set(intakes) == {"lot.pdf", "pile.pdf", "abime.pdf"}
    lot, pile, abime = intakes["lot.pdf"], intakes["pile.pdf"], intakes["abime.pdf"]
    assert (lot.status, lot.pages_done, lot.pages_total, lot.refused, lot.original.name) == (
        "done",
        3,
        3,
        done.refused,
        "",
    )
    assert (lot.uploaded_by_id, lot.uploaded_at, lot.source) == (clerk.pk, sent_at, "scanner")
    assert (pile.status, pile.uploaded_by_id, pile.original.name) == ("queued", legal.pk, waiting_original)
    with pile.original.open("rb") as kept:  # the original waiting to be read stays where it was
        assert len(PdfReader(io.BytesIO(kept.read())).pages) == 2
    assert (abime.status, abime.error, abime.original.name) == ("failed", failed.error, failed.original.name)

    pages = {row.original_name: row for row in UnsortedPages.objects.select_related("content")}
    moved, old_one = pages["lot.pdf"], pages["ancien.pdf"]
    assert (moved.sha256, moved.pages, moved.first_page, moved.code_read, moved.intake) == (
        unfiled.sha256,
        2,
        2,
        "ZZZZZZZZ",
        lot,
    )
    assert (moved.uploaded_by_id, moved.uploaded_at) == (clerk.pk, sent_at)
    assert content_store.read(moved.content) == unfiled_pdf  # read back and checked against its SHA-256
    sha = unfiled.sha256  # named as the content store names it:
    assert moved.content.storage_name == f"contents/{sha[:2]}/{sha[2:4]}/{sha}"
    assert (old_one.intake, old_one.uploaded_by_id, content_store.read(old_one.content)) == (
        None,
        legal.pk,
        legacy_pdf,
    )
    assert not default_storage.exists(unfiled.pdf.name) and not default_storage.exists(legacy.pdf.name)
    assert set(IntakePart.objects.values_list("intake", "sha256", "filed_as")) == {
        (lot.pk, copy.sha256, f"letters.returnedcopy:{copy.pk}"),
        (lot.pk, unfiled.sha256, f"documents.unsortedpages:{moved.pk}"),
    }

    read.refresh_from_db()
    watch.refresh_from_db()
    assert (read.task_path, read.args_kwargs["args"], read.status) == (
        "documents.tasks.read_intake",
        [pile.pk],
        "READY",
    )
    assert (watch.task_path, watch.args_kwargs["args"]) == ("documents.tasks.watch_intake", [pile.pk])
    orphan.refresh_from_db()
    assert (orphan.status, orphan.exception_class_path) == ("FAILED", "builtins.LookupError")
    ended.refresh_from_db()
    assert (ended.task_path, ended.status) == ("letters.tasks.read_scan_upload", "SUCCESSFUL")  # history

    tables = connection.introspection.table_names()
    assert "letters_scanupload" not in tables and "letters_unfiledscan" not in tables
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "letters_returnedcopy")
    assert "upload_id" not in {column.name for column in columns}
