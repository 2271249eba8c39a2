"""Minutes signing keys are never missing in silence: the secretary is warned before closing, the unsigned
procès-verbal says so, `check --deploy` warns; a configured key that cannot sign stops the closing clearly."""

import io

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ValidationError
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader

from committee import services
from committee.models import Meeting
from tests.committee.test_meeting import in_session, text_of
from tests.files.conftest import client_for, page_text

pytestmark = pytest.mark.django_db

NOT_CONFIGURED = {role: {"key": "", "cert": ""} for role in ("president", "secretary")}


@pytest.fixture
def no_keys(settings):
    settings.MINUTES_SIGNERS = NOT_CONFIGURED


def decided(board, meeting):
    items = in_session(board, meeting, [board["president"], *board["members"]])
    services.decide_rest_as_proposed(actor=board["secretary"], meeting=meeting, exceptions=set())
    return items


def test_without_keys_the_secretary_is_warned_and_the_minutes_say_they_are_not_signed(
    board, meeting, ready, no_keys
):
    decided(board, meeting)
    secretary = client_for(board["secretary"])
    page = page_text(secretary.get(reverse("committee:meeting", args=[meeting.pk])))
    assert (
        "La signature électronique du procès-verbal n'est pas configurée (le président, le secrétaire)"
        in page
    )
    response = secretary.post(reverse("committee:close", args=[meeting.pk]), follow=True)
    assert "Le procès-verbal n'est pas signé électroniquement" in page_text(response)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CLOSED
    for pdf in (meeting.minutes, meeting.public_minutes):
        assert "n'est pas signé électroniquement par le président ni par le secrétaire" in text_of(bytes(pdf))
        assert PdfFileReader(io.BytesIO(bytes(pdf))).embedded_signatures == []
    closed = page_text(secretary.get(reverse("committee:meeting", args=[meeting.pk])))
    assert "Procès-verbal non signé (PDF)" in closed and "Procès-verbal signé" not in closed


def test_with_keys_there_is_no_warning_and_the_minutes_are_signed(board, meeting, ready, signing_keys):
    decided(board, meeting)
    secretary = client_for(board["secretary"])
    assert "n'est pas configurée" not in page_text(
        secretary.get(reverse("committee:meeting", args=[meeting.pk]))
    )
    meeting = services.close(actor=board["secretary"], meeting=meeting)
    assert "pas signé électroniquement" not in text_of(bytes(meeting.minutes))
    assert len(PdfFileReader(io.BytesIO(bytes(meeting.minutes))).embedded_signatures) == 2
    closed = page_text(secretary.get(reverse("committee:meeting", args=[meeting.pk])))
    assert "Procès-verbal signé (PDF)" in closed


@pytest.mark.parametrize("fault", ["missing", "not_a_key", "other_certificate"])
def test_a_configured_key_that_cannot_sign_stops_the_closing_and_loses_nothing(
    board, meeting, ready, signing_keys, settings, tmp_path, fault
):
    signers = {role: dict(paths) for role, paths in settings.MINUTES_SIGNERS.items()}
    if fault == "missing":
        signers["president"]["key"] = str(tmp_path / "absent.key")
    elif fault == "not_a_key":
        (tmp_path / "notes.txt").write_text("pas une clé")
        signers["president"]["key"] = str(tmp_path / "notes.txt")
    else:
        signers["president"]["cert"] = signers["secretary"]["cert"]
    settings.MINUTES_SIGNERS = signers
    items = decided(board, meeting)
    with pytest.raises(ValidationError, match="fichier de signature pour le président") as raised:
        services.close(actor=board["secretary"], meeting=meeting)
    assert "La séance n'est pas clôturée ; prévenez l'administrateur." in raised.value.messages[0]
    meeting.refresh_from_db()
    assert (meeting.status, meeting.minutes) == (Meeting.Status.IN_SESSION, None)
    assert all(item.proposal.decisions.count() == 1 for item in items)
    [error] = [m for m in run_checks() if m.id == "committee.E001"]
    assert "DOSSIER_MINUTES_PRESIDENT_" in error.msg


def test_the_deployment_check_warns_only_when_keys_are_missing(settings, signing_keys):
    assert not [m for m in run_checks(include_deployment_checks=True) if m.id.startswith("committee.")]
    settings.MINUTES_SIGNERS = NOT_CONFIGURED
    [warning] = [m for m in run_checks(include_deployment_checks=True) if m.id.startswith("committee.")]
    assert warning.id == "committee.W001"
    assert "DOSSIER_MINUTES_PRESIDENT_KEY" in warning.msg and "DOSSIER_MINUTES_SECRETARY_CERT" in warning.msg
    assert not [m for m in run_checks() if m.id.startswith("committee.")]  # only at deployment
