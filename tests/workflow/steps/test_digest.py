"""The daily e-mail of late items, sent over SMTP to a local server (aiosmtpd), as to the CPAS's."""

import datetime
import email
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from audit.models import AuditEvent
from files.models import AidRequest
from tests.files.conftest import client_for
from tests.workflow.steps.conftest import make_proposal
from workflow.declaration import State
from workflow.digest import send_digests
from workflow.models import DigestSubscription

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content)))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def inbox():
    handler, port = Inbox(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1", EMAIL_PORT=port
    ):
        yield handler
    controller.stop()


def test_a_subscribed_head_gets_the_late_items_by_reference_never_by_name(
    inbox, file, worker, aid_type, people, django_capture_on_commit_callbacks
):
    people["head"].email = "claire.renard@example.org"
    people["head"].save()
    old = AidRequest.objects.create(
        file=file, aid="financial", requested_on=datetime.date(2026, 9, 1), registered_by=worker
    )
    make_proposal(file, old, worker, aid_type, state=State.SUBMITTED)  # decision was due on 01/10/2026
    client = client_for(people["head"])
    client.post(reverse("queues:digest"), {"daily": "on", "back": "https://evil.example/"})
    assert AuditEvent.objects.filter(
        user=people["head"], detail__changes__daily_digest=[False, True]
    ).exists()
    with django_capture_on_commit_callbacks(execute=True):  # sent once committed
        call_command("send_deadline_digests")
    ((recipients, message),) = inbox.messages
    assert recipients == ["claire.renard@example.org"]
    body = message.get_payload(decode=True).decode()
    assert file.reference in body and "01/10/2026" in body and "en retard" in body
    assert file.beneficiary.last_name not in body and file.beneficiary.last_name not in message["Subject"]


def test_nothing_is_sent_to_who_did_not_subscribe_or_has_nothing_late(inbox, file, worker, aid_type, people):
    people["head"].email = "claire.renard@example.org"
    people["head"].save()
    make_proposal(
        file,
        AidRequest.objects.create(
            file=file, aid="financial", requested_on=datetime.date(2026, 9, 1), registered_by=worker
        ),
        worker,
        aid_type,
        state=State.SUBMITTED,
    )
    call_command("send_deadline_digests")
    assert inbox.messages == []
    client_for(people["legal"]).post(reverse("queues:digest"), {"daily": "on"})  # no opinion is waiting
    call_command("send_deadline_digests")
    assert inbox.messages == []


def test_digests_sent_in_a_transaction_that_rolls_back_are_not_sent(
    inbox, file, worker, aid_type, people, django_capture_on_commit_callbacks
):
    people["head"].email = "claire.renard@example.org"
    people["head"].save()
    DigestSubscription.objects.create(user=people["head"])
    old = AidRequest.objects.create(
        file=file, aid="financial", requested_on=datetime.date(2026, 9, 1), registered_by=worker
    )
    make_proposal(file, old, worker, aid_type, state=State.SUBMITTED)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        assert send_digests() == 1
        raise RuntimeError("rolled back")
    assert callbacks == [] and inbox.messages == []
