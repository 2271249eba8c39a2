"""Registrations follow the file: opening or a request registers, closing unregisters; the cell records
each outcome, audited and on the timeline."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from access.roles import Role
from audit.models import AuditEvent
from bcss import services
from bcss.models import AccessRegistration, Purpose
from config.concurrency import EditConflict
from files import services as file_services
from files.models import AidRequest, FileEvent, SocialFile
from tests.bcss.data import pending
from tests.factories import PersonFactory, SocialFileFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

R = AccessRegistration


@pytest.fixture
def team():
    return TeamFactory(name="Antenne Cuesmes")


@pytest.fixture
def head(team):
    return UserFactory(role=Role.HEAD_SOCIAL_WORKER, teams=[team])


@pytest.fixture
def cell():
    return UserFactory(role=Role.BCSS_OPERATOR)


def close(head, file, status=SocialFile.Status.CLOSED):
    return file_services.update_file(
        actor=head,
        file=file,
        team=file.team,
        primary_worker=file.primary_worker,
        status=status,
        closed_on=None,
        expected_version=file.version,
    )


def test_the_purpose_codes_are_catalogue_data_with_their_source():
    first = Purpose.objects.get(sector=17, code=1)
    assert first.label == "Dossier en examen" and "LL/21.03" in first.source
    assert Purpose.objects.filter(sector=17).count() == 14
    assert all(p.source for p in Purpose.objects.all())


def test_opening_a_file_creates_a_registration_to_do(head, team):
    file = file_services.open_file(actor=head, beneficiary=PersonFactory(), team=team)
    registration = R.objects.get(file=file)
    assert (registration.action, registration.state, registration.purpose.code) == ("REGISTER", "todo", 1)
    assert registration.person_id == file.beneficiary_id and registration.start_date == file.opened_on
    assert (
        registration.end_date is None
        and registration.sector == 17
        and len(registration.message_reference) == 32
    )
    assert AuditEvent.objects.filter(
        verb="create", target_type="bcss.accessregistration", target_id=str(registration.pk), file_id=file.pk
    ).exists()
    event = file.events.get(kind=FileEvent.Kind.BCSS)
    assert "Intégration" in event.summary and "Dossier en examen" in event.summary


def test_an_emptied_purpose_catalogue_never_stops_a_file_from_opening(head, team):
    """A flushed or emptied catalogue: the file opens, its registration under code 1 waits for the cell."""
    Purpose.objects.all().delete()
    file = file_services.open_file(actor=head, beneficiary=PersonFactory(), team=team)
    registration = R.objects.get(file=file)
    assert (registration.purpose.code, registration.purpose.label) == (1, "Dossier en examen")


def test_a_request_on_a_registered_file_adds_nothing(head, team):
    file = file_services.open_file(actor=head, beneficiary=PersonFactory(), team=team)
    file_services.add_request(actor=head, file=file, aid=AidRequest.Aid.RI, channel=AidRequest.Channel.DESK)
    assert R.objects.filter(file=file).count() == 1


def test_a_request_on_a_file_never_registered_registers_it(head, team):
    file = SocialFileFactory(team=team)  # opened before registrations were kept
    file_services.add_request(actor=head, file=file, aid=AidRequest.Aid.RI, channel=AidRequest.Channel.DESK)
    assert R.objects.get(file=file).action == R.Action.REGISTER


def test_closing_creates_an_unregistration_once_the_registration_is_done(head, team, cell):
    file = file_services.open_file(actor=head, beneficiary=PersonFactory(), team=team)
    registration = R.objects.get(file=file)
    services.record_done(actor=cell, registration=registration, reference="REG-1", expected_version=1)
    file = close(head, file)
    unregistration = R.objects.filter(file=file).latest("id")
    assert (unregistration.action, unregistration.state) == ("UNREGISTER", "todo")
    assert unregistration.start_date == registration.start_date and unregistration.end_date == file.closed_on
    assert unregistration.purpose == registration.purpose
    assert unregistration.message_reference != registration.message_reference


def test_closing_before_the_registration_was_made_makes_it_needless(head, team):
    file = file_services.open_file(actor=head, beneficiary=PersonFactory(), team=team)
    close(head, file)
    assert list(R.objects.filter(file=file).values_list("action", "state")) == [("REGISTER", "cancelled")]
    assert "sans objet" in file.events.filter(kind=FileEvent.Kind.BCSS).first().summary


def test_reopening_registers_again(head, team, cell):
    file = file_services.open_file(actor=head, beneficiary=PersonFactory(), team=team)
    services.record_done(
        actor=cell, registration=R.objects.get(file=file), reference="R1", expected_version=1
    )
    file = close(head, file)
    close(head, file, SocialFile.Status.OPEN)  # before the cell ended the access: nothing to do any more
    assert list(R.objects.filter(file=file).order_by("id").values_list("action", "state")) == [
        ("REGISTER", "done"),
        ("UNREGISTER", "cancelled"),
    ]


def test_fait_keeps_the_reference_audited_and_on_the_timeline(cell):
    registration = pending(1)[0]
    services.record_done(actor=cell, registration=registration, reference=" 2026-ABC-42 ", expected_version=1)
    registration.refresh_from_db()
    assert (registration.state, registration.bcss_reference, registration.attempts) == (
        "done",
        "2026-ABC-42",
        1,
    )
    assert registration.done_by == cell and registration.done_at is not None
    event = AuditEvent.objects.filter(user=cell, verb="update").latest("id")
    assert event.detail["changes"]["state"] == ["todo", "done"] and event.file_id == registration.file_id
    assert "2026-ABC-42" in registration.file.events.filter(kind=FileEvent.Kind.BCSS).first().summary


def test_echec_keeps_the_reason_and_a_retry_succeeds(cell):
    registration = pending(1)[0]
    services.record_failure(actor=cell, registration=registration, reason="Service fermé", expected_version=1)
    registration.refresh_from_db()
    assert (registration.state, registration.error, registration.attempts) == ("failed", "Service fermé", 1)
    assert "Service fermé" in registration.file.events.filter(kind=FileEvent.Kind.BCSS).first().summary
    reference = registration.message_reference
    services.record_done(actor=cell, registration=registration, reference="R", expected_version=2)
    registration.refresh_from_db()
    assert (registration.state, registration.attempts, registration.error) == ("done", 2, "")
    assert registration.message_reference == reference  # the same message, never a second registration


def test_the_outcome_needs_its_reference_or_its_reason(cell):
    registration = pending(1)[0]
    with pytest.raises(ValidationError) as error:
        services.record_done(actor=cell, registration=registration, reference="  ", expected_version=1)
    assert error.value.message_dict == {"reference": ["Indiquez la référence donnée par la BCSS."]}
    with pytest.raises(ValidationError):
        services.record_failure(actor=cell, registration=registration, reason="", expected_version=1)


def test_only_the_bcss_cell_records_and_never_twice(cell, team):
    registration = pending(1)[0]
    with pytest.raises(PermissionDenied):
        services.record_done(
            actor=UserFactory(role=Role.HEAD_SOCIAL_WORKER, teams=[registration.file.team]),
            registration=registration,
            reference="R",
            expected_version=1,
        )
    services.record_done(actor=cell, registration=registration, reference="R", expected_version=1)
    with pytest.raises(ValidationError, match="déjà fait"):
        services.record_failure(actor=cell, registration=registration, reason="x", expected_version=2)


def test_a_stale_version_is_refused(cell):
    registration = pending(1)[0]
    stale = R.objects.get(pk=registration.pk)
    services.record_done(actor=cell, registration=registration, reference="R", expected_version=1)
    stale.state = "todo"
    with pytest.raises(EditConflict):
        services.record_failure(actor=cell, registration=stale, reason="x", expected_version=1)
