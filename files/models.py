from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.confidentiality import Level
from config.choices import CachedChoiceLabels


class SocialFile(CachedChoiceLabels, models.Model):
    """Dossier social of one beneficiary."""

    class Status(models.TextChoices):
        OPEN = "open", _("Ouvert")
        DORMANT = "dormant", _("En veille")
        CLOSED = "closed", _("Clôturé")

    reference = models.CharField(_("référence"), max_length=30, unique=True)
    beneficiary = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="files", verbose_name=_("bénéficiaire")
    )
    team = models.ForeignKey(
        "access.Team", on_delete=models.PROTECT, related_name="files", verbose_name=_("équipe")
    )
    primary_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_files",
        verbose_name=_("assistant(e) social(e) référent(e)"),
    )
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.OPEN)
    opened_on = models.DateField(_("ouvert le"), default=timezone.localdate)
    closed_on = models.DateField(_("clôturé le"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("dernière activité"), default=timezone.now, db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-last_activity_at"]
        verbose_name = _("dossier social")
        verbose_name_plural = _("dossiers sociaux")

    def __str__(self) -> str:
        return f"{self.reference} – {self.beneficiary}"


class ReferenceSequence(models.Model):
    """Last sequence number given to a file reference within a year."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class AidRequest(CachedChoiceLabels, models.Model):
    """Demande d'aide, registered on the day it is made: its date starts every legal deadline."""

    class Channel(models.TextChoices):
        DESK = "desk", _("Guichet")
        POST = "post", _("Courrier")
        EMAIL = "email", _("E-mail")
        CPAS_ONLINE = "cpas_online", _("CPAS Online")
        PHONE = "phone", _("Téléphone")

    class Aid(models.TextChoices):
        RI = "ri", _("Revenu d'intégration")
        ERI = "eri", _("Équivalent au revenu d'intégration")
        FINANCIAL = "financial", _("Aide sociale financière")
        IN_KIND = "in_kind", _("Aide en nature")
        AMU = "amu", _("Aide médicale urgente")
        MEDICAL = "medical", _("Frais médicaux et pharmaceutiques")
        ENERGY = "energy", _("Fonds gaz-électricité")
        RENT_GUARANTEE = "rent_guarantee", _("Garantie locative")
        ART60 = "art60", _("Mise à l'emploi (article 60 §7)")
        ADVANCE = "advance", _("Avance sur prestations sociales")
        DEBT = "debt", _("Médiation de dettes")
        # Opened by the CPAS, decided and notified like an aid (catalogue aid types of the same codes).
        RECOVERY_RI = "recup_ri", _("Récupération de revenu d'intégration payé indûment")
        RECOVERY_AID = "recup_aide", _("Récupération d'aide sociale")
        OTHER = "other", _("Autre")

    file = models.ForeignKey(SocialFile, on_delete=models.CASCADE, related_name="requests")
    requested_on = models.DateField(_("date de la demande"), default=timezone.localdate)
    channel = models.CharField(_("canal"), max_length=20, choices=Channel.choices, default=Channel.DESK)
    aid = models.CharField(_("aide demandée"), max_length=20, choices=Aid.choices)
    details = models.TextField(_("précisions"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("enregistrée par"),
    )
    registered_at = models.DateTimeField(_("enregistrée le"), auto_now_add=True)

    class Meta:
        ordering = ["-requested_on", "-id"]
        # The requests tab reads one file's requests a page at a time, in this order.
        indexes = [models.Index(fields=["file", "-requested_on", "-id"], name="request_file_date_idx")]
        verbose_name = _("demande")
        verbose_name_plural = _("demandes")

    def __str__(self) -> str:
        return f"{self.get_aid_display()} ({self.requested_on:%d/%m/%Y})"


class Report(CachedChoiceLabels, models.Model):
    """Rapport social, rapport de visite or note de suivi, in sanitised rich text."""

    class Kind(models.TextChoices):
        SOCIAL_REPORT = "social_report", _("Rapport social")
        HOME_VISIT = "home_visit", _("Rapport de visite à domicile")
        NOTE = "note", _("Note de suivi")

    Confidentiality = Level

    file = models.ForeignKey(SocialFile, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(_("texte"))
    written_on = models.DateField(_("date"), default=timezone.localdate)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("auteur")
    )
    confidentiality = models.CharField(
        _("confidentialité"), max_length=20, choices=Confidentiality.choices, default=Confidentiality.TEAM
    )
    # Sealed: besides its author, only the people named here read it (not even the head of service).
    sealed_readers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("lecteurs désignés")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-written_on", "-id"]
        # The reports tab reads one file's reports a page at a time, in this order.
        indexes = [models.Index(fields=["file", "-written_on", "-id"], name="report_file_date_idx")]
        verbose_name = _("rapport")
        verbose_name_plural = _("rapports")

    def __str__(self) -> str:
        return self.title

    @property
    def is_restricted(self) -> bool:
        """Narrower than the whole team (restricted or sealed)."""
        return self.confidentiality != self.Confidentiality.TEAM


class FileEvent(CachedChoiceLabels, models.Model):
    """One entry of a file's timeline, written by the service that made the change."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Ouverture du dossier")
        REQUEST = "request", _("Demande")
        SOCIAL_REPORT = "social_report", _("Rapport social")
        HOME_VISIT = "home_visit", _("Visite à domicile")
        NOTE = "note", _("Note de suivi")
        REPORT_EDITED = "report_edited", _("Rapport modifié")
        IDENTITY = "identity", _("Signalétique modifiée")
        ADDRESS = "address", _("Adresse")
        HOUSEHOLD = "household", _("Ménage")
        BANK_ACCOUNT = "bank_account", _("Compte bancaire")
        RESOURCE = "resource", _("Ressources")
        ASSIGNMENT = "assignment", _("Attribution")
        STATUS = "status", _("Statut du dossier")
        BREAK_GLASS = "break_glass", _("Accès exceptionnel")
        PROPOSAL = "proposal", _("Proposition de décision")
        HEARING = "hearing", _("Audition")
        DECISION = "decision", _("Décision")
        BACK_OFFICE = "back_office", _("Back-office")
        LETTER_WRITTEN = "letter_written", _("Lettre écrite")
        LETTER_SENT = "letter_sent", _("Lettre envoyée")
        LETTER_RETURNED = "letter_returned", _("Copie de lettre reçue")
        EMAIL_CONSENT = "email_consent", _("Accord pour le courrier par e-mail")
        DOCUMENT = "document", _("Document")
        MAIL_RECEIVED = "mail_received", _("Courrier entrant")
        WAIVER = "waiver", _("Pièce dispensée")
        BCSS = "bcss", _("Banque Carrefour")

    file = models.ForeignKey(SocialFile, on_delete=models.CASCADE, related_name="events")
    occurred_at = models.DateTimeField(_("moment"), default=timezone.now)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    summary = models.CharField(_("résumé"), max_length=300)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    report = models.ForeignKey(Report, on_delete=models.CASCADE, null=True, blank=True, related_name="events")
    # Copied from the report: its events are shown to exactly the people who may read the report.
    confidentiality = models.CharField(max_length=20, choices=Level.choices, default=Level.TEAM)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        # The timeline reads one file's events a page at a time, in this order.
        indexes = [models.Index(fields=["file", "-occurred_at", "-id"], name="event_file_date_idx")]
        verbose_name = _("événement du dossier")
        verbose_name_plural = _("historique du dossier")

    def __str__(self) -> str:
        return f"{self.occurred_at:%d/%m/%Y} {self.get_kind_display()}: {self.summary}"

    @property
    def is_restricted(self) -> bool:
        return self.confidentiality != Level.TEAM


class RequirementWaiver(models.Model):
    """Dispense de pièce: a request goes on without one of the documents its aid requires, for a stated reason
    (files.waivers). The head of service sees it when validating, and the committee on the item."""

    request = models.ForeignKey(AidRequest, on_delete=models.CASCADE, related_name="waivers")
    document_type = models.ForeignKey(
        "documents.DocumentType", on_delete=models.PROTECT, related_name="+", verbose_name=_("pièce")
    )
    reason = models.TextField(_("motif de la dispense"))
    waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("dispensée par")
    )
    waived_at = models.DateTimeField(_("dispensée le"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "document_type"], name="unique_requirement_waiver")
        ]
        verbose_name = _("dispense de pièce")
        verbose_name_plural = _("dispenses de pièce")

    def __str__(self) -> str:
        return f"{self.request} – {self.document_type}"
