"""A letter is written whole or not at all: a template that fails at rendering, or a database that refuses the
letter at commit, leaves no row, no stored PDF, no audit event and no timeline entry; e-mails leave only once
the dispatch is committed."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from files.models import FileEvent
from letters import services
from letters.models import Batch, Kind, Letter, LetterTemplate
from tests.files.conftest import client_for, page_text
from tests.letters.conftest import decide, ship_templates
from tests.workflow.steps.conftest import make_proposal
from workflow.declaration import State

pytestmark = pytest.mark.django_db
# A transactional test ends by emptying every table, which the append-only audit trail refuses on PostgreSQL.
ON_SQLITE_ONLY = pytest.mark.skipif(connection.vendor != "sqlite", reason="needs a transactional database")

# Passes the admin's checks (known variable, known filter) but raises at rendering: "large" is no width.
FAILS_AT_RENDERING = "<p>{{ file.reference|center:'large' }}</p>"
# Raises only for a letter whose proposal has an amount.
FAILS_WITH_AN_AMOUNT = (
    "<p>{{ notification }}{% if proposal.amount %}{{ file.reference|center:'x' }}{% endif %}</p>"
)


def stored_files() -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def nothing_written() -> None:
    assert not Letter.objects.exists()
    assert stored_files() == []
    assert not AuditEvent.objects.filter(target_type="letters.letter").exists()
    assert not FileEvent.objects.filter(kind=FileEvent.Kind.LETTER_WRITTEN).exists()


def test_a_template_failing_at_rendering_writes_nothing_and_says_so_in_french(file, request_, worker):
    LetterTemplate.objects.filter(kind=Kind.ACKNOWLEDGEMENT).update(html=FAILS_AT_RENDERING)
    response = client_for(worker).post(
        reverse("letters:file", args=[file.pk]),
        {"kind": Kind.ACKNOWLEDGEMENT, "request": request_.pk},
        follow=True,
    )
    assert "n'a pas pu être produite : son modèle contient une erreur" in page_text(response)
    nothing_written()


def test_a_broken_template_saved_in_the_database_writes_nothing(file, request_, worker):
    LetterTemplate.objects.filter(kind=Kind.ACKNOWLEDGEMENT).update(html="{% if %}{% endif %}")
    with pytest.raises(ValidationError, match="Accusé de réception"):
        services.generate(actor=worker, kind=Kind.ACKNOWLEDGEMENT, file=file, request=request_)
    nothing_written()


@ON_SQLITE_ONLY
@pytest.mark.django_db(transaction=True)
def test_a_letter_refused_by_the_database_at_commit_leaves_no_stored_pdf(file, request_, worker):
    """Its batch deleted while the letter was written: the database refuses the letter when the transaction
    commits, after the PDF was stored; the PDF is removed again."""
    ship_templates()
    gone = Batch.objects.create(created_by=worker)
    Batch.objects.filter(pk=gone.pk).delete()
    with pytest.raises(IntegrityError):
        services.generate(actor=worker, kind=Kind.ACKNOWLEDGEMENT, file=file, request=request_, batch=gone)
    nothing_written()


def test_a_letter_failing_in_a_batch_part_leaves_no_partial_rows(
    file, request_, worker, aid_type, people, django_capture_on_commit_callbacks
):
    refused = decide(
        make_proposal(file, request_, worker, aid_type, state=State.ON_AGENDA, granted=False, amount=None),
        people["secretary"],
        transition="refuse",
    )
    decide(make_proposal(file, request_, worker, aid_type, state=State.ON_AGENDA), people["secretary"])
    LetterTemplate.objects.filter(kind=Kind.NOTIFICATION).update(html=FAILS_WITH_AN_AMOUNT)
    legal = client_for(people["legal"])
    with django_capture_on_commit_callbacks(execute=True):
        legal.post(reverse("letters:batch_start"))
    batch = Batch.objects.get()
    assert (batch.status, batch.total, batch.done) == (Batch.Status.FAILED, 2, 1)
    assert "n'a pas pu être produite : son modèle contient une erreur" in batch.error
    [letter] = Letter.objects.all()  # the refusal's letter, whole; nothing of the other
    assert letter.decision == refused
    assert [path.name for path in stored_files()] == [f"{letter.code}.pdf"]
    assert AuditEvent.objects.filter(target_type="letters.letter").count() == 1
    assert FileEvent.objects.filter(kind=FileEvent.Kind.LETTER_WRITTEN).count() == 1


@pytest.fixture
def emailed(decision, people):
    """A notification to send by e-mail to a person who agreed to it."""
    person = decision.proposal.file.beneficiary
    person.email = "marie.dubois@example.org"
    person.email_consent_on = timezone.localdate()
    person.save()
    return services.generate(
        actor=people["legal"], kind=Kind.NOTIFICATION, file=decision.proposal.file, decision=decision
    )


def test_an_e_mail_dispatch_rolled_back_sends_nothing(
    emailed, people, mailoutbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.dispatch(actor=people["legal"], letter=emailed, method="email", sent_on=timezone.localdate())
        raise RuntimeError("the caller's transaction fails after the dispatch")
    assert mailoutbox == []
    emailed.refresh_from_db()
    assert emailed.method == ""


def test_an_e_mail_dispatch_is_sent_once_committed(
    emailed, people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.dispatch(actor=people["legal"], letter=emailed, method="email", sent_on=timezone.localdate())
        assert mailoutbox == []  # not before the commit
    for callback in callbacks:
        callback()
    [message] = mailoutbox
    assert message.to == ["marie.dubois@example.org"]
    assert message.attachments[0][0] == f"{emailed.code}.pdf"
