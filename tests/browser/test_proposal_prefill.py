"""In a real browser (issue 14, point 3): choosing the category fills the amount and its calculation, a typed
amount stays until "Reprendre le montant calculé", and one click inserts the latest social report's facts."""

import datetime
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from access.roles import Role
from audit.models import AuditEvent
from files import services as file_services
from files.models import AidRequest, Report
from people.models import Address
from tests.aid.catalogue import install_default_catalogue
from tests.browser.test_accessibility import assert_accessible
from tests.factories import PersonFactory, SocialFileFactory, TeamFactory, UserFactory
from tests.login import browser_log_in
from tests.workflow.conftest import ri_type
from workflow.models import Proposal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_form_fills_the_amount_and_inserts_the_report_s_facts(page, live_server):
    install_default_catalogue()  # the legal texts the letter prints, flushed by earlier transactional tests
    ri_type()
    team = TeamFactory(name="Antenne Hyon", address="place de Hyon 1, 7000 Mons", phone="065 00 00 00")
    worker = UserFactory(username="as.hyon", role=Role.SOCIAL_WORKER.value, teams=[team])
    person = PersonFactory(last_name="Lemaire", first_names="Jeanne")
    Address.objects.create(
        person=person,
        street="rue d'Havré",
        number="3",
        postal_code="7000",
        city="Mons",
        valid_from="2020-01-01",
    )
    file = SocialFileFactory(team=team, beneficiary=person, primary_worker=worker)
    file_services.add_request(
        actor=worker, file=file, aid=AidRequest.Aid.RI, channel="desk", requested_on=datetime.date(2026, 3, 2)
    )
    for day, body in (
        (datetime.date(2026, 1, 5), "<p>Ancienne enquête.</p>"),
        (datetime.date(2026, 3, 3), "<h3>Situation familiale</h3><p>Madame vit seule depuis janvier.</p>"),
    ):
        file_services.write_report(
            actor=worker,
            file=file,
            kind=Report.Kind.SOCIAL_REPORT,
            title="Rapport",
            body=body,
            written_on=day,
        )
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    browser_log_in(page, live_server.url, "as.hyon")
    page.goto(f"{live_server.url}/dossiers/{file.pk}/demandes/")
    page.get_by_role("link", name="Rédiger la proposition").click()

    amount, calculation = page.get_by_label("Montant (EUR)"), page.get_by_label("Calcul du montant")
    page.get_by_label("Catégorie").select_option(label="Revenu d'intégration – isolé")
    expect(amount).to_have_value("1340,49")
    expect(calculation).to_have_value(re.compile("1.340,49"))
    page.get_by_label("Catégorie").select_option(label="Revenu d'intégration – cohabitant")
    expect(amount).to_have_value("893,66")  # filled by the page: it follows the category

    amount.fill("900,00")  # typed: it stays, the computed amount is shown beside it
    page.get_by_label("Catégorie").select_option(label="Revenu d'intégration – isolé")
    take_back = page.get_by_role("button", name="Reprendre le montant calculé")
    expect(take_back).to_be_visible()
    expect(amount).to_have_value("900,00")
    assert_accessible(page, "formulaire de proposition")
    take_back.click()
    expect(amount).to_have_value("1340,49")
    expect(page.locator("#notification-preview")).to_contain_text("Montant : 1.340,49 €")

    facts = page.get_by_label("Motivation en fait")
    facts.fill("Demande au guichet.")
    page.get_by_role("button", name="Insérer les faits du dernier rapport social (du 03/03/2026)").click()
    expect(facts).to_have_value(
        "Demande au guichet.\n\nSituation familiale : Madame vit seule depuis janvier."
    )
    expect(page.locator("#notification-preview")).to_contain_text("Madame vit seule depuis janvier")
    assert not [e for e in errors if "Content Security Policy" in e], errors
    assert AuditEvent.objects.filter(
        verb="view", target_type="files.report", detail__section="reports"
    ).exists()

    page.get_by_role("button", name="Enregistrer la proposition").click()
    expect(page.get_by_role("heading", name=re.compile("Proposition de décision"))).to_be_visible()
    saved = Proposal.objects.get(file=file)
    assert saved.amount == Decimal("1340.49") and "Madame vit seule" in saved.motivation_facts
