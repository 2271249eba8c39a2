"""The meeting screens: who sees them, the convocation without names, the session page, deciding by POST."""

import datetime
import re
from decimal import Decimal
from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from access.roles import Role
from audit.models import AuditEvent
from committee import services
from committee.models import Meeting
from tests.factories import UserFactory
from tests.files.conftest import client_for
from tests.meetings import hold
from tests.printouts.conftest import pdf_pages
from tests.workflow.steps.conftest import make_proposal
from workflow import services as workflow
from workflow.declaration import State
from workflow.models import Proposal

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return unescape(response.content.decode())


def test_members_see_the_calendar_and_social_workers_do_not(board, meeting, worker):
    page = client_for(board["members"][0]).get(reverse("committee:calendar"))
    assert page.status_code == 200 and "Salle du conseil" in text(page)
    assert "Prévoir une séance" not in text(page)
    assert client_for(worker).get(reverse("committee:calendar")).status_code == 403
    assert client_for(worker).get(reverse("committee:meeting", args=[meeting.pk])).status_code == 403


def test_the_secretary_plans_a_meeting_with_a_french_message_for_a_bad_date(board):
    client = client_for(board["secretary"])
    url = reverse("committee:calendar")
    bad = client.post(url, {"body": board["body"].pk, "starts_at": "demain", "place": "Salle"})
    assert "Date non valable" in text(bad)
    client.post(url, {"body": board["body"].pk, "starts_at": "2027-01-14T14:00", "place": "Salle B"})
    assert Meeting.objects.get().place == "Salle B"
    impossible = client.post(
        url, {"body": board["body"].pk, "starts_at": "31/02/2027 14:00", "place": "Salle"}
    )
    assert "Le 31/02/2027 n'existe pas : vérifiez le jour et le mois." in text(impossible)


def test_the_meeting_date_is_typed_the_french_way_not_in_the_browsers_locale(board):
    """A datetime-local picker showed mm/dd/yyyy in an English browser (issue 14): the date is typed as
    every other date of the project, dd/mm/yyyy."""
    client = client_for(board["secretary"])
    url = reverse("committee:calendar")
    field = BeautifulSoup(client.get(url).content, "html.parser").find(id="id_starts_at")
    assert (field["type"], field["placeholder"]) == ("text", "jj/mm/aaaa hh:mm")
    client.post(url, {"body": board["body"].pk, "starts_at": "14/01/2027 14:00", "place": "Salle B"})
    starts = timezone.localtime(Meeting.objects.get().starts_at)
    assert (starts.date(), starts.hour) == (datetime.date(2027, 1, 14), 14)
    page = BeautifulSoup(
        client.post(url, {"body": "", "starts_at": "14/01/2027 14:00"}).content, "html.parser"
    )
    assert page.find(id="id_starts_at")["value"] == "14/01/2027 14:00"


def test_composing_then_the_convocation_lists_references_never_names(board, meeting, ready, file):
    client = client_for(board["secretary"])
    client.post(reverse("committee:compose", args=[meeting.pk]))
    assert meeting.items.count() == 3
    text = " ".join(pdf_pages(client.get(reverse("committee:convocation", args=[meeting.pk]))))
    assert "Ordre du jour" in text and "2026/00077" in text and "Aide financière test" in text
    assert file.beneficiary.last_name not in text
    assert "Copie imprimée par Sam Secrétaire" in text


def test_a_member_reads_an_item_with_its_notification_and_the_read_is_audited(board, meeting, ready, file):
    services.compose_agenda(actor=board["secretary"], meeting=meeting)
    services.freeze(actor=board["secretary"], meeting=meeting)  # opens the files to members
    member = board["members"][0]
    page = client_for(member).get(reverse("committee:item", args=[meeting.pk, 2]))
    html = text(page)
    assert "Point 2" in html and file.beneficiary.full_name in html
    assert "tribunal du travail" in html and "Rue de Nimy 12, 7000 Mons" in html
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert 'data-key="o"' not in html  # a member reads; the secretary and the president record
    assert AuditEvent.objects.filter(user=member, verb="view", file_id=file.pk).exists()


def test_deciding_without_quorum_is_refused_with_a_french_message(board, meeting, ready):
    services.compose_agenda(actor=board["secretary"], meeting=meeting)
    services.freeze(actor=board["secretary"], meeting=meeting)
    services.open_session(actor=board["secretary"], meeting=meeting)
    client = client_for(board["secretary"])
    page = client.post(
        reverse("committee:item", args=[meeting.pk, 1]), {"transition": "grant", "comment": ""}, follow=True
    )
    assert "Le quorum n'est pas atteint (0 présents sur 3 membres)" in text(page)
    client.post(
        reverse("committee:attendance", args=[meeting.pk]),
        {"present": [board["president"].pk, board["members"][0].pk]},
    )
    page = client.post(reverse("committee:item", args=[meeting.pk, 1]), {"transition": "grant"}, follow=True)
    assert "Point 1 décidé." in text(page)
    assert meeting.items.get(number=1).decision.outcome == "granted"


def test_closing_by_the_page_gives_the_minutes_and_an_extract(board, meeting, ready, file):
    services.compose_agenda(actor=board["secretary"], meeting=meeting)
    services.freeze(actor=board["secretary"], meeting=meeting)
    services.open_session(actor=board["secretary"], meeting=meeting)
    president = client_for(board["president"])
    president.post(
        reverse("committee:attendance", args=[meeting.pk]), {"present": [board["president"].pk] * 1}
    )
    president.post(
        reverse("committee:attendance", args=[meeting.pk]),
        {"present": [board["president"].pk, *[m.pk for m in board["members"]]]},
    )
    first = meeting.items.get(number=1)
    president.post(reverse("committee:decide_rest", args=[meeting.pk]), {"except": [first.pk]})
    refused = president.post(reverse("committee:close", args=[meeting.pk]), follow=True)
    assert "Points encore sans décision : 1." in text(refused)
    president.post(reverse("committee:item", args=[meeting.pk, 1]), {"transition": "refuse"})
    president.post(reverse("committee:close", args=[meeting.pk]))
    late = president.post(
        reverse("committee:item", args=[meeting.pk, 1]), {"transition": "grant"}, follow=True
    )
    assert "clôturée" in text(late)
    minutes = " ".join(pdf_pages(president.get(reverse("committee:minutes", args=[meeting.pk]))))
    assert "Procès-verbal" in minutes and file.beneficiary.full_name in minutes
    extract = " ".join(pdf_pages(president.get(reverse("committee:extract", args=[meeting.pk, 1]))))
    assert "Extrait du procès-verbal" in extract and "Refusée" in extract


def test_only_the_secretary_builds_the_agenda(board, meeting, ready):
    member = UserFactory(role=Role.COMMITTEE_MEMBER)
    assert client_for(member).post(reverse("committee:compose", args=[meeting.pk])).status_code == 403
    assert meeting.items.count() == 0


def test_an_amendment_typed_in_session_changes_the_notification(board, meeting, ready):
    services.compose_agenda(actor=board["secretary"], meeting=meeting)
    hold(meeting, present=board["members"])
    client = client_for(board["president"])
    url = reverse("committee:item", args=[meeting.pk, 1])
    form = {"transition": "grant_amended", "comment": "Montant revu en séance", "amount": "1.250,00"}
    form.update(computation="1.250,00 € une fois", start_on="02/11/2026")
    client.post(url, form)
    proposal = meeting.items.get(number=1).proposal
    proposal.refresh_from_db()
    assert proposal.amount == 1250 and proposal.decisions.get().outcome == "amended"
    assert "1.250,00 €" in text(client.get(url))


def test_the_presidents_urgent_decision_is_listed_and_ratified_in_session(
    board, meeting, ready, file, request_, worker, aid_type
):
    from tests.workflow.steps.conftest import make_proposal
    from workflow import services as workflow
    from workflow.declaration import State

    urgent = make_proposal(file, request_, worker, aid_type, state=State.VALIDATED)
    workflow.take(
        actor=board["president"],
        proposal=urgent,
        transition="urgent_grant",
        expected_version=1,
        comment="Urgence",
    )
    services.compose_agenda(actor=board["secretary"], meeting=meeting)
    hold(meeting, present=board["members"])
    client = client_for(board["secretary"])
    page = text(client.get(reverse("committee:meeting", args=[meeting.pk])))
    assert "Décisions urgentes du président à ratifier" in page
    decision = urgent.decisions.get()
    done = client.post(reverse("committee:ratify", args=[meeting.pk, decision.pk]), follow=True)
    assert "Décision urgente ratifiée." in text(done)
    decision.refresh_from_db()
    assert decision.ratified_on is not None and meeting.ratified.filter(pk=decision.pk).exists()


def test_the_amendment_form_shows_the_amount_it_holds_and_an_emptied_amount_grants_nothing(
    board, meeting, ready
):
    proposal = ready[0]
    Proposal.objects.filter(pk=proposal.pk).update(amount=Decimal("1314.20"))
    services.compose_agenda(actor=board["secretary"], meeting=meeting)
    hold(meeting)
    number = meeting.items.get(proposal=proposal).number
    client = client_for(board["president"])
    url = reverse("committee:item", args=[meeting.pk, number])
    html = text(client.get(url))
    field = re.search(r"<input[^>]*name=\"amount\"[^>]*>", html).group(0)
    assert 'type="text"' in field and 'inputmode="decimal"' in field and 'value="1314,20"' in field

    form = {"transition": "grant_amended", "comment": "Période revue", "amount": "", "start_on": "02/11/2026"}
    page = text(client.post(url, form))
    assert "se paie : indiquez le montant octroyé" in page
    assert 'value="02/11/2026"' in page  # what was typed is kept
    proposal.refresh_from_db()
    assert proposal.amount == Decimal("1314.20") and proposal.state == State.ON_AGENDA
    assert not proposal.decisions.exists()


def test_a_grant_without_an_amount_is_refused_even_in_urgency(board, file, request_, worker, aid_type):
    proposal = make_proposal(file, request_, worker, aid_type, state=State.VALIDATED, amount=None)
    with pytest.raises(ValidationError, match="« Aide financière test » se paie : indiquez le montant"):
        workflow.take(
            actor=board["president"],
            proposal=proposal,
            transition="urgent_grant",
            expected_version=proposal.version,
            comment="Urgence",
        )
    proposal.refresh_from_db()
    assert proposal.state == State.VALIDATED and not proposal.decisions.exists()
