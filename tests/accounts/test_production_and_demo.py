"""Production settings pass Django's deployment check and refuse the demo's bypass of the second factor."""

import base64
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse
from django_otp.oath import totp

from access.roles import Role
from tests.committee.keys import make_signing_keys
from tests.factories import UserFactory
from tests.login import PASSWORD


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DOSSIER_"))}
    environment.update(env)
    return subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_PRODUCTION": "1",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50)[:50],
    "DJANGO_ALLOWED_HOSTS": "cpas.example",
}


def signing_key_environment(folder) -> dict[str, str]:
    """The minutes' signing keys a production deployment configures (throwaway ones, made now)."""
    _ca, signers = make_signing_keys(folder)
    return {
        f"DOSSIER_MINUTES_{role.upper()}_{part.upper()}": path
        for role, paths in signers.items()
        for part, path in paths.items()
    }


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, **signing_key_environment(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_the_minutes_would_go_unsigned():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode != 0
    assert "committee.W001" in result.stderr + result.stdout
    assert "without electronic signature" in result.stderr + result.stdout


def test_a_configured_signing_key_that_cannot_be_read_fails_every_command(tmp_path):
    keys = {
        **signing_key_environment(tmp_path),
        "DOSSIER_MINUTES_SECRETARY_KEY": str(tmp_path / "absent.key"),
    }
    result = manage("check", **keys)
    assert result.returncode != 0
    output = result.stderr + result.stdout
    assert "committee.E001" in output
    assert f"DOSSIER_MINUTES_SECRETARY_KEY={tmp_path / 'absent.key'}" in output and "cannot be read" in output


def test_production_refuses_the_demo_bypass_of_the_second_factor():
    result = manage("check", **PRODUCTION, DOSSIER_DEMO_SKIP_SECOND_FACTOR="1")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DOSSIER_DEMO_SKIP_SECOND_FACTOR" in result.stderr


def test_production_refuses_a_missing_or_short_secret_key():
    for key in ("", "trop-court"):
        result = manage("check", **{**PRODUCTION, "DJANGO_SECRET_KEY": key})
        assert result.returncode != 0
        assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_the_demo_logs_in_with_the_password_and_says_so_on_every_page(client, settings):
    settings.DEMO_SKIP_SECOND_FACTOR = True
    worker = UserFactory(role=Role.SOCIAL_WORKER.value)
    login_page = client.get(reverse("login")).content.decode()
    assert "Démonstration : second facteur désactivé" in login_page
    client.post(reverse("login"), {"username": worker.username, "password": PASSWORD})
    response = client.get(reverse("files:my_files"))
    assert response.status_code == 200
    assert "Démonstration : second facteur désactivé" in response.content.decode()


@pytest.mark.django_db
def test_without_the_demo_bypass_no_banner_is_shown(client):
    assert "Démonstration" not in client.get(reverse("login")).content.decode()


@pytest.mark.django_db
def test_the_demo_account_with_an_app_logs_in_with_the_code_of_the_printed_secret(client):
    from demo import accounts

    accounts.ensure_accounts(accounts.ensure_teams())
    client.post(reverse("login"), {"username": accounts.TOTP_ACCOUNT, "password": accounts.DEMO_PASSWORD})
    code = f"{totp(base64.b32decode(accounts.TOTP_SECRET)):06d}"
    assert client.post(reverse("accounts:code"), {"token": code}).status_code == 302
    assert client.get(reverse("files:my_files")).status_code == 200


def test_load_demo_refuses_to_run_in_production(tmp_path):
    database = tmp_path / "production.sqlite3"
    result = manage("load_demo", **PRODUCTION, DATABASE_URL=f"sqlite:///{database}")
    assert result.returncode != 0
    assert "refusé avec DJANGO_PRODUCTION" in result.stderr
    assert not database.exists() or database.stat().st_size == 0  # refused before any table was touched


@pytest.mark.django_db
def test_the_demo_leaves_an_existing_account_as_it_is(client):
    from access.models import Membership
    from demo import accounts, places

    teams = accounts.ensure_teams()
    president = UserFactory(username="president", role=Role.SOCIAL_WORKER.value, teams=[teams[places.NIMY]])
    as_centre = UserFactory(username=accounts.TOTP_ACCOUNT, role=Role.SOCIAL_WORKER.value)
    users, existing = accounts.ensure_accounts(teams)

    assert existing == [accounts.TOTP_ACCOUNT, "president"]
    president.refresh_from_db()
    assert president.check_password(PASSWORD) and not president.check_password(accounts.DEMO_PASSWORD)
    assert [g.name for g in president.groups.all()] == [Role.SOCIAL_WORKER.value]
    memberships = Membership.objects.filter(user=president)
    assert list(memberships.values_list("team__name", flat=True)) == [places.NIMY]
    assert not as_centre.totpdevice_set.exists()  # the printed secret opens no existing account
    client.post(reverse("login"), {"username": "president", "password": accounts.DEMO_PASSWORD})
    assert "_auth_user_id" not in client.session
    # The missing accounts are created, with the demo's password and role.
    assert users["secretaire"].check_password(accounts.DEMO_PASSWORD)
    assert users["secretaire"].groups.get().name == Role.COMMITTEE_SECRETARY.value
