"""Letters on the file's timeline: written (kind and code, never the content) and sent (how, when, and for a
notification its notification date and appeal deadline), for everyone who reads the file's history."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from access.roles import Role
from files.models import FileEvent
from letters import deadlines, services
from letters.models import Kind
from tests.factories import UserFactory
from tests.files.conftest import client_for, page_text

pytestmark = pytest.mark.django_db


def timeline(user, file) -> str:
    return page_text(client_for(user).get(reverse("files:timeline", args=[file.pk])))


def test_a_notification_written_then_posted_shows_on_the_timeline_without_its_content(decision, people):
    file = decision.proposal.file
    letter = services.generate(actor=people["legal"], kind=Kind.NOTIFICATION, file=file, decision=decision)
    posted = timezone.localdate() - datetime.timedelta(days=7)
    clerk = UserFactory(role=Role.MAIL_CLERK)
    services.dispatch(
        actor=clerk, letter=letter, method="registered", sent_on=posted, registered_number="RR 42 BE"
    )
    notified = deadlines.notified_on("registered", posted)
    appeal = deadlines.appeal_deadline(notified)

    written = FileEvent.objects.get(file=file, kind=FileEvent.Kind.LETTER_WRITTEN)
    assert (written.summary, written.author) == (
        f"Notification de la décision {letter.code}",
        people["legal"],
    )
    sent = FileEvent.objects.get(file=file, kind=FileEvent.Kind.LETTER_SENT)
    assert sent.author == clerk
    assert timezone.localdate(sent.occurred_at) == posted  # dated on the day it was posted
    text = timeline(people["worker"], file)
    assert f"Notification de la décision {letter.code}" in text
    assert f"recommandé n° RR 42 BE déposé le {posted:%d/%m/%Y}" in text
    assert f"notifiée le {notified:%d/%m/%Y}, recours possible jusqu'au {appeal:%d/%m/%Y}" in text
    assert "Lettre écrite" in text and "Lettre envoyée" in text
    assert "La personne n'a pas de revenus." not in text  # the letter's wording stays in its PDF


def test_a_letter_that_is_not_a_notification_gives_no_appeal_deadline(file, request_, worker, people):
    letter = services.generate(actor=worker, kind=Kind.ACKNOWLEDGEMENT, file=file, request=request_)
    services.dispatch(actor=people["legal"], letter=letter, method="hand", sent_on=timezone.localdate())
    sent = FileEvent.objects.get(file=file, kind=FileEvent.Kind.LETTER_SENT)
    assert sent.summary == (
        f"Accusé de réception de la demande {letter.code} : remise en main propre le "
        f"{timezone.localdate():%d/%m/%Y}"
    )


def test_letter_events_are_read_by_who_reads_the_file_not_by_others(decision, people, outsider):
    file = decision.proposal.file
    letter = services.generate(actor=people["legal"], kind=Kind.NOTIFICATION, file=file, decision=decision)
    assert letter.code in timeline(people["payments"], file)  # back office: identity and history, no report
    response = client_for(outsider).get(reverse("files:timeline", args=[file.pk]))
    assert response.status_code == 404
    filtered = client_for(people["worker"]).get(
        reverse("files:timeline", args=[file.pk]), {"type": FileEvent.Kind.LETTER_WRITTEN}
    )
    assert letter.code in page_text(filtered)


def test_each_letter_of_a_batch_is_on_its_file_timeline(decision, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.start_batch(actor=people["legal"], decisions=[decision])
    [event] = FileEvent.objects.filter(file=decision.proposal.file, kind=FileEvent.Kind.LETTER_WRITTEN)
    assert event.author == people["legal"]
    assert event.summary == f"Notification de la décision {decision.letters.get().code}"
