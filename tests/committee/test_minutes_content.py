"""The procès-verbal states the session's opening and closing times, its quorum, the period granted by each
decision and the recusals per item; its public version prints no amount, no comment, no recusal reason and no
beneficiary's name or file reference. Both are rendered to PDF at closing and read back."""

import datetime

import pytest

from committee import recusals, services
from tests.committee.test_meeting import in_session, text_of

pytestmark = pytest.mark.django_db
NOT_CONFIGURED = {role: {"key": "", "cert": ""} for role in ("president", "secretary")}


@pytest.fixture
def closed(board, meeting, ready, settings):
    """Items 1 and 2 granted (2 with an end date), 3 refused; Marc recused on item 1, with a reason."""
    settings.MINUTES_SIGNERS = NOT_CONFIGURED
    first, second, third = in_session(board, meeting, [board["president"], *board["members"]])
    secretary = board["secretary"]
    recusals.record_recusal(
        actor=secretary, item=first, member=board["members"][0], reason="Cousin de la demandeuse"
    )
    services.decide_item(actor=secretary, item=first, transition="grant", comment="Urgence locative.")
    amendment = services.amendment_of(
        second.proposal, {"start_on": datetime.date(2026, 12, 1), "end_on": datetime.date(2027, 5, 31)}
    )
    services.decide_item(
        actor=secretary, item=second, transition="grant_amended", comment="Six mois.", amendment=amendment
    )
    services.decide_item(actor=secretary, item=third, transition="refuse", comment="Ressources suffisantes.")
    return services.close(actor=secretary, meeting=meeting)


def test_the_minutes_state_times_quorum_periods_and_recusals(closed, file):
    minutes = text_of(bytes(closed.minutes))
    assert "Séance ouverte à 09:00 et clôturée à 09:00." in minutes
    assert "Quorum : 3 membre(s) présent(s) sur 3 ; 2 requis (la majorité des membres)." in minutes
    assert "à partir du 02/11/2026" in minutes  # item 1, granted as proposed
    assert "du 01/12/2026 au 31/05/2027" in minutes  # item 2, granted with its amended period
    assert minutes.count("à partir du") == 1  # the refusal grants no period
    assert (
        "Point 1 : Marc Hubert (Cousin de la demandeuse) ne délibère pas sur ce point ; "
        "2 membre(s) sur 3 ont délibéré (2 requis)."
    ) in minutes
    assert file.beneficiary.full_name in minutes and "2026/00077" in minutes
    assert "Urgence locative." in minutes and "105,00 €" in minutes


def test_the_public_minutes_print_no_amount_comment_reason_or_name(closed, file):
    public = text_of(bytes(closed.public_minutes))
    assert "version publique" in public
    assert "Séance ouverte à 09:00 et clôturée à 09:00." in public
    assert "Quorum : 3 membre(s) présent(s) sur 3" in public
    assert "du 01/12/2026 au 31/05/2027" in public
    assert "Point 1 : Marc Hubert ne délibère pas sur ce point ; 2 membre(s) sur 3 ont délibéré" in public
    assert "Bénéficiaire A" in public
    for private in (
        "€",
        "Urgence locative.",
        "Six mois.",
        "Ressources suffisantes.",
        "Cousin de la demandeuse",
        file.beneficiary.full_name,
        "2026/00077",
    ):
        assert private not in public, private
