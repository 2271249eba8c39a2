"""In a real browser: the notification follows what the social worker types (HTMX, strict CSP), then saves."""

import datetime
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from access.roles import Role
from files import services as file_services
from files.models import AidRequest
from people.models import Address
from tests.aid.catalogue import install_default_catalogue
from tests.factories import PersonFactory, SocialFileFactory, TeamFactory, UserFactory
from tests.login import browser_log_in
from tests.workflow.conftest import ri_type
from workflow.models import Proposal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_letter_follows_the_typing_and_the_proposal_is_saved(page, live_server):
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
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    browser_log_in(page, live_server.url, "as.hyon")
    page.goto(f"{live_server.url}/dossiers/{file.pk}/demandes/")
    page.get_by_role("link", name="Rédiger la proposition").click()

    preview = page.locator("#notification-preview")
    expect(preview).to_contain_text("Article 728 du Code judiciaire")
    page.get_by_label("Catégorie").select_option(label="Revenu d'intégration – isolé")
    page.get_by_label("Montant (EUR)").fill("1340,49")
    expect(preview).to_contain_text("Montant : 1.340,49 €")
    expect(preview).to_contain_text("catégorie « isolé »")
    page.get_by_label("Motivation en fait").fill("Madame vit seule et n'a aucun revenu depuis février.")
    expect(preview).to_contain_text("n'a aucun revenu depuis février")
    assert not [e for e in errors if "Content Security Policy" in e], errors

    page.get_by_role("button", name="Enregistrer la proposition").click()
    expect(page.get_by_role("heading", name=re.compile("Proposition de décision"))).to_be_visible()
    saved = Proposal.objects.get(file=file)
    assert saved.amount == Decimal("1340.49") and saved.category.code == "isole"
