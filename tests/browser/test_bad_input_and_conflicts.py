"""Issue 2, point 8 in a real browser: a wrong national number is explained beside the field without losing
what was typed, and two colleagues editing the same identity cannot overwrite each other."""

import datetime
import random
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from access.roles import Role
from files.models import SocialFile
from people import synthetic
from people.models import Person
from tests.factories import PersonFactory, SocialFileFactory, TeamFactory, UserFactory
from tests.login import browser_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base_url, username):
    browser_log_in(page, base_url, username)
    expect(page.get_by_role("heading", name="Accueil", exact=True)).to_be_visible()


def test_a_wrong_national_number_is_explained_and_nothing_typed_is_lost(page, live_server):
    team = TeamFactory(name="Antenne Cuesmes")
    UserFactory(username="as.cuesmes", role=Role.SOCIAL_WORKER.value, teams=[team])
    niss = synthetic.national_number(datetime.date(2004, 2, 29), "F", random.Random(7))
    wrong = niss[:-1] + str((int(niss[-1]) + 1) % 10)
    log_in(page, live_server.url, "as.cuesmes")

    page.get_by_role("link", name="Nouveau dossier").first.click()
    page.get_by_label(re.compile(r"^Nom\b")).fill("Nkulu-Mbaya")
    page.get_by_label("Prénoms").fill("Grâce")
    page.get_by_label("Numéro national (NISS ou BIS)").fill(wrong)
    page.get_by_label("Rue").fill("Rue de Bertaimont")
    page.get_by_label(re.compile(r"^Numéro\s*\*?$")).fill("12")
    page.get_by_label("Code postal").fill("7000")
    page.get_by_label("Commune").fill("Mons")
    page.get_by_label("Aide demandée").select_option(label="Revenu d'intégration")
    page.get_by_role("button", name="Ouvrir le dossier").click()

    beside = page.locator("#id_national_number_error")
    expect(beside).to_contain_text("chiffres de contrôle")
    expect(page.get_by_label("Numéro national (NISS ou BIS)")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label(re.compile(r"^Nom\b"))).to_have_value("Nkulu-Mbaya")
    expect(page.get_by_label("Rue")).to_have_value("Rue de Bertaimont")
    assert not Person.objects.filter(last_name="Nkulu-Mbaya").exists()

    page.get_by_label("Numéro national (NISS ou BIS)").fill(
        f"{niss[:2]}.{niss[2:4]}.{niss[4:6]}-{niss[6:9]}.{niss[9:]}"
    )
    page.get_by_role("button", name="Ouvrir le dossier").click()
    expect(page.get_by_role("status")).to_contain_text("est ouvert")
    person = Person.objects.get(last_name="Nkulu-Mbaya")
    assert person.birth_date == datetime.date(2004, 2, 29)
    assert person.sex == "F"
    assert SocialFile.objects.filter(beneficiary=person, team=team).exists()


def test_the_second_of_two_colleagues_saving_is_told_and_nothing_is_overwritten(browser, live_server):
    team = TeamFactory(name="Antenne Nimy")
    UserFactory(
        username="as.nimy",
        first_name="Karim",
        last_name="Benali",
        role=Role.SOCIAL_WORKER.value,
        teams=[team],
    )
    UserFactory(username="as.nimy2", role=Role.SOCIAL_WORKER.value, teams=[team])
    file = SocialFileFactory(
        team=team, beneficiary=PersonFactory(last_name="Renard", phone="+32 470 11 22 33")
    )
    edit_url = live_server.url + reverse("people:identity_edit", args=[file.pk])
    pages = []
    for username in ("as.nimy", "as.nimy2"):
        page = browser.new_context(locale="fr-BE").new_page()
        log_in(page, live_server.url, username)
        page.goto(edit_url)
        pages.append(page)
    first, second = pages

    first.get_by_label("Téléphone").fill("+32 470 99 88 77")
    first.get_by_role("button", name="Enregistrer").click()
    expect(first.get_by_role("status")).to_be_visible()

    second.get_by_label("Téléphone").fill("+32 465 00 00 01")
    second.get_by_role("button", name="Enregistrer").click()
    expect(second.locator("#conflit")).to_contain_text("Karim Benali a modifié cette fiche")
    expect(second.get_by_label("Téléphone")).to_have_value("+32 465 00 00 01")
    assert Person.objects.get(pk=file.beneficiary_id).phone == "+32 470 99 88 77"

    second.get_by_role("button", name="Enregistrer").click()
    expect(second.get_by_role("status")).to_be_visible()
    assert Person.objects.get(pk=file.beneficiary_id).phone == "+32 465 00 00 01"
    for page in pages:
        page.context.close()
