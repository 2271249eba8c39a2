"""In a real browser, with a real background worker: the legal service generates the notifications to send
and follows the batch's progress bar until the merged PDF can be printed, without reloading the page."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import expect

from letters.models import Batch, Kind, Letter
from tests.letters.conftest import decide, ship_templates
from tests.login import browser_log_in
from tests.workflow.steps.conftest import make_proposal
from workflow.declaration import State

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LETTERS = 6


@pytest.fixture
def to_notify(file, request_, worker, aid_type, people):
    ship_templates()
    return [
        decide(make_proposal(file, request_, worker, aid_type, state=State.ON_AGENDA), people["secretary"])
        for _ in range(LETTERS)
    ]


def test_the_progress_bar_follows_the_worker_until_the_merged_pdf(
    page, live_server, to_notify, people, db_worker, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    polls = []
    page.on("response", lambda r: polls.append(r) if r.request.headers.get("hx-request") else None)
    browser_log_in(page, live_server.url, people["legal"].username)
    page.goto(live_server.url + reverse("letters:register"))
    page.get_by_role("button", name=f"Générer les {LETTERS} notifications à envoyer").click()

    progress = page.locator("#batch-progress progress")
    expect(progress).to_have_attribute("max", str(LETTERS))
    expect(page.get_by_text(f"{LETTERS} lettre(s) sur {LETTERS} – Terminé")).to_be_visible(timeout=60_000)
    expect(progress).to_have_attribute("value", str(LETTERS))
    merged = page.get_by_role("link", name="Toutes les lettres en un PDF à imprimer")
    expect(merged).to_be_visible()

    batch = Batch.objects.get()
    assert batch.status == Batch.Status.DONE
    assert Letter.objects.filter(batch=batch, kind=Kind.NOTIFICATION).count() == LETTERS
    assert polls, "the bar was updated by htmx polling, not by reloading the page"
    assert page.url.endswith(reverse("letters:batch", args=[batch.pk]))
    pdf = page.request.get(live_server.url + merged.get_attribute("href"))
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    job = DBTaskResult.objects.get()
    assert (job.status, len(job.worker_ids)) == ("SUCCESSFUL", 1), "run by the background worker process"
