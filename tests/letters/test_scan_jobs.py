"""An upload answers at once: each file is kept as it came and a background job reads and files it, while the
clerk's page follows it by htmx polling. Nothing uploaded is lost, even when the file turns out damaged."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from access.roles import Role
from audit.models import AuditEvent
from letters import services
from letters.models import Kind, ReturnedCopy, ScanUpload, UnfiledScan
from tests.factories import UserFactory
from tests.files.conftest import client_for, page_text
from tests.letters import scanner

pytestmark = pytest.mark.django_db

POLL = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def database_queue(settings):
    """Jobs wait in the database queue, as in production, until a worker takes them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def clerk(db):
    return UserFactory(first_name="Chloé", last_name="Courrier", role=Role.MAIL_CLERK)


@pytest.fixture
def letter(file, request_, worker):
    return services.generate(actor=worker, kind=Kind.ACKNOWLEDGEMENT, file=file, request=request_)


def send(client, capture, *files):
    with capture(execute=True):
        return client.post(
            reverse("letters:scans"), {"scans": [SimpleUploadedFile(name, data) for name, data in files]}
        )


def reads():
    return DBTaskResult.objects.filter(task_path="letters.tasks.read_scan_upload")


def run_queued_jobs(capture) -> None:
    """What a db_worker does with each queued reading (in-process, `db_worker` itself would close the test's
    PostgreSQL connection; tests/letters/test_scan_workers.py runs real ones)."""
    for job in reads().order_by("enqueued_at"):
        with capture(execute=True):
            job.task.call(*job.args_kwargs["args"])


def test_the_upload_answers_before_reading_and_the_queued_job_files_it(
    letter, clerk, django_capture_on_commit_callbacks
):
    pages = [scanner.blank(), *scanner.printed(letter)]
    mail = client_for(clerk)
    response = send(mail, django_capture_on_commit_callbacks, ("retour.pdf", scanner.scan_pdf(pages)))
    assert response.status_code == 302

    upload = ScanUpload.objects.get()
    assert (upload.status, upload.original_name, upload.uploaded_by) == ("queued", "retour.pdf", clerk)
    stored, storage = upload.original.name, upload.original.storage
    assert storage.exists(stored)
    assert not ReturnedCopy.objects.exists() and not UnfiledScan.objects.exists()
    assert reads().get().args_kwargs["args"] == [upload.pk]
    watchdog = DBTaskResult.objects.get(task_path="letters.tasks.watch_scan_upload")
    assert watchdog.args_kwargs["args"] == [upload.pk] and watchdog.run_after > timezone.now()
    created = AuditEvent.objects.get(verb=AuditEvent.Verb.CREATE, target_type="letters.scanupload")
    assert (created.user, created.detail["original_name"]) == (clerk, "retour.pdf")
    page = mail.get(response.url)
    assert "« retour.pdf » " in page_text(page) and "En attente" in page_text(page)
    assert 'hx-trigger="every 2s"' in page.content.decode()
    poll = mail.get(reverse("letters:scans"), headers=POLL)
    assert "En attente" in page_text(poll) and 'hx-trigger="every 2s"' in poll.content.decode()
    assert "Envoyer des scans" not in page_text(poll)  # only the list of uploads is sent again

    run_queued_jobs(django_capture_on_commit_callbacks)
    upload.refresh_from_db()
    assert (upload.status, upload.pages_done, upload.pages_total) == ("done", len(pages), len(pages))
    copy = ReturnedCopy.objects.get(letter=letter)
    assert (copy.upload, copy.pages, copy.uploaded_at) == (upload, len(pages) - 1, upload.uploaded_at)
    assert UnfiledScan.objects.get().upload == upload
    assert not upload.original and not storage.exists(stored)  # every page filed: the original is gone

    poll = mail.get(reverse("letters:scans"), headers=POLL)
    text = page_text(poll)
    assert "Terminé : 1 lettre classée, 1 partie à classer à la main" in text
    assert letter.code in text and letter.file.reference in text
    assert "hx-trigger" not in poll.content.decode()  # polling stops
    assert 'id="unfiled-scans" class="card" aria-labelledby="unfiled-title" hx-swap-oob="true"' in (
        poll.content.decode()
    )
    assert "Scans à classer 1" in text  # the scans to file, refreshed with the pages just left there


def test_a_page_being_read_shows_how_far_the_job_got(clerk):
    ScanUpload.objects.create(
        original_name="pile.pdf",
        uploaded_by=clerk,
        status=ScanUpload.Status.RUNNING,
        pages_done=12,
        pages_total=40,
    )
    poll = client_for(clerk).get(reverse("letters:scans"), headers=POLL)
    assert "En cours : 12/40 pages lues" in page_text(poll)
    assert '<progress max="40" value="12"' in poll.content.decode()


def test_a_damaged_pdf_ends_failed_in_french_and_is_kept(clerk, django_capture_on_commit_callbacks):
    mail = client_for(clerk)
    send(
        mail,
        django_capture_on_commit_callbacks,
        ("abime.pdf", b"%PDF-1.7\n1 0 obj garbage"),
        ("vide.pdf", b""),
    )
    empty = ScanUpload.objects.get(original_name="vide.pdf")
    assert (empty.status, empty.error) == ("failed", "Le fichier « vide.pdf » est vide.")
    assert reads().count() == 1  # refused at once: no job for the empty file

    run_queued_jobs(django_capture_on_commit_callbacks)
    damaged = ScanUpload.objects.get(original_name="abime.pdf")
    assert damaged.status == "failed"
    assert damaged.error.startswith(
        "Le fichier « abime.pdf » n'a pas pu être lu : il est peut-être endommagé."
    )
    with damaged.original.open("rb") as kept:
        assert kept.read() == b"%PDF-1.7\n1 0 obj garbage"
    text = page_text(mail.get(reverse("letters:scans")))
    assert "Le fichier « abime.pdf » n'a pas pu être lu" in text
    assert "Le fichier « vide.pdf » est vide." in text
    assert not ReturnedCopy.objects.exists() and not UnfiledScan.objects.exists()


def test_a_job_run_twice_files_nothing_twice(letter, clerk, django_capture_on_commit_callbacks):
    send(
        client_for(clerk),
        django_capture_on_commit_callbacks,
        ("retour.pdf", scanner.scan_pdf(scanner.printed(letter))),
    )
    run_queued_jobs(django_capture_on_commit_callbacks)
    run_queued_jobs(django_capture_on_commit_callbacks)
    assert ReturnedCopy.objects.get().letter == letter
    assert ScanUpload.objects.get().refused == []


def test_each_clerk_follows_only_their_own_uploads(clerk, people, django_capture_on_commit_callbacks):
    send(client_for(clerk), django_capture_on_commit_callbacks, ("courrier-chloe.pdf", b"%PDF-1.7 abime"))
    legal = client_for(people["legal"])  # also files scans
    for response in (legal.get(reverse("letters:scans")), legal.get(reverse("letters:scans"), headers=POLL)):
        assert response.status_code == 200
        assert "courrier-chloe.pdf" not in page_text(response)
    assert "courrier-chloe.pdf" in page_text(client_for(clerk).get(reverse("letters:scans")))


def watchdogs():
    return DBTaskResult.objects.filter(task_path="letters.tasks.watch_scan_upload", status="READY")


def run_watchdog(capture, upload) -> None:
    """What a worker does once the watchdog's time has come (its run_after)."""
    job = watchdogs().get(args_kwargs__args=[upload.pk])
    job.claim("worker-2")
    with capture(execute=True):
        job.task.call(*job.args_kwargs["args"])
    job.set_successful(None)


def test_a_reading_abandoned_half_way_is_queued_again_and_files_only_what_was_missing(
    letter, clerk, settings, django_capture_on_commit_callbacks
):
    pile = scanner.scan_pdf([scanner.blank(), *scanner.printed(letter)])
    send(client_for(clerk), django_capture_on_commit_callbacks, ("pile.pdf", pile))
    upload = ScanUpload.objects.get()
    run_queued_jobs(django_capture_on_commit_callbacks)
    # What a worker killed between the two parts leaves: the blank page kept to file, the letter's pages not
    # filed yet, the original still there, the upload "En cours", its job claimed and never ended.
    ReturnedCopy.objects.get().delete()
    upload.original.save("pile.pdf", ContentFile(pile), save=False)
    ScanUpload.objects.filter(pk=upload.pk).update(status="running", original=upload.original.name)
    started = timezone.now() - datetime.timedelta(seconds=settings.SCAN_JOB_TIMEOUT + 1)
    reads().update(status="RUNNING", started_at=started, finished_at=None)
    assert "En cours" in page_text(client_for(clerk).get(reverse("letters:scans")))

    run_watchdog(django_capture_on_commit_callbacks, upload)
    abandoned = reads().get(status="FAILED")
    assert abandoned.status == "FAILED"
    assert abandoned.exception_class_path == "documents.intake.AbandonedRead"
    upload.refresh_from_db()
    assert upload.status == "queued"
    assert watchdogs().get().run_after > timezone.now()  # the new reading is watched too

    reads().filter(status="FAILED").delete()
    run_queued_jobs(django_capture_on_commit_callbacks)
    upload.refresh_from_db()
    assert (upload.status, upload.refused) == ("done", [])
    assert ReturnedCopy.objects.get().letter == letter
    assert UnfiledScan.objects.count() == 1  # kept before the crash, not kept twice
    filed = AuditEvent.objects.filter(verb=AuditEvent.Verb.CREATE, target_type="letters.unfiledscan")
    assert filed.count() == 1


def test_the_watchdog_leaves_a_reading_in_progress_alone(clerk, django_capture_on_commit_callbacks):
    send(client_for(clerk), django_capture_on_commit_callbacks, ("lot.pdf", b"%PDF-1.7 abime"))
    upload = ScanUpload.objects.get()
    run_watchdog(django_capture_on_commit_callbacks, upload)  # the reading still waits for a worker
    assert ScanUpload.objects.get().status == "queued" and reads().get().status == "READY"
    reads().get().claim("worker-1")
    ScanUpload.objects.update(status="running")
    run_watchdog(django_capture_on_commit_callbacks, upload)  # running for less than the time-out
    assert reads().get().status == "RUNNING" and ScanUpload.objects.get().status == "running"
    assert watchdogs().count() == 1  # it will look again
