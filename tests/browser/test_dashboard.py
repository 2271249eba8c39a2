"""The dashboard in a browser: reached from the top bar, accessible (axe), a figure opens its files."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_accessibility import assert_accessible
from tests.dashboards import data
from tests.login import browser_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_president_reads_the_flow_and_opens_the_late_files(browser, live_server):
    flow = data.build()
    flow.president.username = "presidente"
    flow.president.save()
    page = browser.new_context(locale="fr-BE", timezone_id="Europe/Brussels").new_page()
    browser_log_in(page, live_server.url, "presidente")
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Tableau de bord"
    ).click()
    expect(page.get_by_role("heading", name="Tableau de bord", exact=True)).to_be_visible()
    expect(
        page.get_by_role("img", name="Délai de la demande à la décision, par mois de décision")
    ).to_be_visible()
    assert_accessible(page, "tableau de bord")

    page.get_by_label("Période", exact=True).select_option("3")
    page.get_by_role("button", name="Afficher").click()
    month = f"{flow.m1[5:]}/{flow.m1[:4]}"
    page.get_by_role("link", name=f"1 décisions hors délai – {month}").click()
    expect(page.get_by_role("heading", name="Décisions prises après l'échéance légale")).to_be_visible()
    expect(page.get_by_role("row")).to_have_count(2)
    expect(page.get_by_role("row").nth(1)).to_contain_text(flow.proposals["c"].file.reference)
    assert_accessible(page, "dossiers d'un chiffre du tableau de bord")
    assert page.url.startswith(live_server.url + reverse("dashboards:files"))
