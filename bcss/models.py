"""The CPAS's access registrations in the BCSS sector directory (ManageAccess), and their purpose codes.

The fields follow the ManageAccess request of the BCSS's published schema
(../shared/bcss/XSD/SSDN/OCMW_CPAS/ManageAccess/ManageAccessRequest.xsd): `SSIN` (the person's national
number, read from people), `Purpose` (an integer), `Period` (`StartDate`, optional `EndDate`), `Action`
(REGISTER / UNREGISTER; LIST is a consultation, not a registration to keep) and `Sector` (17, the CPAS; the
BCSS ignores it for REGISTER and UNREGISTER). Issue 15's adapter sends them; until then the BCSS cell types
them into the BCSS's web application and records the outcome here.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.choices import CachedChoiceLabels

CPAS_SECTOR = 17  # "CPAS / OCMW / ÖSHZ" in the BCSS's list of sectors


class Purpose(models.Model):
    """Code qualité (hoedanigheidscode): why the sector holds a file on the person. Catalogue data: each
    row says where its code comes from, so that a CPAS can check and correct it."""

    sector = models.PositiveIntegerField(_("secteur"), default=CPAS_SECTOR)
    code = models.PositiveIntegerField(_("code"))
    label = models.CharField(_("libellé"), max_length=200)
    source = models.CharField(_("source"), max_length=300)
    active = models.BooleanField(_("en usage"), default=True)

    class Meta:
        ordering = ["sector", "code"]
        constraints = [models.UniqueConstraint(fields=["sector", "code"], name="bcss_purpose_unique_code")]
        verbose_name = _("code qualité BCSS")
        verbose_name_plural = _("codes qualité BCSS")

    def __str__(self) -> str:
        return f"{self.code} – {self.label}"


def new_message_reference() -> str:
    """The message's `Reference` in the SSDN envelope: given once, kept through every retry."""
    return uuid.uuid4().hex


class AccessRegistration(CachedChoiceLabels, models.Model):
    """Intégration (or its end) of one person in the sector directory, for one social file."""

    class Action(models.TextChoices):
        REGISTER = "REGISTER", _("Intégration")
        UNREGISTER = "UNREGISTER", _("Désintégration")

    class State(models.TextChoices):
        TODO = "todo", _("À faire")
        DONE = "done", _("Fait")
        FAILED = "failed", _("Échec")
        # Made needless before it was done (a file closed before its registration was made).
        CANCELLED = "cancelled", _("Sans objet")

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="bcss_registrations",
        verbose_name=_("personne"),
    )
    file = models.ForeignKey(
        "files.SocialFile",
        on_delete=models.CASCADE,
        related_name="bcss_registrations",
        verbose_name=_("dossier"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    purpose = models.ForeignKey(
        Purpose, on_delete=models.PROTECT, related_name="+", verbose_name=_("code qualité")
    )
    sector = models.PositiveIntegerField(_("secteur"), default=CPAS_SECTOR)
    start_date = models.DateField(_("début de la période"))
    end_date = models.DateField(_("fin de la période"), null=True, blank=True)
    state = models.CharField(_("état"), max_length=10, choices=State.choices, default=State.TODO)
    # Idempotency: a retry sends the same reference, so that the BCSS never registers twice.
    message_reference = models.CharField(
        _("référence du message"), max_length=36, unique=True, default=new_message_reference, editable=False
    )
    bcss_reference = models.CharField(_("référence BCSS"), max_length=100, blank=True)
    error = models.TextField(_("motif de l'échec"), blank=True)
    attempts = models.PositiveIntegerField(_("tentatives"), default=0)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(_("traitée le"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("traitée par"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        # The queue reads the open ones; a file's latest tells what its next change must be.
        indexes = [
            models.Index(fields=["state"], name="bcss_registration_state_idx"),
            models.Index(fields=["file", "-id"], name="bcss_registration_file_idx"),
        ]
        verbose_name = _("intégration BCSS")
        verbose_name_plural = _("intégrations BCSS")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.purpose.code} ({self.get_state_display()})"

    @property
    def is_open(self) -> bool:
        return self.state in (self.State.TODO, self.State.FAILED)
