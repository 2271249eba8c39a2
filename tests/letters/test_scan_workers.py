"""With real `manage.py db_worker` processes reading scans sent to the documents intake: a decompression bomb
ends refused as too large, never as a reading that failed unexpectedly; a worker killed (SIGKILL) in the
middle of a pile of returned letters leaves the intake "En cours", and the next worker, once the time-out has
passed, reads it again and files every letter once.

A worker needs a database it shares with the test, committed as the test goes: these tests run in bin/test's
browser stage, whose SQLite test database is a file (DOSSIER_SQLITE_TEST_FILE), as test_scans_browser.py."""

import signal
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from access.roles import Role
from audit.models import AuditEvent
from documents.models import Intake, UnsortedPages
from letters import services
from letters.models import Kind, ReturnedCopy
from tests.documents import bombs
from tests.factories import UserFactory
from tests.files.conftest import client_for, page_text
from tests.letters import scanner
from tests.letters.conftest import shared_database_file, ship_templates, start_db_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TIMEOUT = 3  # seconds before a reading still running is taken for abandoned (SCAN_JOB_TIMEOUT)
READ = "documents.tasks.read_intake"


@pytest.fixture(autouse=True)
def shared_database(settings, media):
    if shared_database_file() is None:
        pytest.fail("a worker process needs a database file: set DOSSIER_SQLITE_TEST_FILE (bin/test does)")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.SCAN_JOB_TIMEOUT = TIMEOUT
    ship_templates()


@pytest.fixture
def workers():
    started = []

    def start():
        started.append(start_db_worker(DOSSIER_SCAN_JOB_TIMEOUT=str(TIMEOUT)))
        return started[-1]

    yield start
    for worker in started:
        if worker.poll() is None:
            worker.terminate()
            worker.wait(timeout=10)


@pytest.fixture
def clerk(db):
    return UserFactory(first_name="Chloé", last_name="Courrier", role=Role.MAIL_CLERK)


def send(client, *files):
    return client.post(
        reverse("intake:page"), {"scans": [SimpleUploadedFile(name, data) for name, data in files]}
    )


def wait_for(condition, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"still waiting after {seconds} s for {what}: {list(Intake.objects.values())}")
        time.sleep(0.05)


def test_bombs_read_by_a_worker_end_refused_as_too_large(clerk, workers):
    pages = [scanner.blank(), scanner.signature_page()]
    mail = client_for(clerk)
    send(mail, ("bombe.png", bombs.png(40_000, 40_000)), ("pile.tif", bombs.tiff(pages, 2, 50_000, 50_000)))
    workers()
    wait_for(lambda: not Intake.objects.filter(status__in=["queued", "running"]).exists(), "both read")

    errors = dict(Intake.objects.values_list("original_name", "status"))
    assert errors == {"bombe.png": "failed", "pile.tif": "failed"}
    text = page_text(mail.get(reverse("intake:page")))
    assert "Page 1 de « bombe.png » : image trop grande" in text
    assert "Page 2 de « pile.tif » : image trop grande" in text
    assert "inattendue" not in text
    assert not DBTaskResult.objects.filter(task_path=READ).exclude(status="SUCCESSFUL").exists()


def test_a_worker_killed_mid_reading_leaves_it_running_and_the_next_one_files_every_page_once(
    file, request_, worker, clerk, workers
):
    first, second = (
        services.generate(actor=worker, kind=Kind.ACKNOWLEDGEMENT, file=file, request=request_) for _ in "12"
    )
    signed = scanner.signature_page()
    first_pages = [*scanner.printed(first), *[signed] * 8]
    pile = [*first_pages, *scanner.printed(second), *[signed] * 8]
    mail = client_for(clerk)
    send(mail, ("pile.pdf", scanner.scan_pdf(pile)))
    intake = Intake.objects.get()

    killed = workers()
    wait_for(lambda: Intake.objects.get().pages_done >= 3, "the first pages to be read")
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=10)
    intake.refresh_from_db()
    assert intake.status == "running" and intake.pages_done < len(pile)
    assert "En cours" in page_text(mail.get(reverse("intake:page")))
    assert not ReturnedCopy.objects.exists()
    time.sleep(1)
    intake.refresh_from_db()
    assert intake.status == "running"  # nothing moves while no worker runs

    workers()
    wait_for(lambda: Intake.objects.get().status == "done", "the reading to be done again")
    intake.refresh_from_db()
    assert intake.refused == [] and intake.pages_done == len(pile)
    copies = ReturnedCopy.objects.order_by("first_page")
    assert [(c.letter, c.first_page) for c in copies] == [(first, 1), (second, len(first_pages) + 1)]
    assert sum(copy.pages for copy in copies) == len(pile)
    assert not UnsortedPages.objects.exists()
    filed = AuditEvent.objects.filter(verb=AuditEvent.Verb.CREATE, target_type="letters.returnedcopy")
    assert filed.count() == 2
    reads = DBTaskResult.objects.filter(task_path=READ).order_by("enqueued_at")
    assert [job.status for job in reads] == ["FAILED", "SUCCESSFUL"]
    assert reads[0].exception_class_path == "documents.intake.AbandonedRead"
    assert "Terminé : 2 parties classées ou mises à classer." in page_text(mail.get(reverse("intake:page")))
