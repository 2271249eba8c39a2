"""The amount is computed from the file's resources, not typed: the form and its preview are prefilled, an
override needs a stated reason that the head of service sees, and a 2026 letter never uses a 2025 rate."""

import datetime
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from people.models import Resource
from tests.files.conftest import client_for, page_text
from tests.workflow.conftest import RI_LEGAL_BASIS, complete_data
from tests.workflow.test_proposal import create_url, preview_url, submit, typed_in, url
from workflow import notification, proposals
from workflow.models import Proposal

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def salary(file):
    """The beneficiary earns 500 € a month: 1.340,49 − (500 − 20,83 general exemption) = 861,32 € due."""
    return Resource.objects.create(
        person=file.beneficiary,
        kind="salary",
        monthly_amount=Decimal("500.00"),
        since=D(2026, 1, 1),
        source="bcss",
    )


def posted(ri, isole, **overrides) -> dict:
    data = {
        "aid_type": ri.pk,
        "category": isole.pk,
        "granted": "True",
        "amount": "",
        "start_on": "02/03/2026",
        "end_on": "31/03/2026",
        "periodicity": "monthly",
        "first_payment_on": "05/03/2026",
        "motivation_facts": "Texte que l'assistante a mis dix minutes à écrire.",
        "motivation_law": RI_LEGAL_BASIS,
        "heard_informed_on": "02/03/2026",
    }
    return data | overrides


def test_the_preview_shows_the_computed_amount_once_the_category_and_period_are_chosen(
    worker, ri_request, ri, isole, salary
):
    response = client_for(worker).post(preview_url(ri_request), posted(ri, isole), HTTP_HX_REQUEST="true")
    text = page_text(response)
    assert "Montant calculé pour cette période : 861,32 €." in text
    assert "Montant : 861,32 € par mois" in text  # the letter already states it
    assert "Salaire (la personne) : 500,00 €." in text
    assert "Exonération générale (AR, art. 22, § 2) : − 20,83 €." in text


def test_saving_without_an_amount_stores_the_computed_amount_and_its_calculation(
    worker, ri_request, ri, isole, salary
):
    response = client_for(worker).post(create_url(ri_request), posted(ri, isole))
    assert response.status_code == 302
    proposal = Proposal.objects.get(request=ri_request)
    assert proposal.amount == proposal.computed_amount == Decimal("861.32")
    assert "Montant dû : 1.340,49 € − 479,17 € = 861,32 € par mois." in proposal.computation
    assert proposal.amount_override_reason == ""


def test_an_override_without_a_reason_is_refused_in_french_and_nothing_typed_is_lost(
    worker, ri_request, ri, isole, salary
):
    response = client_for(worker).post(create_url(ri_request), posted(ri, isole, amount="900,00"))
    assert response.status_code == 200
    assert (
        "Le montant proposé (900,00 €) diffère du montant calculé (861,32 €) : indiquez le motif de la "
        "dérogation, ou videz le montant pour reprendre le montant calculé."
    ) in page_text(response)
    assert not Proposal.objects.exists()
    assert typed_in(response, "amount") == "900,00"
    assert typed_in(response, "motivation_facts") == "Texte que l'assistante a mis dix minutes à écrire."


def test_the_service_refuses_an_override_without_a_reason_whoever_calls_it(
    worker, ri_request, ri, isole, salary
):
    with pytest.raises(Exception, match="motif de la dérogation"):
        proposals.create_proposal(
            actor=worker, request=ri_request, data=complete_data(ri, isole, amount=Decimal("1340.49"))
        )


def test_the_head_sees_the_override_and_its_reason_before_validating(
    worker, head, ri_request, ri, isole, salary
):
    reason = "Le salaire de mars n'est pas encore versé : fiche de paie attendue."
    client_for(worker).post(
        create_url(ri_request), posted(ri, isole, amount="900,00", amount_override_reason=reason)
    )
    proposal = Proposal.objects.get(request=ri_request)
    assert (proposal.amount, proposal.computed_amount) == (Decimal("900.00"), Decimal("861.32"))
    submit(proposal)
    page = client_for(head).get(url("detail", proposal))
    override = BeautifulSoup(page.content, "html.parser").select_one("dd.override").get_text(" ", strip=True)
    assert "900,00 € au lieu de 861,32 €" in override and reason in override


def test_a_letter_for_a_2026_period_never_uses_a_2025_rate(worker, ri_request, ri, isole):
    proposal = proposals.create_proposal(
        actor=worker,
        request=ri_request,
        data=complete_data(
            ri, isole, amount=None, computation="", start_on=D(2026, 3, 2), end_on=D(2026, 12, 31)
        ),
    )
    text = " ".join(
        BeautifulSoup(notification.render_notification(proposal), "html.parser").get_text(" ").split()
    )
    assert proposal.amount == Decimal("1340.49")
    assert "1.314,20" not in text and "Montant : 1.340,49 € par mois" in text


def test_a_period_straddling_the_indexation_is_split_by_day(worker, ri_request, ri, isole):
    proposal = proposals.create_proposal(
        actor=worker,
        request=ri_request,
        data=complete_data(
            ri, isole, amount=None, computation="", start_on=D(2026, 2, 15), end_on=D(2026, 3, 31)
        ),
    )
    assert proposal.amount == Decimal("1340.49")  # the rate the period ends at
    assert "Février 2026 : 1.314,20 € × 14/28 jours = 657,10 €." in proposal.computation
    assert "Mars 2026 : 1.340,49 € (mois complet)." in proposal.computation


def test_the_amount_block_states_period_periodicity_first_payment_and_account(proposal):
    proposal.periodicity = "fortnightly"
    text = " ".join(
        BeautifulSoup(notification.render_notification(proposal), "html.parser").get_text(" ").split()
    )
    assert "Montant : 1.340,49 € par mois (périodicité : par quinzaine), à partir du 02/03/2026." in text
    assert (
        "Premier paiement le 05/03/2026, par virement sur le compte BE71 0961 2345 6769 "
        "au nom de Marie Dubois." in text
    )


def test_a_granted_monthly_aid_without_first_payment_or_account_lacks_those_mentions(proposal):
    proposal.first_payment_on = None
    proposal.file.beneficiary.bank_accounts.all().delete()
    missing = notification.build(proposal).missing
    assert "la date du premier paiement" in missing
    assert "le compte de paiement de la personne (IBAN)" in missing


def test_the_computed_amount_is_shown_beside_the_amount_field_while_typing(
    worker, ri_request, ri, isole, salary
):
    response = client_for(worker).post(preview_url(ri_request), posted(ri, isole), HTTP_HX_REQUEST="true")
    hint = BeautifulSoup(response.content, "html.parser").select_one("#computed-amount[hx-swap-oob]")
    assert "Montant calculé : 861,32 €." in hint.get_text(" ", strip=True)
    page = client_for(worker).get(create_url(ri_request))
    assert BeautifulSoup(page.content, "html.parser").select_one("form #computed-amount") is not None
