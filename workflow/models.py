"""Proposition de décision, its versions, opinions, decision and back-office tasks.

The states and transitions are declared in workflow.declaration, never in these models.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.choices import CachedChoiceLabels
from workflow.declaration import State


class PiisDispensation(models.TextChoices):
    HEALTH = "health", _("raisons de santé")
    EQUITY = "equity", _("raisons d'équité")


class Proposal(CachedChoiceLabels, models.Model):
    """Proposition de décision, written once in the form of the notification; every later step reads it."""

    class Periodicity(models.TextChoices):
        MONTHLY = "monthly", _("Mensuelle")
        FORTNIGHTLY = "fortnightly", _("Par quinzaine")
        WEEKLY = "weekly", _("Hebdomadaire")
        ONCE = "once", _("En une fois")
        NONE = "none", _("Sans paiement")

    file = models.ForeignKey("files.SocialFile", on_delete=models.CASCADE, related_name="proposals")
    request = models.ForeignKey(
        "files.AidRequest", on_delete=models.PROTECT, related_name="proposals", verbose_name=_("demande")
    )
    aid_type = models.ForeignKey("aid.AidType", on_delete=models.PROTECT, verbose_name=_("aide"))
    category = models.ForeignKey(
        "aid.AidCategory", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("catégorie")
    )
    granted = models.BooleanField(
        _("octroi proposé"), default=True, help_text=_("Non : proposition de refus.")
    )
    amount = models.DecimalField(_("montant (EUR)"), max_digits=10, decimal_places=2, null=True, blank=True)
    computation = models.TextField(_("calcul du montant"), blank=True)
    # The amount as computed from the catalogue and the file's resources (workflow.computation): a proposed
    # amount that differs needs a stated reason, which the head of service sees before validating.
    computed_amount = models.DecimalField(
        _("montant calculé (EUR)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    amount_override_reason = models.TextField(_("motif de la dérogation au montant calculé"), blank=True)
    socio_professional = models.BooleanField(_("exonération socioprofessionnelle (art. 35)"), default=False)
    first_payment_on = models.DateField(_("premier paiement le"), null=True, blank=True)
    start_on = models.DateField(_("à partir du"), null=True, blank=True)
    end_on = models.DateField(_("jusqu'au"), null=True, blank=True)
    periodicity = models.CharField(
        _("périodicité"), max_length=20, choices=Periodicity.choices, default=Periodicity.NONE
    )
    conditions = models.TextField(_("conditions"), blank=True)
    piis = models.BooleanField(_("projet individualisé d'intégration sociale (PIIS)"), default=False)
    # Without a PIIS where the law requires one, a motivated dispensation (law of 26 May 2002, art. 13 § 3).
    piis_dispensation = models.CharField(
        _("dispense de PIIS"), max_length=20, choices=PiisDispensation.choices, blank=True
    )
    piis_dispensation_reason = models.TextField(_("motivation de la dispense de PIIS"), blank=True)
    motivation_facts = models.TextField(_("motivation en fait"), blank=True)
    motivation_law = models.TextField(_("motivation en droit"), blank=True)
    # Right to be heard (revenu d'intégration): the person was told of it in writing on this day.
    heard_informed_on = models.DateField(_("informé(e) du droit d'être entendu(e) le"), null=True, blank=True)
    # Or the person said in writing that they do not wish to be heard (before an adverse decision).
    hearing_waived_on = models.DateField(_("renonciation écrite à être entendu le"), null=True, blank=True)
    state = models.CharField(_("étape"), max_length=30, choices=State.choices, default=State.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("rédigée par")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    state_since = models.DateTimeField(_("à cette étape depuis"), default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "state_since"])]
        verbose_name = _("proposition de décision")
        verbose_name_plural = _("propositions de décision")

    def __str__(self) -> str:
        return f"{self.aid_type} – {self.get_state_display()}"


class ProposalVersion(models.Model):
    """A proposal's content as it was saved (the head's corrections stay visible to the social worker)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["proposal", "number"]
        constraints = [models.UniqueConstraint(fields=["proposal", "number"], name="unique_proposal_version")]

    def __str__(self) -> str:
        return f"{self.proposal_id} v{self.number}"


class StepRecord(models.Model):
    """One transition taken: who, when, from which state to which, and their comment."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="steps")
    transition = models.CharField(max_length=40)
    source = models.CharField(max_length=30, choices=State.choices)
    target = models.CharField(max_length=30, choices=State.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["proposal", "at", "id"]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.source} → {self.target}"


class Hearing(models.Model):
    """Audition: the person heard before the decision (revenu d'intégration)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="hearings")
    held_on = models.DateField(_("date de l'audition"))
    attendees = models.CharField(_("présents"), max_length=300)
    summary = models.TextField(_("résumé"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["held_on", "id"]
        verbose_name = _("audition")
        verbose_name_plural = _("auditions")

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y}"


class Opinion(models.Model):
    """Avis du service juridique."""

    class Verdict(models.TextChoices):
        FAVOURABLE = "favourable", _("Favorable")
        WITH_REMARKS = "with_remarks", _("Favorable avec remarques")
        RESERVED = "reserved", _("Réservé")
        UNFAVOURABLE = "unfavourable", _("Défavorable")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="opinions")
    verdict = models.CharField(_("avis"), max_length=20, choices=Verdict.choices)
    text = models.TextField(_("texte de l'avis"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    given_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["given_at", "id"]
        verbose_name = _("avis")
        verbose_name_plural = _("avis")

    def __str__(self) -> str:
        return self.get_verdict_display()


class Decision(models.Model):
    """Décision of the committee (or of the president in urgency, to be ratified)."""

    class Outcome(models.TextChoices):
        GRANTED = "granted", _("Octroyée")
        AMENDED = "amended", _("Octroyée avec modifications")
        REFUSED = "refused", _("Refusée")
        POSTPONED = "postponed", _("Reportée")
        INQUIRY = "inquiry", _("Renvoyée pour complément d'enquête")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(_("décision"), max_length=20, choices=Outcome.choices)
    decided_on = models.DateField(_("décidée le"), default=timezone.localdate)
    urgent = models.BooleanField(_("décision du président en urgence"), default=False)
    ratified_on = models.DateField(_("ratifiée le"), null=True, blank=True)
    comment = models.TextField(_("commentaire"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["decided_on", "id"]
        # The committee's queue: urgent decisions still to ratify.
        indexes = [models.Index(fields=["urgent", "ratified_on"], name="decision_to_ratify_idx")]
        # The president's urgent power is to grant aid, never to refuse it: even a row written outside take()
        # (shell, admin, import) cannot record an urgent refusal.
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(urgent=True) | models.Q(outcome__in=["granted", "amended"]),
                name="urgent_decision_grants",
            )
        ]
        verbose_name = _("décision")
        verbose_name_plural = _("décisions")

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.decided_on:%d/%m/%Y})"


class BackOfficeTask(models.Model):
    """One independent piece of work that a decision creates, in its own queue; done when all are done."""

    class Kind(models.TextChoices):
        NOTIFY = "notify", _("Notifier la décision")
        PAYMENT = "payment", _("Mettre en place le paiement")
        RECOVERY = "recovery", _("Ouvrir l'avance ou la récupération")
        SPP = "spp", _("Enregistrer le droit auprès du SPP Intégration sociale")
        PIIS = "piis", _("Conclure le projet individualisé d'intégration sociale (PIIS)")
        PIIS_EVALUATION = "piis_evaluation", _("Évaluer le PIIS avec la personne")

    class Status(models.TextChoices):
        TODO = "todo", _("À faire")
        IN_PROGRESS = "in_progress", _("En cours")
        DONE = "done", _("Fait")

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(_("tâche"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("état"), max_length=20, choices=Status.choices, default=Status.TODO)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_on = models.DateField(_("échéance"))
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # What "Fait" leaves behind (workflow.backoffice.REFERENCES says which kinds need one): the payment's
    # reference, the SPP form's reference or the recovery claim's number, to find the work in other systems.
    reference = models.CharField(_("référence"), max_length=100, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["due_on", "id"]
        # The back-office queues: open tasks of a kind (most tasks are done).
        indexes = [models.Index(fields=["status", "kind"], name="task_open_kind_idx")]
        # One task of each kind, except the PIIS evaluations (several a year).
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "kind"],
                condition=~models.Q(kind="piis_evaluation"),
                name="one_task_per_kind",
            )
        ]
        verbose_name = _("tâche du back-office")
        verbose_name_plural = _("tâches du back-office")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.get_status_display()}"


class DigestSubscription(models.Model):
    """The user asked for a daily e-mail of their late and at-risk items (references only, never names)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest")
    since = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("résumé quotidien des échéances")
        verbose_name_plural = _("résumés quotidiens des échéances")

    def __str__(self) -> str:
        return str(self.user)
