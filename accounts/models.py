"""Log-in rules kept as data, so that an administrator can change them without a deployment."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.roles import Role


class RoleLoginRule(models.Model):
    """Whether a role must log in with a second factor (code of an authentication app)."""

    role = models.CharField(_("rôle"), max_length=40, choices=Role.choices, unique=True)
    second_factor_required = models.BooleanField(
        _("second facteur exigé"),
        default=True,
        help_text=_(
            "Sans second facteur, un mot de passe volé suffit pour entrer. "
            "Un compte qui a plusieurs rôles en est dispensé seulement si tous ses rôles le sont."
        ),
    )

    class Meta:
        ordering = ["role"]
        verbose_name = _("règle de connexion d'un rôle")
        verbose_name_plural = _("règles de connexion par rôle")

    def __str__(self):
        return str(self.get_role_display())


class AuthenticationApp(TOTPDevice):
    """A user's authentication app (TOTP), as the administration shows it: in French, without its secret."""

    class Meta:
        proxy = True
        verbose_name = _("application d'authentification")
        verbose_name_plural = _("applications d'authentification")

    def __str__(self):
        return str(self.user)
