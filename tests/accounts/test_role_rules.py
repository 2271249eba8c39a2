"""An administrator may relax the second factor per role; an account needs it unless all its roles are."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from access.roles import Role
from accounts.models import RoleLoginRule
from audit.models import AuditEvent
from tests.factories import UserFactory
from tests.login import PASSWORD, verified_login

pytestmark = pytest.mark.django_db


def lands_after_password(client, user) -> str:
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    response = client.get(reverse("files:my_files"))
    return "Mes dossiers" if response.status_code == 200 else response.url


def relax(role: Role):
    RoleLoginRule.objects.filter(role=role.value).update(second_factor_required=False)


def test_every_role_needs_the_second_factor_by_default():
    assert set(RoleLoginRule.objects.values_list("role", flat=True)) == {r.value for r in Role}
    assert not RoleLoginRule.objects.filter(second_factor_required=False).exists()


def test_the_admin_relaxes_a_role_in_french_and_the_change_is_audited(client):
    admin = UserFactory(role=Role.ADMIN.value)
    verified_login(client, admin)
    listing = client.get(reverse("admin:accounts_roleloginrule_changelist")).content.decode()
    assert "Accueil" in listing and "second facteur exigé" in listing.lower()
    rule = RoleLoginRule.objects.get(role=Role.RECEPTION.value)
    response = client.post(reverse("admin:accounts_roleloginrule_change", args=[rule.pk]), {})
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.second_factor_required is False
    event = AuditEvent.objects.get(user=admin, target_type="accounts.roleloginrule", target_id=str(rule.pk))
    assert event.detail["changes"] == {"second_factor_required": [True, False]}


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMIN])
def test_other_roles_cannot_change_the_rules(client, role):
    verified_login(client, UserFactory(role=role.value))
    response = client.get(reverse("admin:accounts_roleloginrule_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response.url


def test_a_relaxed_role_logs_in_with_the_password_while_another_still_needs_the_code(client):
    relax(Role.RECEPTION)
    reception = UserFactory(role=Role.RECEPTION.value)
    worker = UserFactory(role=Role.SOCIAL_WORKER.value)
    assert lands_after_password(client, reception) == "Mes dossiers"
    client.post(reverse("logout"))
    assert lands_after_password(client, worker).startswith(reverse("accounts:code"))


def test_an_account_with_one_strict_role_still_needs_the_code(client):
    relax(Role.RECEPTION)
    both = UserFactory(role=Role.RECEPTION.value)
    both.groups.add(Group.objects.get_or_create(name=Role.SOCIAL_WORKER.value)[0])
    assert lands_after_password(client, both).startswith(reverse("accounts:code"))


def test_an_account_without_a_role_always_needs_the_code(client):
    for role in Role:
        relax(role)
    assert lands_after_password(client, UserFactory()).startswith(reverse("accounts:code"))
