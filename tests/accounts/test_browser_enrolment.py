"""In chromium: a first log-in enrols the authentication app from the QR page and lands on "Mes dossiers"."""

import base64

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django_otp.oath import totp
from playwright.sync_api import expect

from access.roles import Role
from tests.factories import TeamFactory, UserFactory
from tests.login import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def test_first_log_in_enrols_by_qr_code_then_lands_on_my_files(page, live_server):
    UserFactory(username="as.cuesmes", role=Role.SOCIAL_WORKER.value, teams=[TeamFactory(name="Cuesmes")])
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Nom d’utilisateur").fill("as.cuesmes")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    expect(page.get_by_role("heading", name="Activer le second facteur")).to_be_visible()
    expect(page.get_by_role("img", name="Code QR à scanner avec votre application")).to_be_visible()
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()

    secret = page.locator("#secret").inner_text().replace(" ", "")
    page.get_by_label("Code à six chiffres").fill("000000")
    page.get_by_role("button", name="Confirmer et continuer").click()
    expect(page.get_by_role("alert")).to_contain_text("Ce code est erroné ou a expiré")

    page.wait_for_timeout(1100)  # django-otp makes the user wait a second after a wrong code
    page.get_by_label("Code à six chiffres").fill(f"{totp(base64.b32decode(secret)):06d}")
    page.get_by_role("button", name="Confirmer et continuer").click()
    expect(page.get_by_role("heading", name="Mes dossiers")).to_be_visible()
    expect(page.get_by_role("link", name="Changer mon mot de passe")).to_be_visible()
