"""The notification generated from a proposal states every mention the law requires (charte de l'assuré
social, art. 14): without them the appeal deadline does not start."""

import datetime

import pytest
from bs4 import BeautifulSoup

from people.models import Address
from tests.workflow.conftest import complete_data
from workflow import notification, proposals

pytestmark = pytest.mark.django_db


def text_of(html) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ", strip=True).split())


def test_the_letter_states_every_mandatory_mention(proposal):
    text = text_of(notification.render_notification(proposal))
    for mention in [
        "Revenu d'intégration",
        "catégorie « isolé »",  # for the revenu d'intégration, the category
        "1.340,49 €",
        "périodicité : mensuelle",
        "Taux isolé : 1.340,49 € par mois.",  # how it was computed
        "à partir du 02/03/2026",
        "Rechercher activement un emploi.",  # conditions
        "projet individualisé d'intégration sociale (PIIS)",
        "ne dispose pas de ressources suffisantes",  # reasons in fact
        "Loi du 26 mai 2002",  # reasons in law
        "tribunal du travail de votre domicile",
        "dans les 3 mois de sa notification",
        "requête écrite",
        "greffe du tribunal du travail",
        "Article 728 du Code judiciaire",
        "comparaître en personne ou par avocat",
        "Article 1017, alinéas 1er et 2, du Code judiciaire",
        "demande téméraire ou vexatoire",
        "Le recours n'est pas suspensif",
        "2026/00042",  # the file reference
        "Amélie Lambert",  # the social worker to contact
        "Antenne Mons-Centre, rue de la Biche 13, 7000 Mons",  # the service and its address
        "065 41 23 00",
        "Par lettre du 02/03/2026",  # informed of the right to be heard (words by sex)
    ]:
        assert mention in text, mention
    assert "informé(e)" not in text and "entendu(e)" not in text


def test_a_complete_proposal_lacks_no_mention(proposal):
    assert notification.build(proposal).missing == []


def test_an_address_no_court_serves_is_reported_as_a_missing_mention(proposal):
    Address.objects.filter(person=proposal.file.beneficiary).update(postal_code="1000", city="Bruxelles")
    missing = notification.build(proposal).missing
    assert len(missing) == 1
    assert missing[0].startswith("le tribunal du travail compétent : Aucune division du tribunal du travail")
    assert "1000 Bruxelles" in missing[0]


def test_a_mons_address_names_the_mons_labour_court_with_its_address(proposal):
    Address.objects.filter(person=proposal.file.beneficiary).update(street="rue des Capucins", number="5")
    text = text_of(notification.render_notification(proposal, today=datetime.date(2026, 3, 10)))
    assert "Tribunal du travail du Hainaut" in text
    assert "Nimy 70" in text
    assert "7000 Mons" in text


def test_what_the_letter_still_lacks_is_listed_for_the_social_worker(worker, ri_request, ri):
    draft = proposals.create_proposal(
        actor=worker,
        request=ri_request,
        data=complete_data(ri, None, amount=None, motivation_law="", heard_informed_on=None),
    )
    missing = notification.build(draft).missing
    assert "la catégorie (revenu d'intégration)" in missing
    assert "la motivation en droit" in missing
    assert "le montant" in missing
    assert "la date où la personne a été informée de son droit d'être entendue" in missing


def test_a_refusal_says_so_and_keeps_the_appeal_mentions(worker, ri_request, ri, isole):
    refusal = proposals.create_proposal(
        actor=worker,
        request=ri_request,
        data=complete_data(ri, isole, granted=False, amount=None, computation="", piis=False),
    )
    text = text_of(notification.render_notification(refusal))
    assert "de refuser l'aide demandée : Revenu d'intégration, catégorie « isolé »" in text
    assert "Aucun projet individualisé d'intégration sociale (PIIS)" in text
    assert "Le recours n'est pas suspensif" in text


def test_what_the_worker_typed_is_printed_as_text_never_as_markup(worker, ri_request, ri, isole):
    typed = proposals.create_proposal(
        actor=worker,
        request=ri_request,
        data=complete_data(ri, isole, motivation_facts="<script>alert(1)</script> Loyer < revenus"),
    )
    html = notification.render_notification(typed)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
