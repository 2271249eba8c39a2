"""Issue 2, point 9: a social worker finds a file, writes a visit report and sees it on the timeline;
a social worker of another team cannot open that file, not even by typing its address."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from access.roles import Role
from tests.factories import PersonFactory, SocialFileFactory, TeamFactory, UserFactory
from tests.login import browser_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def mons():
    centre, jemappes = TeamFactory(name="Antenne Mons-Centre"), TeamFactory(name="Antenne Jemappes")
    aline = UserFactory(
        username="as.centre",
        first_name="Aline",
        last_name="Dupont",
        role=Role.SOCIAL_WORKER.value,
        teams=[centre],
    )
    other = UserFactory(username="as.jemappes", role=Role.SOCIAL_WORKER.value, teams=[jemappes])
    helene = PersonFactory(last_name="Lefèvre", first_names="Hélène", search_name="lefevre helene")
    file = SocialFileFactory(team=centre, beneficiary=helene, primary_worker=aline, reference="2026/00042")
    return {"aline": aline, "other": other, "file": file}


def log_in(page, base_url, username):
    browser_log_in(page, base_url, username)
    expect(page.get_by_role("heading", name="Accueil", exact=True)).to_be_visible()


def test_a_visit_report_reaches_the_timeline_and_stays_in_the_team(page, live_server, mons):
    log_in(page, live_server.url, "as.centre")

    page.get_by_label("Rechercher un bénéficiaire").fill("lefev")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="LEFÈVRE Hélène").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("LEFÈVRE Hélène")

    page.get_by_role("navigation", name="Sections du dossier").get_by_role("link", name="Rapports").click()
    page.get_by_role("link", name="Nouvelle visite à domicile").click()
    page.get_by_label("Titre").fill("Visite du logement rue de Nimy")
    editor = page.get_by_role("textbox", name="Texte")
    editor.click()
    page.keyboard.type("Logement humide, deux enfants scolarisés.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Logement humide, deux enfants scolarisés.")).to_be_visible()

    page.get_by_role("navigation", name="Sections du dossier").get_by_role("link", name="Historique").click()
    timeline = page.locator(".timeline")
    expect(timeline).to_contain_text("Visite du logement rue de Nimy")
    expect(timeline).to_contain_text("Visite à domicile")

    page.get_by_role("button", name="Se déconnecter").click()
    log_in(page, live_server.url, "as.jemappes")
    file_url = live_server.url + reverse("files:detail", args=[mons["file"].pk])
    response = page.goto(file_url)
    assert response.status == 404
    expect(page.get_by_role("heading", name="Page introuvable")).to_be_visible()
    nonexistent = page.goto(live_server.url + reverse("files:detail", args=[mons["file"].pk + 1000]))
    assert nonexistent.status == 404
    report_list = page.goto(live_server.url + reverse("files:reports", args=[mons["file"].pk]))
    assert report_list.status == 404

    page.get_by_label("Rechercher un bénéficiaire").fill("lefev")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(re.compile("Aucun dossier accessible"))


def test_suggestions_open_a_file_without_pressing_enter(page, live_server, mons):
    log_in(page, live_server.url, "as.centre")
    page.get_by_label("Rechercher un bénéficiaire").press_sequentially("lefè", delay=50)
    suggestion = page.locator("#search-suggestions").get_by_role("option", name=re.compile("LEFÈVRE Hélène"))
    expect(suggestion).to_be_visible()
    suggestion.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("LEFÈVRE Hélène")
