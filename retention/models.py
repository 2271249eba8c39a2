"""Durées de conservation (letter kinds and file states; document types carry their own in documents), legal
holds that stop a deletion, and the ledger of what apply_retention already deleted or anonymised."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from files.models import SocialFile
from letters.models import Kind as LetterKind


class RetentionRule(models.Model):
    """How long one kind of letter, or the whole content of a file in one state, is kept, from when, on which
    legal basis, and what happens then. The defaults are proposals the DPO confirms (RGPD art. 5.1.e)."""

    class Target(models.TextChoices):
        LETTER_KIND = "letter_kind", _("Type de lettre")
        FILE_STATUS = "file_status", _("Statut du dossier")

    class Start(models.TextChoices):
        FILE_CLOSED = "file_closed", _("Clôture du dossier")
        LETTER_DATE = "letter_date", _("Date de la lettre")
        LETTER_NOTIFIED = "letter_notified", _("Notification de la lettre")

    class Disposal(models.TextChoices):
        DELETE = "delete", _("Suppression")
        # The row stays (registers, statistics), without what identifies the person or tells their story.
        ANONYMISE = "anonymise", _("Anonymisation")

    target = models.CharField(_("objet"), max_length=20, choices=Target.choices)
    key = models.CharField(
        _("type ou statut"), max_length=30, help_text=_("Le type de lettre ou le statut du dossier concerné.")
    )
    # Empty: kept without limit (an open file, for instance).
    years = models.PositiveSmallIntegerField(_("conservation (années)"), null=True, blank=True)
    start = models.CharField(_("à compter de"), max_length=20, choices=Start.choices)
    disposal = models.CharField(
        _("à l'échéance"), max_length=20, choices=Disposal.choices, default=Disposal.ANONYMISE
    )
    legal_basis = models.TextField(_("base légale"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    checked_on = models.DateField(_("vérifiée le"), null=True, blank=True)
    confirmed_by_dpo = models.BooleanField(_("durée confirmée par le DPO"), default=False)

    class Meta:
        ordering = ["target", "key"]
        constraints = [models.UniqueConstraint(fields=["target", "key"], name="retention_rule_once")]
        verbose_name = _("règle de conservation")
        verbose_name_plural = _("règles de conservation")

    def __str__(self) -> str:
        return f"{self.get_target_display()} « {self.key_label} »"

    @property
    def key_label(self) -> str:
        choices = LetterKind if self.target == self.Target.LETTER_KIND else SocialFile.Status
        return str(dict(choices.choices).get(self.key, self.key))

    def clean(self) -> None:
        choices = LetterKind if self.target == self.Target.LETTER_KIND else SocialFile.Status
        if self.key not in choices.values:
            raise ValidationError({"key": _("Ce type ou ce statut n'existe pas.")})
        if self.target == self.Target.FILE_STATUS:
            # A file is never deleted: the trail, the registers and the statistics keep naming it.
            if self.disposal != self.Disposal.ANONYMISE:
                raise ValidationError({"disposal": _("Un dossier est anonymisé, jamais supprimé.")})
            if self.start != self.Start.FILE_CLOSED:
                raise ValidationError({"start": _("La durée d'un dossier court à partir de sa clôture.")})


class LegalHold(models.Model):
    """Gel juridique: nothing of the file is deleted or anonymised while it applies (an appeal pending before
    the labour court, a complaint, a request of the courts…). Set and lifted by retention.holds."""

    file = models.ForeignKey(
        "files.SocialFile", on_delete=models.PROTECT, related_name="legal_holds", verbose_name=_("dossier")
    )
    reason = models.TextField(_("motif"))
    starts_on = models.DateField(_("à partir du"), default=timezone.localdate)
    ends_on = models.DateField(_("jusqu'au"), null=True, blank=True)  # empty: until lifted
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("posé par")
    )
    set_at = models.DateTimeField(_("posé le"), default=timezone.now)
    lifted_at = models.DateTimeField(_("levé le"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("levé par"),
    )
    lift_reason = models.TextField(_("motif de la levée"), blank=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("gel juridique")
        verbose_name_plural = _("gels juridiques")

    def __str__(self) -> str:
        return f"{self.file_id}: {self.reason[:60]}"

    def applies_on(self, day) -> bool:
        """The same test as active_on, for a loaded hold."""
        return (
            self.lifted_at is None and self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)
        )

    @staticmethod
    def active_on(day) -> Q:
        """The holds that apply on `day`."""
        return Q(lifted_at__isnull=True, starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gte=day))


class Disposal(models.Model):
    """One deletion or anonymisation done by apply_retention: what (ids only), when, under which rule. A
    re-run skips what is here; the audit trail holds the same facts, never the content."""

    target_type = models.CharField(max_length=60)  # app_label.model
    target_id = models.BigIntegerField()
    file_id = models.BigIntegerField(null=True, blank=True)
    action = models.CharField(max_length=20, choices=RetentionRule.Disposal.choices)
    rule = models.CharField(max_length=300)
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-done_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["target_type", "target_id"], name="retention_disposal_once")
        ]
        verbose_name = _("élimination")
        verbose_name_plural = _("éliminations")

    def __str__(self) -> str:
        return f"{self.target_type} {self.target_id} ({self.action})"
