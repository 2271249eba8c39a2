"""Logging in, landing on "Mes dossiers", lockout, and the administration of users, roles and teams."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from access.models import Membership
from access.roles import Role
from audit.models import AuditEvent
from tests.factories import TeamFactory, UserFactory
from tests.login import log_in_with_code, verified_login

pytestmark = pytest.mark.django_db
PASSWORD = "motdepasse-de-test"


def test_login_page_is_in_french(client):
    response = client.get(reverse("login"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Se connecter" in page
    assert 'lang="fr"' in page


def test_every_page_asks_to_log_in_first(client):
    response = client.get(reverse("files:my_files"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_user_lands_on_the_home_page_and_the_login_is_audited(client):
    worker = UserFactory(role=Role.SOCIAL_WORKER.value)
    response = log_in_with_code(client, worker)
    assert response.redirect_chain[-1][0] == reverse("home:home")
    assert AuditEvent.objects.filter(user=worker, verb=AuditEvent.Verb.LOGIN).exists()


def test_a_wrong_password_gets_a_french_message_and_is_audited(client):
    worker = UserFactory(role=Role.SOCIAL_WORKER.value)
    response = client.post(reverse("login"), {"username": worker.username, "password": "mauvais"})
    assert "Saisissez un nom d’utilisateur et un mot de passe valides" in response.content.decode()
    assert AuditEvent.objects.filter(username=worker.username, verb=AuditEvent.Verb.LOGIN_FAILED).exists()


def test_the_account_is_locked_after_five_failures(client, settings):
    worker = UserFactory(role=Role.SOCIAL_WORKER.value)
    for _ in range(5):
        client.post(reverse("login"), {"username": worker.username, "password": "mauvais"})
    response = client.post(reverse("login"), {"username": worker.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Compte temporairement bloqué" in response.content.decode()


def test_the_admin_role_manages_users_roles_and_teams_in_french(client):
    admin = UserFactory(role=Role.ADMIN.value)
    team = TeamFactory(name="Antenne Ghlin")
    verified_login(client, admin)
    listing = client.get(reverse("admin:auth_user_changelist"))
    assert listing.status_code == 200
    assert "Sélectionnez l’objet utilisateur à changer" in listing.content.decode()
    form = client.get(reverse("admin:auth_user_add")).content.decode()
    assert "Assistant(e) social(e)" in form
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "as.ghlin",
            "first_name": "Aline",
            "last_name": "Dupont",
            "email": "",
            "password1": "un-mot-de-passe-solide",
            "password2": "un-mot-de-passe-solide",
            "groups": [admin.groups.model.objects.get(name=Role.SOCIAL_WORKER.value).pk],
            "usage": "",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-team": team.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = User.objects.get(username="as.ghlin")
    assert list(created.groups.values_list("name", flat=True)) == [Role.SOCIAL_WORKER.value]
    assert Membership.objects.filter(user=created, team=team).exists()
    assert AuditEvent.objects.filter(user=admin, target_type="auth.user", target_id=str(created.pk)).exists()


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMIN])
def test_other_roles_cannot_open_the_administration(client, role):
    verified_login(client, UserFactory(role=role.value))
    response = client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response.url
