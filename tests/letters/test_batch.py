"""One background job writes every notification to send, then one merged PDF for printing."""

import io

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from letters import services
from letters.models import Batch, Kind, Letter
from tests.files.conftest import client_for
from tests.letters.conftest import decide, pdf_text
from tests.workflow.steps.conftest import make_proposal
from workflow.declaration import State

pytestmark = pytest.mark.django_db


def test_the_batch_writes_n_letters_and_a_merged_pdf_of_n_documents(
    file, request_, worker, aid_type, people, django_capture_on_commit_callbacks
):
    decisions = [
        decide(make_proposal(file, request_, worker, aid_type, state=State.ON_AGENDA), people["secretary"])
        for _ in range(3)
    ]
    legal = client_for(people["legal"])
    with django_capture_on_commit_callbacks(execute=True):
        response = legal.post(reverse("letters:batch_start"))
    batch = Batch.objects.get()
    assert response.url == reverse("letters:batch", args=[batch.pk])
    assert (batch.total, batch.done, batch.status) == (3, 3, Batch.Status.DONE)
    letters = Letter.objects.filter(batch=batch, kind=Kind.NOTIFICATION)
    assert sorted(letter.decision_id for letter in letters) == sorted(d.pk for d in decisions)
    progress = legal.get(reverse("letters:batch", args=[batch.pk]), headers={"HX-Request": "true"})
    assert "3 lettre(s) sur 3" in progress.content.decode()
    merged = legal.get(reverse("letters:batch_pdf", args=[batch.pk]))
    data = b"".join(merged.streaming_content)
    text = pdf_text(data)
    assert all(letter.code in text for letter in letters)
    pages = sum(len(PdfReader(letter.pdf.open("rb")).pages) for letter in letters)
    assert len(PdfReader(io.BytesIO(data)).pages) == pages


def test_someone_else_cannot_follow_or_download_a_batch(file, request_, worker, aid_type, people):
    decide(make_proposal(file, request_, worker, aid_type, state=State.ON_AGENDA), people["secretary"])
    batch = Batch.objects.create(created_by=people["legal"], total=1)
    assert client_for(people["worker"]).get(reverse("letters:batch", args=[batch.pk])).status_code == 403


def test_a_batch_is_shared_out_in_parts_that_workers_take_and_merged_once(
    file, request_, worker, aid_type, people, settings, django_capture_on_commit_callbacks
):
    settings.LETTERS_BATCH_PART = 2
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for _ in range(5):
        decide(make_proposal(file, request_, worker, aid_type, state=State.ON_AGENDA), people["secretary"])
    with django_capture_on_commit_callbacks(execute=True):
        client_for(people["legal"]).post(reverse("letters:batch_start"))
    batch = Batch.objects.get()
    assert sorted(len(job.args_kwargs["args"][1]) for job in DBTaskResult.objects.all()) == [1, 2, 2]
    assert (batch.status, batch.done) == (Batch.Status.QUEUED, 0)

    # Each queued part, as a worker takes it (a real db_worker process runs them in test_batch_browser.py;
    # in-process, it would close the test's database connection on PostgreSQL).
    for job in DBTaskResult.objects.order_by("enqueued_at"):
        assert job.task_path == "letters.tasks.write_batch_part"
        job.task.call(*job.args_kwargs["args"])
    batch.refresh_from_db()
    assert (batch.total, batch.done, batch.status) == (5, 5, Batch.Status.DONE)
    with batch.merged_pdf.open("rb") as merged:
        data = merged.read()
    assert all(letter.code in pdf_text(data) for letter in batch.letters.all())

    # A part run again (a worker that crashed after writing) writes no letter twice.
    services.run_part(batch, batch.decision_ids[:2])
    assert Letter.objects.filter(batch=batch).count() == 5
