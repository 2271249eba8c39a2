from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_role_rules(sender, using="default", **kwargs):
    """One rule per role, second factor required: roles added later get theirs at the next migrate."""
    from access.roles import Role
    from accounts.models import RoleLoginRule

    for role in Role:
        RoleLoginRule.objects.using(using).get_or_create(role=role.value)


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Connexion")

    def ready(self) -> None:
        post_migrate.connect(create_role_rules, sender=self)
