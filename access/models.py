from django.conf import settings
from django.db import models
from django.utils import timezone
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


class BreakGlassQuerySet(models.QuerySet):
    def active_for(self, user) -> "BreakGlassQuerySet":
        return self.filter(user_id=user.pk, expires_at__gt=timezone.now())


class BreakGlass(models.Model):
    """Accès exceptionnel: a user opened a file outside their teams, giving a reason, for a limited time."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("utilisateur")
    )
    file = models.ForeignKey(
        "files.SocialFile", on_delete=models.PROTECT, related_name="+", verbose_name=_("dossier")
    )
    reason = models.TextField(_("motif"))
    opened_at = models.DateTimeField(_("ouvert le"), default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(_("expire le"))

    objects = BreakGlassQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        indexes = [models.Index(fields=["user", "expires_at"])]
        verbose_name = _("accès exceptionnel")
        verbose_name_plural = _("accès exceptionnels")

    def __str__(self) -> str:
        return f"{self.user} – {self.file_id} ({self.opened_at:%d/%m/%Y %H:%M})"

    @property
    def is_active(self) -> bool:
        return self.expires_at > timezone.now()
