"""First log-in: the authentication app is enrolled by QR code (or its secret typed), then confirmed."""

import base64
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.roles import Role
from audit.models import AuditEvent
from tests.factories import UserFactory
from tests.login import PASSWORD, authentication_app

pytestmark = pytest.mark.django_db
ENROL_URL = reverse("accounts:enrol")


def secret_on(page: str) -> str:
    return BeautifulSoup(page, "html.parser").find(id="secret").get_text().replace(" ", "")


def code_for(secret: str) -> str:
    return f"{totp(base64.b32decode(secret)):06d}"


@pytest.fixture
def newcomer(client):
    user = UserFactory(username="as.nimy", role=Role.SOCIAL_WORKER.value)
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    return user


def test_without_an_app_the_password_leads_to_the_enrolment_page(client, newcomer):
    response = client.get(reverse("files:my_files"), follow=True)
    assert response.redirect_chain[-1][0].startswith(ENROL_URL)
    page = response.content.decode()
    assert "Activer le second facteur" in page
    svg = BeautifulSoup(page, "html.parser").find("svg", class_="qr-code")
    assert svg is not None and svg.get("role") == "img"  # inline: no image to fetch, nothing for the CSP
    assert re.fullmatch(r"[A-Z2-7]{32}", secret_on(page))


def test_scanning_then_a_first_code_confirms_the_app_and_opens_the_session(client, newcomer):
    secret = secret_on(client.get(ENROL_URL).content.decode())
    assert secret_on(client.get(ENROL_URL).content.decode()) == secret  # a reload keeps the scanned secret
    response = client.post(ENROL_URL, {"token": code_for(secret)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home:home")
    device = TOTPDevice.objects.get(user=newcomer)
    assert device.confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    events = AuditEvent.objects.filter(user=newcomer)
    assert events.filter(verb=AuditEvent.Verb.CREATE, target_id=str(device.pk)).exists()
    assert events.filter(verb=AuditEvent.Verb.LOGIN, detail__enrolment=True).exists()


def test_a_wrong_first_code_leaves_the_app_unconfirmed(client, newcomer):
    response = client.post(ENROL_URL, {"token": "123456"})
    assert "Ce code est erroné ou a expiré" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=newcomer, confirmed=True).exists()
    assert client.get(reverse("files:my_files")).url.startswith(reverse("accounts:code"))
    assert AuditEvent.objects.filter(
        username="as.nimy", verb=AuditEvent.Verb.LOGIN_FAILED, detail__step="otp"
    ).exists()


def test_the_password_alone_cannot_enrol_a_second_app(client):
    user = UserFactory(role=Role.SOCIAL_WORKER.value)
    authentication_app(user)
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    response = client.get(ENROL_URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:code"))
    assert TOTPDevice.objects.filter(user=user).count() == 1
