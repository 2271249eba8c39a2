"""On call for another antenne: find a file by its number, open it with a reason; the adviser sees it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from access.roles import Role
from tests.browser.test_accessibility import assert_accessible
from tests.factories import PersonFactory, SocialFileFactory, TeamFactory, UserFactory
from tests.login import browser_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
REASON = "Permanence : M. Martin se présente, son assistante sociale est en congé."


def test_break_glass_from_search_to_the_advisers_review(browser, live_server):
    file = SocialFileFactory(
        reference="2026/00412",
        team=TeamFactory(name="Antenne Nimy"),
        beneficiary=PersonFactory(last_name="Martin", first_names="Luc"),
    )
    UserFactory(
        username="as.garde",
        first_name="Paul",
        last_name="Garde",
        role=Role.SOCIAL_WORKER,
        teams=[TeamFactory(name="Antenne Jemappes")],
    )
    UserFactory(username="securite", role=Role.SECURITY_OFFICER)

    worker = browser.new_context(locale="fr-BE", timezone_id="Europe/Brussels").new_page()
    browser_log_in(worker, live_server.url, "as.garde")
    worker.get_by_label("Rechercher un bénéficiaire").fill(file.beneficiary.national_number)
    worker.keyboard.press("Enter")
    offer = worker.get_by_role("region", name="Dossier d'une autre équipe")
    expect(offer).to_contain_text("2026/00412")
    expect(offer).not_to_contain_text("Martin")
    offer.get_by_role("link", name="Demander un accès exceptionnel").click()
    expect(
        worker.get_by_role("heading", name="Accès exceptionnel à un dossier d'une autre équipe")
    ).to_be_visible()
    assert_accessible(worker, "accès exceptionnel")
    worker.get_by_label("Motif de l'accès").fill("urgent")
    worker.get_by_role("button", name="Ouvrir le dossier avec ce motif").click()
    expect(worker.locator(".error-summary")).to_be_visible()
    assert_accessible(worker, "motif refusé")
    expect(worker.get_by_label("Motif de l'accès")).to_have_value("urgent")
    worker.get_by_label("Motif de l'accès").fill(REASON)
    worker.get_by_role("button", name="Ouvrir le dossier avec ce motif").click()
    expect(worker.get_by_role("heading", name="MARTIN Luc")).to_be_visible()
    expect(worker.get_by_role("status").filter(has_text="Accès exceptionnel jusqu'à")).to_contain_text(REASON)
    worker.get_by_role("link", name="Mes dossiers").click()
    ongoing = worker.get_by_role("region", name="Vos accès exceptionnels en cours")
    expect(ongoing).to_contain_text("2026/00412")
    assert_accessible(worker, "mes dossiers avec un accès exceptionnel")
    worker.context.close()

    adviser = browser.new_context(locale="fr-BE", timezone_id="Europe/Brussels").new_page()
    browser_log_in(adviser, live_server.url, "securite")
    adviser.goto(live_server.url + reverse("audit:review"))
    for tab in ("Accès exceptionnels", "Impressions et exports", "Connexions échouées", "Rôles et équipes"):
        adviser.get_by_role("link", name=tab).click()
        assert_accessible(adviser, tab)
        if tab == "Accès exceptionnels":
            row = adviser.get_by_role("row").filter(has_text="2026/00412")
            expect(row).to_contain_text("Paul Garde")
            expect(row).to_contain_text(REASON)
    adviser.context.close()
