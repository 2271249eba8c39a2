"""One background job writes every notification to send, then one merged PDF for printing."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

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
