"""A session ends after 30 minutes without activity; passwords follow the rules and can be changed."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from access.roles import Role
from audit.models import AuditEvent
from tests.factories import UserFactory
from tests.login import PASSWORD, verified_login

pytestmark = pytest.mark.django_db
MY_FILES = reverse("files:my_files")


@pytest.fixture
def worker(db):
    return UserFactory(role=Role.SOCIAL_WORKER.value)


def test_the_session_ends_after_thirty_idle_minutes_and_the_login_page_says_so(client, worker):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        verified_login(client, worker)
        assert client.get(MY_FILES).status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=31), tick=False):
        response = client.get(MY_FILES, follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "Votre session a expiré après 30 minutes d’inactivité" in response.content.decode()


def test_activity_keeps_the_session_open(client, worker):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        verified_login(client, worker)
    for minutes in (25, 50, 75):
        with time_machine.travel(start + datetime.timedelta(minutes=minutes), tick=False):
            assert client.get(MY_FILES).status_code == 200, minutes


def test_logging_out_is_not_called_an_expiry(client, worker):
    verified_login(client, worker)
    response = client.post(reverse("logout"), follow=True)
    assert "Votre session a expiré" not in response.content.decode()


def test_lockout_after_five_wrong_passwords(client, worker):
    for _ in range(5):
        client.post(reverse("login"), {"username": worker.username, "password": "pas-le-bon-mot"})
    response = client.post(reverse("login"), {"username": worker.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Compte temporairement bloqué" in response.content.decode()


def test_the_top_bar_links_to_the_password_change(client, worker):
    verified_login(client, worker)
    assert reverse("accounts:password_change") in client.get(MY_FILES).content.decode()


def test_a_short_password_is_refused_in_french(client, worker):
    verified_login(client, worker)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "Court-9x", "new_password2": "Court-9x"},
    )
    assert "Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères." in (
        response.content.decode()
    )
    worker.refresh_from_db()
    assert worker.check_password(PASSWORD)


def test_changing_the_password_keeps_the_session_and_is_audited(client, worker):
    verified_login(client, worker)
    new = "une phrase de passe assez longue"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
        follow=True,
    )
    assert "Votre mot de passe a été changé." in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("home:home")
    worker.refresh_from_db()
    assert worker.check_password(new)
    assert AuditEvent.objects.filter(
        user=worker, verb=AuditEvent.Verb.UPDATE, target_type="auth.user", detail__fields=["password"]
    ).exists()
