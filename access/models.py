from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Team(models.Model):
    """Équipe: an antenne or a service that files belong to."""

    class Kind(models.TextChoices):
        ANTENNE = "antenne", _("Antenne")
        SERVICE = "service", _("Service")

    name = models.CharField(_("nom"), max_length=120, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.ANTENNE)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="teams", verbose_name=_("membres")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("équipe")
        verbose_name_plural = _("équipes")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """Appartenance d'un utilisateur à une équipe."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("utilisateur"),
    )
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("équipe")
    )
    since = models.DateField(_("depuis"), auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "team"], name="unique_membership")]
        verbose_name = _("appartenance à une équipe")
        verbose_name_plural = _("appartenances aux équipes")

    def __str__(self) -> str:
        return f"{self.user} – {self.team}"
