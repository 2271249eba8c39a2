from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TeamQuerySet(models.QuerySet):
    def owning_files(self) -> "TeamQuerySet":
        """The social-work teams (antennes, services sociaux): the only ones a file may belong to."""
        return self.filter(kind=Team.Kind.ANTENNE)


class Team(models.Model):
    """Équipe: an antenne (social work: it owns files) or a service (legal, payments: it works on them)."""

    class Kind(models.TextChoices):
        ANTENNE = "antenne", _("Antenne")
        SERVICE = "service", _("Service")

    name = models.CharField(_("nom"), max_length=120, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.ANTENNE)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    # Printed in every letter as the contact of the file (charte de l'assuré social, art. 14).
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = models.CharField(
        _("heures d'ouverture"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple : du lundi au vendredi, de 8 h 30 à 12 h."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="teams", verbose_name=_("membres")
    )

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("équipe")
        verbose_name_plural = _("équipes")

    def __str__(self) -> str:
        return self.name

    @property
    def owns_files(self) -> bool:
        return self.kind == self.Kind.ANTENNE


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


class AccessGrantQuerySet(models.QuerySet):
    def active(self, at=None) -> "AccessGrantQuerySet":
        at = at or timezone.now()
        return self.filter(
            models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=at),
            starts_at__lte=at,
            revoked_at__isnull=True,
        )


class AccessGrant(models.Model):
    """Accès limité dans le temps: every access to a file that is not a team membership.

    Granted to one user (break-glass) or to a body (its agenda, an urgent decision it will ratify). A body is
    named by its kind code (committee.Body.kind), never a foreign key: access imports no other app; its
    members are read from BodySeat, which the committee app keeps in step with each body's members.
    """

    class Kind(models.TextChoices):
        BREAK_GLASS = "break_glass", _("Accès exceptionnel")
        AGENDA = "agenda", _("Ordre du jour")
        RATIFICATION = "ratification", _("Décision urgente à ratifier")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("utilisateur"),
    )
    body = models.CharField(_("organe"), max_length=20, blank=True, db_index=True)
    file = models.ForeignKey(
        "files.SocialFile", on_delete=models.PROTECT, related_name="+", verbose_name=_("dossier")
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    source = models.CharField(_("origine"), max_length=60, db_index=True)  # e.g. "meeting:12", "decision:7"
    reason = models.TextField(_("motif"), blank=True)
    starts_at = models.DateTimeField(_("début"), default=timezone.now)
    ends_at = models.DateTimeField(_("fin"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("révoqué par"),
    )

    objects = AccessGrantQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(user__isnull=False) & models.Q(body=""))
                | (models.Q(user__isnull=True) & ~models.Q(body="")),
                name="access_grant_user_xor_body",
            )
        ]
        verbose_name = _("accès limité dans le temps")
        verbose_name_plural = _("accès limités dans le temps")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.user or self.body} – {self.file_id}"

    @property
    def is_active(self) -> bool:
        now = timezone.now()
        return (
            self.revoked_at is None and self.starts_at <= now and (self.ends_at is None or self.ends_at > now)
        )


class BodySeat(models.Model):
    """A user sits in a body (by its kind code): the committee app mirrors each body's members here."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("utilisateur")
    )
    body = models.CharField(_("organe"), max_length=20)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "body"], name="unique_body_seat")]
        verbose_name = _("siège dans un organe")
        verbose_name_plural = _("sièges dans les organes")

    def __str__(self) -> str:
        return f"{self.user} – {self.body}"


class BreakGlassQuerySet(models.QuerySet):
    def active_for(self, user) -> "BreakGlassQuerySet":
        return self.filter(user_id=user.pk, grant__in=AccessGrant.objects.active())


class BreakGlass(models.Model):
    """Demande d'accès exceptionnel: who opened a file outside their teams, why, until when (the journal).

    The access it gives is its AccessGrant, which the policy reads like every other time-bound access.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("utilisateur")
    )
    file = models.ForeignKey(
        "files.SocialFile", on_delete=models.PROTECT, related_name="+", verbose_name=_("dossier")
    )
    reason = models.TextField(_("motif"))
    opened_at = models.DateTimeField(_("ouvert le"), default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(_("expire le"))
    # The access itself: the policy reads only the grant (it may be revoked before expires_at).
    grant = models.OneToOneField(
        AccessGrant,
        on_delete=models.PROTECT,
        null=True,
        related_name="break_glass",
        verbose_name=_("accès accordé"),
    )

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
        return self.grant is not None and self.grant.is_active
