"""An upload to the intake answers at once: each file is kept as it came and a background job, waiting in the
database queue as in production, reads and files it while the clerk's page follows it by htmx polling.
Nothing sent is lost, even when the file turns out damaged; a reading left by a dead worker is queued again
by its watchdog and files only what was missing."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from audit.models import AuditEvent
from documents.models import Intake, IntakePart, UnsortedPages
from tests.documents import scans
from tests.files.conftest import client_for, page_text

pytestmark = pytest.mark.django_db

POLL = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def database_queue(settings):
    """Jobs wait in the database queue, as in production, until a worker takes them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(scope="module")
def pile():
    """Two parts to sort: a page without any code, and one whose code names nothing known."""
    return scans.scan_pdf(
        [
            scans.text_page(["Page glissée dans la pile, sans feuille de garde"]),
            scans.page_with_qr("ZZZZZZZZ", ["Lettre dont le code ne désigne rien"]),
        ]
    )


def send(client, capture, *files):
    with capture(execute=True):
        return client.post(
            reverse("intake:page"), {"scans": [SimpleUploadedFile(name, data) for name, data in files]}
        )


def reads():
    return DBTaskResult.objects.filter(task_path="documents.tasks.read_intake")


def watchdogs():
    return DBTaskResult.objects.filter(task_path="documents.tasks.watch_intake", status="READY")


def run_queued_jobs(capture) -> None:
    """What a db_worker does with each queued reading (in-process: `db_worker` itself would close the test's
    PostgreSQL connection; tests/letters/test_scan_workers.py runs real ones)."""
    for job in reads().order_by("enqueued_at"):
        with capture(execute=True):
            job.task.call(*job.args_kwargs["args"])


def run_watchdog(capture, intake) -> None:
    """What a worker does once the watchdog's time has come (its run_after)."""
    job = watchdogs().get(args_kwargs__args=[intake.pk])
    job.claim("worker-2")
    with capture(execute=True):
        job.task.call(*job.args_kwargs["args"])
    job.set_successful(None)


def test_the_upload_answers_before_reading_and_the_queued_job_files_it(
    mail_clerk, pile, django_capture_on_commit_callbacks
):
    mail = client_for(mail_clerk)
    response = send(mail, django_capture_on_commit_callbacks, ("pile.pdf", pile))
    assert response.status_code == 302

    intake = Intake.objects.get()
    assert (intake.status, intake.original_name, intake.uploaded_by) == ("queued", "pile.pdf", mail_clerk)
    stored, storage = intake.original.name, intake.original.storage
    assert storage.exists(stored)
    assert not UnsortedPages.objects.exists()
    assert reads().get().args_kwargs["args"] == [intake.pk]
    assert watchdogs().get().args_kwargs["args"] == [intake.pk]
    assert watchdogs().get().run_after > timezone.now()
    created = AuditEvent.objects.get(verb=AuditEvent.Verb.CREATE, target_type="documents.intake")
    assert (created.user, created.detail["original_name"]) == (mail_clerk, "pile.pdf")
    page = mail.get(response.url)
    assert "« pile.pdf »" in page_text(page) and "En attente" in page_text(page)
    assert 'hx-trigger="every 2s"' in page.content.decode()
    assert 'id="unsorted-seen" name="apres" value="0"' in page.content.decode()  # nothing to sort yet

    run_queued_jobs(django_capture_on_commit_callbacks)
    intake.refresh_from_db()
    assert (intake.status, intake.pages_done, intake.pages_total) == ("done", 2, 2)
    assert [(p.first_page, p.code_read, p.intake) for p in UnsortedPages.objects.order_by("first_page")] == [
        (1, "", intake),
        (2, "ZZZZZZZZ", intake),
    ]
    assert not intake.original and not storage.exists(stored)  # every part filed: the original is gone
    poll = mail.get(reverse("intake:page"), {"apres": 0, "annonce": 0}, headers=POLL)
    text = page_text(poll)
    assert "Terminé : 2 parties classées ou mises à classer." in text
    assert 'hx-trigger="every 2s"' not in poll.content.decode()  # polling stops
    # The page is not reloaded (what the clerk typed stays): the pages left to sort are announced.
    assert "HX-Refresh" not in poll
    assert "Afficher les 2 nouveaux documents à classer" in text


def test_a_reading_shows_how_far_the_job_got(mail_clerk):
    Intake.objects.create(
        original_name="pile.pdf",
        uploaded_by=mail_clerk,
        status=Intake.Status.RUNNING,
        pages_done=12,
        pages_total=40,
    )
    poll = client_for(mail_clerk).get(reverse("intake:page"), headers=POLL)
    assert "En cours : 12/40 pages lues" in page_text(poll)
    assert '<progress max="40" value="12"' in poll.content.decode()


def test_a_damaged_pdf_ends_failed_in_french_and_is_kept(mail_clerk, django_capture_on_commit_callbacks):
    mail = client_for(mail_clerk)
    send(
        mail,
        django_capture_on_commit_callbacks,
        ("abime.pdf", b"%PDF-1.7\n1 0 obj garbage"),
        ("vide.pdf", b""),
    )
    empty = Intake.objects.get(original_name="vide.pdf")
    assert (empty.status, empty.error) == ("failed", "Le fichier « vide.pdf » est vide.")
    assert reads().count() == 1  # refused at once: no job for the empty file

    run_queued_jobs(django_capture_on_commit_callbacks)
    damaged = Intake.objects.get(original_name="abime.pdf")
    assert damaged.status == "failed"
    assert damaged.error.startswith(
        "Le fichier « abime.pdf » n'a pas pu être lu : il est peut-être endommagé."
    )
    with damaged.original.open("rb") as kept:
        assert kept.read() == b"%PDF-1.7\n1 0 obj garbage"
    text = page_text(mail.get(reverse("intake:page")))
    assert "Le fichier « abime.pdf » n'a pas pu être lu" in text
    assert "Le fichier « vide.pdf » est vide." in text
    assert not UnsortedPages.objects.exists()


def test_each_clerk_follows_only_their_own_intakes(mail_clerk, legal, django_capture_on_commit_callbacks):
    send(client_for(mail_clerk), django_capture_on_commit_callbacks, ("courrier-marc.pdf", b"%PDF-1.7 abime"))
    other = client_for(legal)  # also files scans
    for response in (other.get(reverse("intake:page")), other.get(reverse("intake:page"), headers=POLL)):
        assert response.status_code == 200
        assert "courrier-marc.pdf" not in page_text(response)
    assert "courrier-marc.pdf" in page_text(client_for(mail_clerk).get(reverse("intake:page")))


def test_a_reading_abandoned_half_way_is_queued_again_and_files_only_what_was_missing(
    mail_clerk, pile, settings, django_capture_on_commit_callbacks
):
    send(client_for(mail_clerk), django_capture_on_commit_callbacks, ("pile.pdf", pile))
    intake = Intake.objects.get()
    run_queued_jobs(django_capture_on_commit_callbacks)
    first, second = UnsortedPages.objects.order_by("first_page")
    # What a worker killed between the two parts leaves: the first part filed, the second not yet, the
    # original still there, the intake "En cours", its job claimed and never ended.
    IntakePart.objects.filter(filed_as=f"documents.unsortedpages:{second.pk}").delete()
    second.delete()
    intake.original.save("pile.pdf", ContentFile(pile), save=False)
    Intake.objects.filter(pk=intake.pk).update(status="running", original=intake.original.name)
    started = timezone.now() - datetime.timedelta(seconds=settings.SCAN_JOB_TIMEOUT + 1)
    reads().update(status="RUNNING", started_at=started, finished_at=None)
    assert "En cours" in page_text(client_for(mail_clerk).get(reverse("intake:page")))

    run_watchdog(django_capture_on_commit_callbacks, intake)
    abandoned = reads().get(status="FAILED")
    assert abandoned.exception_class_path == "documents.intake.AbandonedRead"
    intake.refresh_from_db()
    assert intake.status == "queued"
    assert watchdogs().get().run_after > timezone.now()  # the new reading is watched too

    reads().filter(status="FAILED").delete()
    run_queued_jobs(django_capture_on_commit_callbacks)
    intake.refresh_from_db()
    assert (intake.status, intake.refused) == ("done", [])
    assert [p.first_page for p in UnsortedPages.objects.order_by("first_page")] == [1, 2]
    assert intake.parts.count() == 2
    kept = AuditEvent.objects.filter(verb=AuditEvent.Verb.CREATE, target_type="documents.unsortedpages")
    assert [event.detail["sha256"] for event in kept].count(first.sha256) == 1  # not kept twice


def test_the_watchdog_leaves_a_reading_in_progress_alone(mail_clerk, django_capture_on_commit_callbacks):
    send(client_for(mail_clerk), django_capture_on_commit_callbacks, ("lot.pdf", b"%PDF-1.7 abime"))
    intake = Intake.objects.get()
    run_watchdog(django_capture_on_commit_callbacks, intake)  # the reading still waits for a worker
    assert Intake.objects.get().status == "queued" and reads().get().status == "READY"
    reads().get().claim("worker-1")
    Intake.objects.update(status="running")
    run_watchdog(django_capture_on_commit_callbacks, intake)  # running for less than the time-out
    assert reads().get().status == "RUNNING" and Intake.objects.get().status == "running"
    assert watchdogs().count() == 1  # it will look again
