"""Deciding bodies, their meetings and agendas (issue 5). Decisions themselves are workflow.Decision rows."""

import datetime
import io

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from pyhanko.pdf_utils.reader import PdfFileReader


class Body(models.Model):
    """Organe: comité spécial du service social, conseil de l'action sociale, bureau permanent."""

    # The same codes as aid.AidType.Body, so that an agenda takes the proposals its body decides.
    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("Comité spécial du service social")
        COUNCIL = "council", _("Conseil de l'action sociale")
        BUREAU = "bureau", _("Bureau permanent")

    kind = models.CharField(_("organe"), max_length=20, choices=Kind.choices, unique=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="bodies", verbose_name=_("membres")
    )
    president = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("président(e)")
    )
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("secrétaire")
    )

    class Meta:
        ordering = ["kind"]
        verbose_name = _("organe")
        verbose_name_plural = _("organes")

    def __str__(self) -> str:
        return self.get_kind_display()


class Meeting(models.Model):
    """Séance of a body; its agenda is editable until frozen, its decisions locked once closed."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Prévue")
        FROZEN = "frozen", _("Ordre du jour arrêté")
        IN_SESSION = "in_session", _("En séance")
        CLOSED = "closed", _("Clôturée")

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("organe")
    )
    starts_at = models.DateTimeField(_("date et heure"))
    place = models.CharField(_("lieu"), max_length=200)
    status = models.CharField(_("état"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    present = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("présents")
    )
    ratified = models.ManyToManyField(
        "workflow.Decision", blank=True, related_name="ratified_in", verbose_name=_("décisions ratifiées")
    )
    opened_at = models.DateTimeField(_("ouverte le"), null=True, blank=True)
    closed_at = models.DateTimeField(_("clôturée le"), null=True, blank=True)
    # The signed procès-verbal and its public version (pseudonymised), written once at closing.
    minutes = models.BinaryField(_("procès-verbal"), null=True, editable=False)
    public_minutes = models.BinaryField(_("procès-verbal public"), null=True, editable=False)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("séance")
        verbose_name_plural = _("séances")

    def __str__(self) -> str:
        # In Brussels time: this text is kept in the steps and the timeline of every proposal it decides.
        return f"{self.body} – {timezone.localtime(self.starts_at):%d/%m/%Y %H:%M}"

    @property
    def day(self) -> datetime.date:
        """The meeting's day in Brussels (starts_at is stored in UTC)."""
        return timezone.localdate(self.starts_at)

    @property
    def minutes_signatures(self) -> int:
        """How many electronic signatures the procès-verbal carries (none when no key was configured)."""
        if not self.minutes:
            return 0
        return len(PdfFileReader(io.BytesIO(bytes(self.minutes))).embedded_signatures)

    @property
    def editable_agenda(self) -> bool:
        return self.status == self.Status.PLANNED


class AgendaItem(models.Model):
    """Point de l'ordre du jour: one proposal, numbered, and the decision taken on it in session."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    proposal = models.ForeignKey("workflow.Proposal", on_delete=models.PROTECT, related_name="agenda_items")
    number = models.PositiveIntegerField(_("point"))
    decision = models.OneToOneField(
        "workflow.Decision", on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_item"
    )

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "proposal"], name="one_item_per_proposal"),
        ]
        verbose_name = _("point de l'ordre du jour")
        verbose_name_plural = _("points de l'ordre du jour")

    def __str__(self) -> str:
        return f"{self.meeting} – {self.number}"


class Recusal(models.Model):
    """Déport: a member with a personal interest in an item does not deliberate on it (nor record it), and the
    item's quorum is counted without them (committee.rules.item_quorum)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="recusals")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("membre")
    )
    reason = models.TextField(_("motif"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("enregistré par")
    )
    recorded_at = models.DateTimeField(_("enregistré le"), default=timezone.now)

    class Meta:
        ordering = ["item", "recorded_at", "id"]
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="one_recusal_per_member")]
        verbose_name = _("déport")
        verbose_name_plural = _("déports")

    def __str__(self) -> str:
        return f"{self.item} – {self.member}"
