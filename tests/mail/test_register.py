"""Numbering, due date, states and their French refusals, timeline, audit, filing into a document."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from documents import content_store
from files.models import FileEvent
from mail import services
from mail.models import IncomingMail
from mail.states import MOVES, State
from tests.mail.conftest import PDF
from tests.processes import run_python

pytestmark = pytest.mark.django_db


def _mail(clerk, **kwargs):
    return services.register(actor=clerk, sender_name="Société de logement", subject="Loyer", **kwargs)


def test_numbers_follow_each_other_and_restart_each_year(clerk):
    numbers = [
        _mail(clerk, received_on=datetime.date(2025, 12, 31)).number,
        _mail(clerk, received_on=datetime.date(2025, 12, 31)).number,
        _mail(clerk, received_on=datetime.date(2026, 1, 2)).number,
    ]
    assert numbers == ["CE-2025-000001", "CE-2025-000002", "CE-2026-000001"]


def test_a_failed_registration_gives_its_number_back(clerk):
    with pytest.raises(ValidationError):
        _mail(clerk, scan=b"not a pdf", received_on=datetime.date(2026, 3, 2))
    assert _mail(clerk, received_on=datetime.date(2026, 3, 2)).number == "CE-2026-000001"


CONCURRENT = """
import sys, tempfile, threading, datetime
sys.path.insert(0, "bench")
from timeline import setup_django

setup_django(tempfile.mkdtemp(prefix="dossier-mail-"))
from django.contrib.auth.models import Group, User
from django.db import connection
from mail import services

clerk = User.objects.create_user("courrier.test")
clerk.groups.add(Group.objects.get(name="mail_clerk"))
numbers = []

def register(n):
    for i in range(15):
        day = datetime.date(2025, 12, 31) if i % 2 else datetime.date(2026, 1, 2)
        mail = services.register(actor=clerk, sender_name=f"Expéditeur {n}", subject="Objet", received_on=day)
        numbers.append(mail.number)
    connection.close()

threads = [threading.Thread(target=register, args=(n,)) for n in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(" ".join(sorted(numbers)))
"""


def test_clerks_registering_at_once_never_share_or_skip_a_number():
    """Four clerks at once on a real database file (separate connections), across a change of year."""
    numbers = run_python("-c", CONCURRENT).stdout.split()
    expected = [f"CE-2025-{n:06d}" for n in range(1, 29)] + [f"CE-2026-{n:06d}" for n in range(1, 33)]
    assert numbers == expected


def test_the_due_date_counts_working_days_from_reception(clerk, settings):
    settings.MAIL_DUE_WORKING_DAYS = 3
    # Friday 24/12/2021: Christmas is a Saturday, then Monday 27, Tuesday 28, Wednesday 29.
    mail = _mail(clerk, received_on=datetime.date(2021, 12, 24))
    assert mail.due_on == datetime.date(2021, 12, 29)


def test_a_mail_goes_through_its_states_and_each_move_is_audited(clerk, head, worker, team, file):
    mail = _mail(clerk, scan=PDF, scan_name="loyer.pdf")
    assert mail.state == State.RECEIVED and mail.content.size == len(PDF)
    services.route(actor=clerk, mail=mail, team=team)
    services.assign(actor=head, mail=mail, agent=worker)
    services.handle(actor=worker, mail=mail)
    services.file_mail(actor=worker, mail=mail, file=file)
    mail.refresh_from_db()
    assert (mail.state, mail.team, mail.assignee, mail.file) == (State.FILED, team, worker, file)
    rows = AuditEvent.objects.filter(target_type="mail.incomingmail", target_id=str(mail.pk)).order_by("id")
    assert [(r.verb, r.detail.get("move")) for r in rows] == [
        ("create", None),
        ("update", "route"),
        ("update", "assign"),
        ("update", "handle"),
        ("update", "link"),
        ("update", "file"),
    ]
    assert rows.last().detail["changes"]["state"] == ["handled", "filed"]
    assert rows[2].detail["changes"]["assignee"] == [None, worker.pk]


def test_filing_makes_the_scan_a_document_of_the_file(clerk, head, worker, team, file, aid_request):
    mail = _mail(clerk, scan=PDF, team=team)
    services.assign(actor=head, mail=mail, agent=worker)
    services.handle(actor=worker, mail=mail)
    services.file_mail(actor=worker, mail=mail, file=file, aid_request=aid_request)
    document = mail.document
    assert (document.file, document.request, document.type.code) == (file, aid_request, "letter_received")
    assert document.source == "post" and content_store.read(document.current.original) == PDF


def test_mail_for_a_file_lands_on_its_timeline(clerk, file):
    mail = _mail(clerk, file=file)
    event = FileEvent.objects.get(file=file, kind=FileEvent.Kind.MAIL_RECEIVED)
    assert event.summary == f"{mail.number} – Société de logement : Loyer"
    assert event.author == clerk


@pytest.mark.parametrize(
    ("state", "move", "message"),
    [
        (State.RECEIVED, "assign", "Ce courrier est « reçu » : impossible de l'attribuer à un agent."),
        (State.RECEIVED, "handle", "Ce courrier est « reçu » : impossible de le marquer comme traité."),
        (State.HANDLED, "route", "Ce courrier est « traité » : impossible de l'orienter vers un service."),
        (State.FILED, "handle", "Ce courrier est « classé » : impossible de le marquer comme traité."),
    ],
)
def test_a_move_from_the_wrong_state_is_refused_in_french(clerk, head, team, state, move, message):
    mail = _mail(clerk)
    IncomingMail.objects.filter(pk=mail.pk).update(state=state, team=team)
    mail.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services._move(mail, move)
    assert refused.value.messages == [message]
    assert state not in MOVES[move].sources


def test_a_mail_changed_since_it_was_read_is_not_overwritten(clerk, head, worker, colleague, team):
    mail = _mail(clerk, team=team)
    stale = IncomingMail.objects.get(pk=mail.pk)
    services.assign(actor=head, mail=mail, agent=worker)
    with pytest.raises(ValidationError) as refused:
        services.assign(actor=head, mail=stale, agent=colleague)
    assert refused.value.messages == [
        "Ce courrier vient d'être modifié par quelqu'un d'autre : rechargez la page."
    ]
    assert IncomingMail.objects.get(pk=mail.pk).assignee == worker


def test_filing_needs_a_file(clerk, head, worker, team):
    mail = _mail(clerk, team=team)
    services.handle(actor=head, mail=mail)
    with pytest.raises(ValidationError) as refused:
        services.file_mail(actor=head, mail=mail)
    assert refused.value.messages == ["Choisissez le dossier dans lequel classer ce courrier."]


def test_an_agent_outside_the_service_is_refused(clerk, head, team, other_team):
    from access.roles import Role
    from tests.factories import UserFactory

    outsider = UserFactory(role=Role.SOCIAL_WORKER, teams=[other_team])
    mail = _mail(clerk, team=team)
    with pytest.raises(ValidationError):
        services.assign(actor=head, mail=mail, agent=outsider)


def test_a_mail_cannot_be_dated_in_the_future(clerk):
    with pytest.raises(ValidationError):
        _mail(clerk, received_on=timezone.localdate() + datetime.timedelta(days=1))


def test_only_the_mail_cell_registers(worker):
    with pytest.raises(PermissionDenied):
        _mail(worker)
