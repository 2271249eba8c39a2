"""Déport (recusal): a member with a personal interest in an item is recorded on it and does not deliberate on
it. Every path refuses them the item's decision, and the item's quorum is counted without them: the meeting
page, the item page, committee.services and a direct workflow.services.take(meeting=...)."""

import re

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from access.roles import Role
from audit.models import AuditEvent
from committee import recusals, services
from committee.models import Recusal
from tests.committee.test_meeting import in_session
from tests.factories import UserFactory
from tests.files.conftest import client_for, page_text
from workflow import services as workflow

pytestmark = pytest.mark.django_db
NO_QUORUM = "Le quorum n'est pas atteint pour ce point"
RECUSED = "Un déport est enregistré pour vous sur le point 1"


def take(actor, proposal, meeting, transition="grant"):
    proposal.refresh_from_db()
    return workflow.take(
        actor=actor,
        proposal=proposal,
        transition=transition,
        expected_version=proposal.version,
        comment="Direct.",
        meeting=meeting,
    )


def item_url(meeting, number=1):
    return reverse("committee:item", args=[meeting.pk, number])


def test_the_secretary_records_a_recusal_shown_on_the_item_and_the_agenda(board, meeting, ready, file):
    first, *_ = in_session(board, meeting, [board["president"], *board["members"]])
    marc = board["members"][0]
    secretary = client_for(board["secretary"])
    response = secretary.post(
        reverse("committee:recusal", args=[meeting.pk, 1]),
        {"member": marc.pk, "reason": "Beau-frère du demandeur"},
        follow=True,
    )
    assert "Déport de Marc Hubert enregistré sur le point 1." in page_text(response)
    recusal = Recusal.objects.get(item=first)
    assert (recusal.member, recusal.recorded_by, recusal.reason) == (
        marc,
        board["secretary"],
        "Beau-frère du demandeur",
    )
    page = page_text(secretary.get(item_url(meeting)))
    assert (
        "Marc Hubert ne délibère pas sur ce point (Beau-frère du demandeur) – enregistré par Sam Secrétaire"
        in page
    )
    assert "2 membre(s) délibère(nt) sur 3 – quorum atteint pour ce point" in page
    agenda = page_text(secretary.get(reverse("committee:meeting", args=[meeting.pk])))
    assert "Déport : Marc Hubert" in agenda
    assert AuditEvent.objects.filter(target_type="committee.recusal", target_id=str(recusal.pk)).exists()
    # The recused member sees the recusal, neither the file nor the decision controls.
    own = page_text(client_for(marc).get(item_url(meeting)))
    assert "Un déport est enregistré pour vous sur ce point" in own
    assert file.beneficiary.full_name not in own and "Motivation en fait" not in own
    assert "Enregistrer le déport" not in own  # already recorded: nobody left for them to declare


def test_a_member_declares_only_their_own_recusal(board, meeting, ready):
    in_session(board, meeting, [board["president"], *board["members"]])
    marc, nina = board["members"]
    client = client_for(nina)
    page = page_text(client.get(item_url(meeting)))
    assert "Enregistrer le déport" in page
    response = client.post(
        reverse("committee:recusal", args=[meeting.pk, 1]), {"member": marc.pk}, follow=True
    )
    assert "Choisissez le membre qui se déporte parmi ceux proposés." in page_text(response)
    with pytest.raises(PermissionDenied):
        recusals.record_recusal(actor=nina, item=meeting.items.get(number=1), member=marc)
    client.post(reverse("committee:recusal", args=[meeting.pk, 1]), {"member": nina.pk})
    assert list(Recusal.objects.values_list("member", "recorded_by")) == [(nina.pk, nina.pk)]
    outsider = UserFactory(role=Role.COMMITTEE_MEMBER)
    with pytest.raises(ValidationError, match="Seuls les membres de l'organe"):
        recusals.record_recusal(actor=board["secretary"], item=meeting.items.get(number=1), member=outsider)
    with pytest.raises(ValidationError, match="déjà enregistré"):
        recusals.record_recusal(actor=board["secretary"], item=meeting.items.get(number=1), member=nina)


def test_the_item_quorum_is_counted_without_the_recused_member_on_every_path(board, meeting, ready):
    president, (marc, nina) = board["president"], board["members"]
    first, second, _third = in_session(board, meeting, [president, marc])  # 2 of 3: the meeting's quorum
    secretary = board["secretary"]
    recusals.record_recusal(actor=secretary, item=first, member=marc, reason="Voisin")
    message = "Point 1 : sans les membres déportés, 1 membre(s) délibère(nt) sur 3 ; il en faut 2."
    with pytest.raises(ValidationError, match=re.escape(message)):
        services.decide_item(actor=secretary, item=first, transition="grant")
    with pytest.raises(ValidationError, match=NO_QUORUM):
        take(secretary, first.proposal, meeting)
    with pytest.raises(ValidationError, match=NO_QUORUM):
        services.decide_rest_as_proposed(actor=secretary, meeting=meeting, exceptions=set())
    client = client_for(secretary)
    page = page_text(client.get(item_url(meeting)))
    assert "quorum non atteint pour ce point : il ne peut pas être décidé" in page
    response = client.post(item_url(meeting), {"transition": "grant"}, follow=True)
    assert message in page_text(response)
    response = client.post(reverse("committee:decide_rest", args=[meeting.pk]), follow=True)
    assert NO_QUORUM in page_text(response)
    first.refresh_from_db()
    assert first.decision is None and not first.proposal.decisions.exists()
    # The other items keep the meeting's quorum; with Nina present, item 1 can be decided too.
    services.decide_item(actor=secretary, item=second, transition="grant")
    services.set_attendance(actor=secretary, meeting=meeting, present=[president, marc, nina])
    services.decide_item(actor=secretary, item=first, transition="grant")
    first.refresh_from_db()
    assert first.decision is not None


def test_a_recused_president_records_nothing_on_the_item(board, meeting, ready):
    president = board["president"]
    first, second, _third = in_session(board, meeting, [president, *board["members"]])
    recusals.record_recusal(actor=president, item=first, member=president)
    with pytest.raises(ValidationError, match=RECUSED):
        services.decide_item(actor=president, item=first, transition="grant")
    with pytest.raises(ValidationError, match=RECUSED):
        take(president, first.proposal, meeting, "refuse")
    client = client_for(president)
    page = page_text(client.get(item_url(meeting)))
    assert "Octroyer" not in page and "Un déport est enregistré pour vous sur ce point" in page
    response = client.post(item_url(meeting), {"transition": "grant"}, follow=True)
    assert RECUSED in page_text(response)
    assert not first.proposal.decisions.exists()
    # On the other items the president records as before, and the secretary records item 1.
    services.decide_item(actor=president, item=second, transition="grant")
    services.decide_item(actor=board["secretary"], item=first, transition="grant")


def test_no_recusal_after_the_decision_or_the_closing(board, meeting, ready, settings):
    settings.MINUTES_SIGNERS = {role: {"key": "", "cert": ""} for role in ("president", "secretary")}
    first, *_ = in_session(board, meeting, [board["president"], *board["members"]])
    secretary, marc = board["secretary"], board["members"][0]
    services.decide_item(actor=secretary, item=first, transition="grant")
    with pytest.raises(ValidationError, match="déjà décidé"):
        recusals.record_recusal(actor=secretary, item=first, member=marc)
    services.decide_rest_as_proposed(actor=secretary, meeting=meeting, exceptions=set())
    services.close(actor=secretary, meeting=meeting)
    with pytest.raises(ValidationError, match="clôturée"):
        recusals.record_recusal(actor=secretary, item=meeting.items.get(number=2), member=marc)
    assert "Enregistrer le déport" not in page_text(client_for(secretary).get(item_url(meeting, 2)))


def test_the_admin_cannot_remove_a_recusal():
    """A recusal is part of the meeting's record: no admin page adds, changes or deletes one."""
    assert Recusal not in admin.site._registry
