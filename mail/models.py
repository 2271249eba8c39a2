"""Registre du courrier entrant: each piece of mail received, its number, routing, due date and state."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mail.states import State


class MailSequence(models.Model):
    """Last number given to an incoming mail within a year."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class IncomingMail(models.Model):
    """Courrier entrant: registered by the mail cell, routed to a service (a team), given by its head to an
    agent, handled, then filed in a social file (its scan becoming a document of that file)."""

    number = models.CharField(_("numéro"), max_length=30, unique=True)
    received_on = models.DateField(_("reçu le"), default=timezone.localdate)
    sender_name = models.CharField(_("expéditeur"), max_length=200)
    sender_address = models.TextField(_("adresse de l'expéditeur"), blank=True)
    subject = models.CharField(_("objet"), max_length=300)
    # The scan as registered; once filed, the document of the file it became (read through it from then on).
    content = models.ForeignKey(
        "documents.StoredContent", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    content_name = models.CharField(_("fichier reçu"), max_length=255, blank=True)
    document = models.OneToOneField(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incoming_mail",
        verbose_name=_("document"),
    )
    team = models.ForeignKey(
        "access.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agent"),
    )
    file = models.ForeignKey(
        "files.SocialFile",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dossier"),
    )
    request = models.ForeignKey(
        "files.AidRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("demande"),
    )
    due_on = models.DateField(_("à traiter pour le"))
    state = models.CharField(_("état"), max_length=20, choices=State.choices, default=State.RECEIVED)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("enregistré par")
    )
    registered_at = models.DateTimeField(_("enregistré le"), default=timezone.now)
    state_since = models.DateTimeField(_("dans cet état depuis"), default=timezone.now)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [
            # The register, newest first; each agent's queue (mail given to them, not yet handled).
            models.Index(fields=["-received_on", "-id"], name="mail_received_idx"),
            models.Index(fields=["assignee", "state"], name="mail_assignee_state_idx"),
            models.Index(fields=["team", "state"], name="mail_team_state_idx"),
        ]
        verbose_name = _("courrier entrant")
        verbose_name_plural = _("courrier entrant")

    def __str__(self) -> str:
        return f"{self.number} – {self.subject}"


class SenderWord(models.Model):
    """A word of a mail's sender, folded (lower case, no accents; mail.senders): the register finds a sender
    by the start of any of its words through an index, which a search inside the name could not use."""

    mail = models.ForeignKey(IncomingMail, on_delete=models.CASCADE, related_name="sender_words")
    word = models.CharField(max_length=200)

    class Meta:
        indexes = [
            # PostgreSQL's LIKE 'prefix%' reads a pattern_ops index whatever the database's collation; SQLite
            # ignores the operator classes and reads the prefix as a range (mail.senders.starting_with).
            models.Index(
                fields=["word", "mail"],
                name="mail_sender_word_idx",
                opclasses=["varchar_pattern_ops", "int8_ops"],
            ),
        ]

    def __str__(self) -> str:
        return self.word
