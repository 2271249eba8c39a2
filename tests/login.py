"""Logging test users in as the application requires: password, then the code of their authentication app.

- `verified_login(client, user)`: a Django test client with a session that passed both steps, exactly as
  django_otp.login leaves it (a confirmed TOTP device, its id in the session). Use it instead of force_login.
- `current_code(user)`: the code the user's authentication app shows now (django_otp.oath.totp).
- `browser_log_in(page, base_url, username)`: the real log-in form and code step in a browser.
"""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "motdepasse-de-test"  # the password of tests.factories.UserFactory


def authentication_app(user) -> TOTPDevice:
    """The user's confirmed TOTP device, created with a random key the first time."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test", confirmed=True)


def verified_login(client, user, backend: str | None = None):
    client.force_login(user, backend=backend)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authentication_app(user).persistent_id
    session.save()
    return client


def current_code(device: TOTPDevice) -> str:
    """The code the app shows now, or the next one if this one was used already (a code is accepted once)."""
    device.refresh_from_db()
    now = (int(time.time()) - device.t0) // device.step
    ahead = max(0, device.last_t + 1 - now)  # tolerance 1: the next step's code is accepted too
    assert ahead <= device.tolerance, "log in at most twice per 30 seconds with the same account"
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + ahead)
    return f"{code:0{device.digits}d}"


def browser_log_in(page, base_url: str, username: str, password: str = PASSWORD) -> None:
    """Log in through the form and the code step; lands on the page asked for (by default « Accueil »)."""
    from playwright.sync_api import expect

    device = authentication_app(get_user_model().objects.get(username=username))
    page.goto(base_url + reverse("login"))
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Code de connexion")).to_be_visible()
    page.get_by_label("Code à six chiffres").fill(current_code(device))
    page.get_by_role("button", name="Valider le code").click()
    expect(page.get_by_role("heading", name="Code de connexion")).to_have_count(0)


def log_in_with_code(client, user, password: str = PASSWORD, next_url: str = ""):
    """The whole log-in through the test client: the password form, then the code; returns the last page."""
    device = authentication_app(user)
    client.post(reverse("login"), {"username": user.get_username(), "password": password, "next": next_url})
    return client.post(
        reverse("accounts:code"), {"token": current_code(device), "next": next_url}, follow=True
    )
