"""A meeting from agenda to closing, at service level: agenda, quorum, decisions, postponement, ratification,
amendment, locking, and the signed minutes."""

import io

import pytest
from django.core.exceptions import ValidationError
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from committee import services
from committee.models import Meeting
from tests.meetings import hold
from workflow import services as workflow
from workflow.declaration import State
from workflow.notification import render_notification

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def in_session(board, meeting, present):
    services.compose_agenda(actor=board["secretary"], meeting=meeting)
    meeting = hold(meeting, present=present)
    return list(meeting.items.order_by("number"))


def test_the_agenda_takes_ready_proposals_by_request_date_and_puts_them_on_the_agenda(board, meeting, ready):
    items = services.compose_agenda(actor=board["secretary"], meeting=meeting)
    assert [i.number for i in items] == [1, 2, 3]
    assert [i.proposal.request.requested_on.day for i in items] == [5, 12, 20]
    for proposal in ready:
        proposal.refresh_from_db()
        assert proposal.state == State.ON_AGENDA


def test_removing_an_item_sends_it_back_to_ready_and_renumbers(board, meeting, ready):
    first, second, third = services.compose_agenda(actor=board["secretary"], meeting=meeting)
    services.remove_item(actor=board["secretary"], item=first)
    first.proposal.refresh_from_db()
    assert first.proposal.state == State.READY
    assert list(meeting.items.values_list("proposal", "number")) == [
        (second.proposal_id, 1),
        (third.proposal_id, 2),
    ]
    services.move_item(actor=board["secretary"], item=meeting.items.get(number=2), offset=-1)
    assert list(meeting.items.values_list("proposal", flat=True)) == [third.proposal_id, second.proposal_id]


def test_a_frozen_agenda_no_longer_changes(board, meeting, ready):
    items = services.compose_agenda(actor=board["secretary"], meeting=meeting)
    services.freeze(actor=board["secretary"], meeting=meeting)
    with pytest.raises(ValidationError, match="arrêté"):
        services.remove_item(actor=board["secretary"], item=items[0])


def test_without_quorum_the_meeting_cannot_decide(board, meeting, ready):
    items = in_session(board, meeting, present=[board["president"]])
    with pytest.raises(ValidationError, match="quorum n'est pas atteint \\(1 présents sur 3 membres\\)"):
        services.decide_item(actor=board["secretary"], item=items[0], transition="grant")
    items[0].proposal.refresh_from_db()
    assert items[0].proposal.state == State.ON_AGENDA


def test_an_amendment_changes_the_fields_and_the_notification(board, meeting, ready):
    items = in_session(board, meeting, present=[board["president"], *board["members"]])
    proposal = items[0].proposal
    assert "105,00" in render_notification(proposal)
    data = {name: getattr(proposal, name) for name in ("granted", "computation", "start_on", "periodicity")}
    data.update(
        aid_type=proposal.aid_type,
        amount=250,
        motivation_facts=proposal.motivation_facts,
        motivation_law=proposal.motivation_law,
    )
    services.decide_item(
        actor=board["president"],
        item=items[0],
        transition="grant_amended",
        comment="Montant revu",
        amendment=data,
    )
    proposal.refresh_from_db()
    assert proposal.amount == 250 and proposal.state == State.DECIDED
    assert "250,00" in render_notification(proposal)


def test_a_postponed_item_moves_to_the_next_planned_meeting(board, meeting, next_meeting, ready):
    items = in_session(board, meeting, present=[board["president"], *board["members"]])
    services.decide_item(
        actor=board["president"], item=items[1], transition="postpone", comment="Pièces manquantes"
    )
    moved = next_meeting.items.get()
    assert moved.proposal == items[1].proposal and moved.number == 1
    moved.proposal.refresh_from_db()
    assert moved.proposal.state == State.ON_AGENDA


def test_a_postponed_item_without_a_next_meeting_goes_back_to_ready(board, meeting, ready):
    items = in_session(board, meeting, present=[board["president"], *board["members"]])
    services.decide_item(
        actor=board["secretary"], item=items[1], transition="postpone", comment="Pièces manquantes"
    )
    items[1].proposal.refresh_from_db()
    assert items[1].proposal.state == State.READY


def test_urgent_decision_of_the_president_is_ratified_in_session(
    ready, board, meeting, file, request_, worker, aid_type
):
    from tests.workflow.steps.conftest import make_proposal

    urgent = make_proposal(file, request_, worker, aid_type, state=State.VALIDATED)
    workflow.take(
        actor=board["president"],
        proposal=urgent,
        transition="urgent_grant",
        expected_version=1,
        comment="Expulsion",
    )
    in_session(board, meeting, present=[board["president"], *board["members"]])
    pending = list(services.urgent_to_ratify(meeting))
    assert [d.proposal for d in pending] == [urgent]
    services.ratify(actor=board["secretary"], meeting=meeting, decision=pending[0])
    assert not services.urgent_to_ratify(meeting).exists()
    assert list(meeting.ratified.all()) == pending


def test_from_agenda_to_closing_the_decisions_are_locked_and_the_minutes_signed(
    board, meeting, ready, signing_keys
):
    items = in_session(board, meeting, present=[board["president"], board["members"][0]])
    services.decide_item(actor=board["secretary"], item=items[0], transition="refuse")
    services.decide_rest_as_proposed(actor=board["secretary"], meeting=meeting, exceptions=set())
    outcomes = [d.outcome for d in (i.proposal.decisions.get() for i in items)]
    assert outcomes == ["refused", "granted", "granted"]
    meeting = services.close(actor=board["secretary"], meeting=meeting)
    assert meeting.status == Meeting.Status.CLOSED
    with pytest.raises(ValidationError, match="clôturée : ses décisions ne peuvent plus être modifiées"):
        services.decide_rest_as_proposed(actor=board["secretary"], meeting=meeting, exceptions=set())

    minutes = text_of(bytes(meeting.minutes))
    assert "Présents : Marc Hubert, Paul Président" in minutes and "Absents : Nina Collin" in minutes
    name = items[0].proposal.file.beneficiary.full_name
    assert name in minutes and "Refusée" in minutes and "105,00 €" in minutes
    public = text_of(bytes(meeting.public_minutes))
    assert name not in public and "Bénéficiaire A" in public

    root = load_cert_from_pemder(str(signing_keys))
    signatures = PdfFileReader(io.BytesIO(bytes(meeting.minutes))).embedded_signatures
    assert [s.field_name for s in signatures] == ["Signature_president", "Signature_secretary"]
    for signature in signatures:
        status = validate_pdf_signature(signature, ValidationContext(trust_roots=[root]))
        assert status.intact and status.valid and status.trusted, status.pretty_print_details()


def test_decide_the_rest_as_proposed_spares_the_exceptions(board, meeting, ready):
    items = in_session(board, meeting, present=[board["president"], *board["members"]])
    services.decide_rest_as_proposed(actor=board["president"], meeting=meeting, exceptions={items[2].pk})
    items[2].refresh_from_db()
    assert items[2].decision is None
    with pytest.raises(ValidationError, match="Points encore sans décision : 3"):
        services.close(actor=board["secretary"], meeting=meeting)


def test_a_member_cannot_record_decisions(board, meeting, ready):
    from django.core.exceptions import PermissionDenied

    items = in_session(board, meeting, present=[board["president"], *board["members"]])
    with pytest.raises(PermissionDenied):
        services.decide_item(actor=board["members"][0], item=items[0], transition="grant")
