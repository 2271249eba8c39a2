"""Who may write, and who may post: the legal service writes the notifications and starts their batches; the
mail cell and the legal service keep the outgoing mail register, record dispatches, print the posting list and
the batches' merged PDF. Each page answers exactly what the access policy grants to the action it declares."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from access.policy import Action, can
from access.roles import Role
from letters import services, views, views_posting
from letters.models import Batch, Kind, Letter
from tests.factories import UserFactory
from tests.files.conftest import client_for, page_text
from tests.letters.conftest import pdf_text
from workflow.models import BackOfficeTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def notification(decision, people):
    return services.generate(
        actor=people["legal"], kind=Kind.NOTIFICATION, file=decision.proposal.file, decision=decision
    )


@pytest.fixture
def printed_batch(notification, people):
    """A finished batch holding the notification, with its merged PDF."""
    batch = Batch.objects.create(created_by=people["legal"], total=1, done=1, status=Batch.Status.DONE)
    Letter.objects.filter(pk=notification.pk).update(batch=batch)
    batch.merged_pdf.save("lot.pdf", ContentFile(services.merge(batch.letters.all())))
    return batch


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_each_role_gets_exactly_what_the_policy_grants(role, team, notification, printed_batch):
    user = UserFactory(role=role.value, teams=[team])
    client = client_for(user)
    pages = [
        (reverse("letters:register"), views.RegisterView.action, Action.DISPATCH_LETTER),
        (reverse("letters:registered_list"), views.RegisteredListView.action, Action.DISPATCH_LETTER),
        (
            reverse("letters:batch_pdf", args=[printed_batch.pk]),
            views.BatchPdfView.action,
            Action.DISPATCH_LETTER,
        ),
        (
            reverse("letters:batch_post", args=[printed_batch.pk]),
            views_posting.BatchPostingView.action,
            Action.DISPATCH_LETTER,
        ),
    ]
    for url, declared, needed in pages:
        assert declared is needed, url
        assert client.get(url).status_code == (200 if can(user, needed) else 403), (url, role)
    file = notification.file
    dispatch = client.get(reverse("letters:dispatch", args=[notification.pk])).status_code
    if not can(user, Action.VIEW_FILE, file):
        assert dispatch == 404
    else:
        assert dispatch == (200 if can(user, Action.DISPATCH_LETTER, file) else 403)
    assert views.BatchStartView.action is views.BatchView.action is Action.NOTIFY_DECISION
    started = client.post(reverse("letters:batch_start"))
    assert started.status_code == (302 if can(user, Action.NOTIFY_DECISION) else 403)


def test_the_mail_cell_posts_the_notification_the_legal_service_wrote(notification, people):
    clerk = UserFactory(first_name="Marc", last_name="Courrier", role=Role.MAIL_CLERK)
    mail = client_for(clerk)
    register = page_text(mail.get(reverse("letters:register")))
    assert notification.code in register
    assert "Générer" not in register  # writing the notifications stays with the legal service
    today = timezone.localdate()
    response = mail.post(
        reverse("letters:dispatch", args=[notification.pk]),
        {"method": "registered", "sent_on": today.isoformat(), "registered_number": "RR 0001 BE"},
    )
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.method == Letter.Method.REGISTERED and notification.notified_on is not None
    task = notification.decision.tasks.get(kind=BackOfficeTask.Kind.NOTIFY)
    assert (task.status, task.done_by) == (BackOfficeTask.Status.DONE, clerk)
    posting_list = mail.get(reverse("letters:registered_list"), {"jour": today.isoformat()})
    assert "RR 0001 BE" in pdf_text(posting_list.content)


def test_the_mail_cell_may_not_write_a_notification(notification, decision):
    clerk = client_for(UserFactory(role=Role.MAIL_CLERK))
    response = clerk.post(
        reverse("letters:file", args=[decision.proposal.file_id]),
        {"kind": "notification", "decision": decision.pk},
    )
    assert response.status_code == 403
    assert Letter.objects.count() == 1


def test_the_mail_cell_prints_a_batch_from_the_register(printed_batch, notification):
    mail = client_for(UserFactory(role=Role.MAIL_CLERK))
    register = mail.get(reverse("letters:register")).content.decode()
    url = reverse("letters:batch_pdf", args=[printed_batch.pk])
    assert url in register
    response = mail.get(url)
    assert notification.code in pdf_text(b"".join(response.streaming_content))


def test_the_top_bar_leads_the_mail_cell_to_the_register(team):
    register = reverse("letters:register")
    mail = client_for(UserFactory(role=Role.MAIL_CLERK))
    assert f'href="{register}"' in mail.get(reverse("files:my_files")).content.decode()
    worker = client_for(UserFactory(role=Role.SOCIAL_WORKER, teams=[team]))
    assert f'href="{register}"' not in worker.get(reverse("files:my_files")).content.decode()
